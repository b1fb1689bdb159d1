package dev.ferry.jms.jndi;

import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import dev.ferry.store.testing.TestDatabase;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.Hashtable;

import static org.assertj.core.api.Assertions.assertThat;

/** What a Java SE program needs: look up a factory and a queue, then send and receive, on each database. */
class JndiLookupEndToEndTest {

    private static Context jndi(FerryConfig database) throws NamingException {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, FerryInitialContextFactory.class.getName());
        environment.put("connectionFactory.jms/CF", TestDatabase.jdbcUrlOf(database));
        String user = database.get(FerryProperties.JDBC_USER);
        if (user != null) {
            environment.put("connectionFactory.jms/CF.ferry.jdbc.user", user);
            environment.put("connectionFactory.jms/CF.ferry.jdbc.password", database.get(FerryProperties.JDBC_PASSWORD));
        }
        environment.put("connectionFactory.jms/CF.clientID", "jndi-test");
        environment.put("queue.jms/Orders", "orders");
        return new InitialContext(environment);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void lookedUpFactoryAndQueueSendAndReceive(TestDatabase database) throws NamingException {
        Context jndi = jndi(database.newConfig());
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("jms/CF");
        Queue orders = (Queue) jndi.lookup("jms/Orders");

        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(orders, "order 1");

            assertThat(context.createConsumer(orders).receiveBody(String.class, 10_000)).isEqualTo("order 1");
            assertThat(context.getClientID()).isEqualTo("jndi-test");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void dynamicQueueNamesTheSameQueueAsItsDeclaredEntry(TestDatabase database) throws NamingException {
        Context jndi = jndi(database.newConfig());
        ConnectionFactory factory = (ConnectionFactory) jndi.lookup("jms/CF");

        try (JMSContext context = factory.createContext()) {
            context.createProducer().send((Queue) jndi.lookup("dynamicQueues/orders"), "order 2");

            assertThat(context.createConsumer((Queue) jndi.lookup("jms/Orders")).receiveBody(String.class, 10_000))
                    .isEqualTo("order 2");
        }
    }
}
