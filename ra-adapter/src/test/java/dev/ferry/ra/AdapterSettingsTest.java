package dev.ferry.ra;

import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdapterSettingsTest {

    private static Properties system(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    private static Map<String, String> named(String key, String value) {
        Map<String, String> named = new HashMap<>();
        named.put(key, value);
        return named;
    }

    @Test
    void namedConfigPropertyWinsOverPropertiesListAndSystemProperty() {
        FerryConfig config = AdapterSettings.resolve(named("ferry.jdbc.url", "jdbc:h2:mem:named"),
                "ferry.jdbc.url=jdbc:h2:mem:listed", system("ferry.jdbc.url", "jdbc:h2:mem:system"));

        assertThat(config.get(FerryProperties.JDBC_URL)).isEqualTo("jdbc:h2:mem:named");
    }

    @Test
    void propertiesListWinsOverSystemPropertyAndCarriesAnyFerryProperty() {
        FerryConfig config = AdapterSettings.resolve(Map.of(),
                "ferry.redelivery.maxAttempts=5\nferry.poll.interval = 250ms\n",
                system("ferry.redelivery.maxAttempts", "7", "ferry.deadLetterQueue", "Graveyard"));

        assertThat(config.get(FerryProperties.MAX_DELIVERY_ATTEMPTS)).isEqualTo(5);
        assertThat(config.get(FerryProperties.POLL_INTERVAL)).isEqualTo(Duration.ofMillis(250));
        assertThat(config.get(FerryProperties.DEAD_LETTER_QUEUE)).isEqualTo("Graveyard");
    }

    @Test
    void h2UrlWithSemicolonsSurvivesThePropertiesList() {
        FerryConfig config = AdapterSettings.resolve(Map.of(),
                "ferry.jdbc.url=jdbc:h2:file:/tmp/x;AUTO_SERVER=TRUE", system());

        assertThat(config.get(FerryProperties.JDBC_URL)).isEqualTo("jdbc:h2:file:/tmp/x;AUTO_SERVER=TRUE");
    }

    @Test
    void embeddedStoreDefaultsToTheServersDataFolder() {
        FerryConfig config = AdapterSettings.resolve(Map.of(), null, system("jboss.server.data.dir", "/srv/data"));

        assertThat(config.get(FerryProperties.JDBC_URL)).isEqualTo("jdbc:h2:file:/srv/data/ferry/ferry");
    }

    @Test
    void containerDataSourceReplacesTheDefaultUrl() {
        FerryConfig config = AdapterSettings.resolve(named("ferry.datasource", "java:/FerryDS"), null,
                system("jboss.server.data.dir", "/srv/data"));

        assertThat(config.isSet(FerryProperties.JDBC_URL)).isFalse();
        assertThat(config.get(FerryProperties.DATASOURCE)).isEqualTo("java:/FerryDS");
    }

    @Test
    void messageDrivenSessionsClaimOneDeliveryAtATimeUnlessConfigured() {
        assertThat(AdapterSettings.resolve(Map.of(), null, system()).get(FerryProperties.PREFETCH)).isEqualTo(1);
        assertThat(AdapterSettings.resolve(Map.of(), "ferry.consumer.prefetch=8", system())
                .get(FerryProperties.PREFETCH)).isEqualTo(8);
    }

    @Test
    void misspeltPropertyIsRejectedByName() {
        assertThatThrownBy(() -> AdapterSettings.resolve(Map.of(), "ferry.redelivery.maxAtempts=5", system()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ferry.redelivery.maxAtempts");
    }

    @Test
    void nonFerryKeyInPropertiesListIsRejected() {
        assertThatThrownBy(() -> AdapterSettings.resolve(Map.of(), "jdbc.url=x", system()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc.url");
    }

    @Test
    void malformedValueIsRejectedWithTheKey() {
        assertThatThrownBy(() -> AdapterSettings.resolve(Map.of(), null,
                system("ferry.redelivery.maxAttempts", "many")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
