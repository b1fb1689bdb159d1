package dev.ferry.jms.security;

import dev.ferry.jms.engine.Authenticator;
import dev.ferry.jms.engine.AuthenticatorFactory;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import jakarta.jms.JMSSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the configuration turns security on or leaves it off. */
class SecurityConfigurerTest {

    @TempDir
    Path folder;

    private static FerryConfig config(Map<String, String> values) {
        return FerryConfig.of(values);
    }

    @Test
    void securityIsOffWhenNoUsersFileIsConfigured() throws JMSSecurityException {
        Authenticator authenticator = SecurityConfigurer.authenticatorFor(FerryConfig.defaults());

        assertThat(authenticator).isSameAs(Authenticator.OPEN);
        assertThat(authenticator.authenticate("anyone", "anything")).isEqualTo("anyone");
    }

    @Test
    void serviceHookStepsAsideWhenSecurityIsOff() {
        assertThat(new SecurityConfigurer().create(FerryConfig.defaults())).isNull();
    }

    @Test
    void usersFileTurnsSecurityOn() throws IOException {
        Path users = folder.resolve("users.properties");
        Files.writeString(users, "alice = "
                + PasswordHash.of("pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encode() + "\n");

        Authenticator authenticator = new SecurityConfigurer().create(config(Map.of(
                FerryProperties.SECURITY_USERS.key(), users.toString(),
                FerryProperties.SECURITY_DEFAULT_USER.key(), "alice")));

        assertThat(authenticator).isInstanceOf(PropertiesFileAuthenticator.class);
        assertThat(((PropertiesFileAuthenticator) authenticator).accounts()).containsOnlyKeys("alice");
    }

    @Test
    void brokenUsersFileFailsWhenTheAuthenticatorIsBuilt() throws IOException {
        Path users = folder.resolve("users.properties");
        Files.writeString(users, "alice = secret\n");
        FerryConfig config = config(Map.of(FerryProperties.SECURITY_USERS.key(), users.toString()));

        assertThatThrownBy(() -> SecurityConfigurer.authenticatorFor(config))
                .isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining(users.toAbsolutePath() + " (ferry.security.users), line 1");
    }

    @Test
    void defaultUserWithoutUsersFileIsRejectedBecauseSecurityIsOff() {
        FerryConfig config = config(Map.of(FerryProperties.SECURITY_DEFAULT_USER.key(), "guest"));

        assertThatThrownBy(() -> SecurityConfigurer.authenticatorFor(config))
                .isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining("ferry.security.defaultUser is set but security is off");
    }

    @Test
    void emptyUsersFilePathIsRejectedRatherThanLeavingSecurityOff() {
        FerryConfig config = config(Map.of(FerryProperties.SECURITY_USERS.key(), " "));

        assertThatThrownBy(() -> SecurityConfigurer.authenticatorFor(config))
                .isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining("ferry.security.users is empty");
    }

    @Test
    void brokerFindsTheConfigurerThroughTheServiceHook() {
        List<Class<?>> factories = new ArrayList<>();
        ServiceLoader.load(AuthenticatorFactory.class).forEach(factory -> factories.add(factory.getClass()));

        assertThat(factories).contains(SecurityConfigurer.class);
    }
}
