package dev.ferry.console;

import dev.ferry.store.config.FerryProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleOptionsTest {

    @Test
    void defaultsListenOnLoopbackPort8080AgainstTheEmbeddedStore() {
        ConsoleOptions options = ConsoleOptions.parse(new String[0], new Properties());
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.demo()).isFalse();
        assertThat(options.config().get(FerryProperties.JDBC_URL)).isEqualTo("jdbc:h2:file:./ferry-data/ferry");
    }

    @Test
    void commandLineSetsPortDemoAndStoreInTheFerryVocabulary() {
        ConsoleOptions options = ConsoleOptions.parse(new String[] {"--port", "9090", "--demo",
                "--jdbc-url=jdbc:postgresql://db/ferry", "--ferry.jdbc.user", "ferry",
                "--ferry.console.hideBodiesFromViewers=true"}, new Properties());
        assertThat(options.port()).isEqualTo(9090);
        assertThat(options.demo()).isTrue();
        assertThat(options.config().get(FerryProperties.JDBC_URL)).isEqualTo("jdbc:postgresql://db/ferry");
        assertThat(options.config().get(FerryProperties.JDBC_USER)).isEqualTo("ferry");
        assertThat(options.config().get(FerryProperties.CONSOLE_HIDE_BODIES)).isTrue();
    }

    @Test
    void systemPropertiesAndConfigFileCarryFerrySettings(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("console.properties");
        Files.writeString(file, "ferry.jdbc.poolSize=4\n");
        Properties system = new Properties();
        system.setProperty("ferry.console.users", "/etc/ferry/users.properties");
        system.setProperty("java.version", "ignored");
        ConsoleOptions options = ConsoleOptions.parse(new String[] {"--config", file.toString()}, system);
        assertThat(options.config().get(FerryProperties.JDBC_POOL_SIZE)).isEqualTo(4);
        assertThat(options.config().get(FerryProperties.CONSOLE_USERS)).isEqualTo("/etc/ferry/users.properties");
    }

    @Test
    void misspeltSettingOrOptionIsAnErrorNotIgnored() {
        assertThatThrownBy(() -> ConsoleOptions.parse(new String[] {"--ferry.jdbc.ulr=x"}, new Properties()))
                .hasMessageContaining("unknown property ferry.jdbc.ulr");
        assertThatThrownBy(() -> ConsoleOptions.parse(new String[] {"--prot", "1"}, new Properties()))
                .hasMessageContaining("unknown option --prot");
        assertThatThrownBy(() -> ConsoleOptions.parse(new String[] {"--port", "http"}, new Properties()))
                .hasMessageContaining("--port must be a port number");
        assertThatThrownBy(() -> ConsoleOptions.parse(new String[] {"--port"}, new Properties()))
                .hasMessageContaining("--port needs a value");
    }
}
