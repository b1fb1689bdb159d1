package dev.ferry.jms.security;

import dev.ferry.jms.connection.FerryConnection;
import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.testing.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Queue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Security end to end: a broker configured with a users file, on each database, as applications see it through
 * {@code createConnection} and {@code createContext}.
 */
class SecuredBrokerTest {

    private static Path folder;
    private static Path usersFile;
    private static final Map<TestDatabase, FerryConfig> SECURED = new EnumMap<>(TestDatabase.class);
    /** Keeps each secured broker (and its store) running between tests, so that it opens once per database. */
    private static final List<Connection> KEEPERS = new ArrayList<>();

    @BeforeAll
    static void writeUsersFile() throws IOException {
        folder = Files.createTempDirectory("ferry-security-");
        usersFile = folder.resolve("users.properties");
        String hash = PasswordHash.of("right".toCharArray(), PasswordHash.MIN_ITERATIONS).encode();
        Files.writeString(usersFile, "alice = " + hash + ", orders\n");
    }

    @AfterAll
    static void closeBrokers() throws JMSException, IOException {
        for (Connection keeper : KEEPERS) {
            keeper.close();
        }
        Files.deleteIfExists(usersFile);
        Files.deleteIfExists(folder.resolve("broken.properties"));
        Files.deleteIfExists(folder);
    }

    private static synchronized FerryConnectionFactory secured(TestDatabase database) throws JMSException {
        FerryConfig config = SECURED.get(database);
        if (config == null) {
            config = database.newConfig(Map.of(FerryProperties.SECURITY_USERS.key(), usersFile.toString()));
            SECURED.put(database, config);
            KEEPERS.add(new FerryConnectionFactory(config).createConnection("alice", "right"));
        }
        return new FerryConnectionFactory(config);
    }

    private static FerryConnectionFactory securedWith(TestDatabase database, String... keysAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(FerryProperties.SECURITY_USERS.key(), usersFile.toString());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new FerryConnectionFactory(database.newConfig(values));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void wrongPasswordFailsCreateConnection(TestDatabase database) throws JMSException {
        FerryConnectionFactory factory = secured(database);

        assertThatThrownBy(() -> factory.createConnection("alice", "wrong"))
                .isInstanceOf(JMSSecurityException.class)
                .hasMessage("invalid user name or password");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void unknownUserFailsCreateConnectionWithTheSameMessage(TestDatabase database) throws JMSException {
        FerryConnectionFactory factory = secured(database);

        assertThatThrownBy(() -> factory.createConnection("mallory", "right"))
                .isInstanceOf(JMSSecurityException.class)
                .hasMessage("invalid user name or password");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void wrongPasswordFailsCreateContextWithTheRuntimeTwin(TestDatabase database) throws JMSException {
        FerryConnectionFactory factory = secured(database);

        assertThatThrownBy(() -> factory.createContext("alice", "wrong"))
                .isInstanceOf(JMSSecurityRuntimeException.class)
                .hasMessage("invalid user name or password");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void missingCredentialsAreRefusedWithoutADefaultUser(TestDatabase database) throws JMSException {
        FerryConnectionFactory factory = secured(database);

        assertThatThrownBy(factory::createConnection)
                .isInstanceOf(JMSSecurityException.class)
                .hasMessageContaining("credentials are required");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rightCredentialsConnectAndExchangeMessages(TestDatabase database) throws JMSException {
        FerryConnectionFactory factory = secured(database);

        try (JMSContext context = factory.createContext("alice", "right")) {
            Queue queue = context.createQueue("secured-" + database);
            context.createProducer().send(queue, "for alice");

            assertThat(context.createConsumer(queue).receiveBody(String.class, 10_000)).isEqualTo("for alice");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void defaultUserAppliesToConnectionsWithoutCredentials(TestDatabase database) throws JMSException {
        FerryConnectionFactory factory = securedWith(database,
                FerryProperties.SECURITY_DEFAULT_USER.key(), "guest");

        try (Connection connection = factory.createConnection()) {
            assertThat(((FerryConnection) connection).engine().user()).isEqualTo("guest");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void factoryCredentialsAreUsedByCreateConnectionWithoutArguments(TestDatabase database) throws JMSException {
        FerryConnectionFactory factory = securedWith(database,
                FerryProperties.USER.key(), "alice", FerryProperties.PASSWORD.key(), "right");

        try (Connection connection = factory.createConnection()) {
            assertThat(((FerryConnection) connection).engine().user()).isEqualTo("alice");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void brokenUsersFileStopsTheFirstConnectionNamingFileAndLine(TestDatabase database) throws IOException {
        Path broken = folder.resolve("broken.properties");
        Files.writeString(broken, "# users\nalice = right\n");
        FerryConnectionFactory factory = new FerryConnectionFactory(database.newConfig(Map.of(
                FerryProperties.SECURITY_USERS.key(), broken.toString())));

        assertThatThrownBy(() -> factory.createConnection("alice", "right"))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining(broken.toAbsolutePath() + " (ferry.security.users), line 2")
                .hasMessageContaining("invalid password hash for user 'alice'");
    }
}
