package dev.ferry.jms.jndi;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.jms.destination.FerryQueue;
import dev.ferry.jms.destination.FerryTopic;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JNDI environment convention: what each kind of entry binds, and how bad entries are reported. */
class FerryInitialContextFactoryTest {

    private static Context context(String... keysAndValues) throws NamingException {
        Hashtable<String, Object> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, FerryInitialContextFactory.class.getName());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            environment.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new InitialContext(environment);
    }

    private static FerryConfig configOf(Context context, String name) throws NamingException {
        return ((FerryConnectionFactory) context.lookup(name)).config();
    }

    // ---- connection factories -------------------------------------------------------------------------

    @Test
    void withoutFactoryEntriesTheEmbeddedDefaultIsBoundAsConnectionFactory() throws NamingException {
        Context context = context();

        assertThat(context.lookup("ConnectionFactory")).isInstanceOf(ConnectionFactory.class);
        assertThat(configOf(context, "ConnectionFactory")).isEqualTo(FerryConfig.defaults());
    }

    @Test
    void factoryEntryValueIsTheStoresJdbcUrl() throws NamingException {
        Context context = context("connectionFactory.jms/Orders", "jdbc:postgresql://db.example/ferry");

        assertThat(configOf(context, "jms/Orders").get(FerryProperties.JDBC_URL))
                .isEqualTo("jdbc:postgresql://db.example/ferry");
    }

    @Test
    void emptyFactoryValueMeansTheEmbeddedDefault() throws NamingException {
        Context context = context("connectionFactory.Local", "");

        assertThat(configOf(context, "Local")).isEqualTo(FerryConfig.defaults());
    }

    @Test
    void declaredFactoriesReplaceTheDefaultOne() throws NamingException {
        Context context = context("connectionFactory.Local", "");

        assertThatThrownBy(() -> context.lookup("ConnectionFactory")).isInstanceOf(NameNotFoundException.class);
    }

    @Test
    void lowerCaseFactoryPrefixIsAcceptedToo() throws NamingException {
        Context context = context("connectionfactory.Local", "jdbc:h2:mem:x");

        assertThat(configOf(context, "Local").get(FerryProperties.JDBC_URL)).isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void globalFerryPropertiesApplyToEveryFactory() throws NamingException {
        Context context = context(
                "connectionFactory.A", "",
                "connectionFactory.B", "jdbc:h2:mem:b",
                "ferry.redelivery.maxAttempts", "5");

        assertThat(configOf(context, "A").get(FerryProperties.MAX_DELIVERY_ATTEMPTS)).isEqualTo(5);
        assertThat(configOf(context, "B").get(FerryProperties.MAX_DELIVERY_ATTEMPTS)).isEqualTo(5);
    }

    @Test
    void globalFerryPropertiesApplyToTheDefaultFactory() throws NamingException {
        Context context = context("ferry.consumer.prefetch", "7");

        assertThat(configOf(context, "ConnectionFactory").get(FerryProperties.PREFETCH)).isEqualTo(7);
    }

    @Test
    void perFactoryFerryPropertiesOverrideGlobalOnesForThatFactoryOnly() throws NamingException {
        Context context = context(
                "connectionFactory.A", "",
                "connectionFactory.B", "",
                "connectionFactory.B.ferry.redelivery.maxAttempts", "2",
                "ferry.redelivery.maxAttempts", "5");

        assertThat(configOf(context, "A").get(FerryProperties.MAX_DELIVERY_ATTEMPTS)).isEqualTo(5);
        assertThat(configOf(context, "B").get(FerryProperties.MAX_DELIVERY_ATTEMPTS)).isEqualTo(2);
    }

    @Test
    void perFactoryPropertiesWorkForNamesWithDotsAndSlashes() throws NamingException {
        Context context = context(
                "connectionFactory.jms/orders.eu", "jdbc:postgresql://localhost/ferry",
                "connectionFactory.jms/orders.eu.ferry.jdbc.user", "ferry");

        assertThat(configOf(context, "jms/orders.eu").get(FerryProperties.JDBC_USER)).isEqualTo("ferry");
    }

    @Test
    void clientIdEntryPresetsTheClientIdOfTheFactorysConnections() throws NamingException {
        Context context = context(
                "connectionFactory.CF", "",
                "connectionFactory.CF.clientID", "orders-app");

        assertThat(configOf(context, "CF").get(FerryProperties.CLIENT_ID)).isEqualTo("orders-app");
    }

    @Test
    void clientIdGivenTwiceForOneFactoryIsRejected() {
        assertThatThrownBy(() -> context(
                "connectionFactory.CF", "",
                "connectionFactory.CF.clientID", "a",
                "connectionFactory.CF.ferry.clientID", "b"))
                .isInstanceOf(NamingException.class)
                .hasMessageContaining("ferry.clientID")
                .hasMessageContaining("second time");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ConnectionFactory", "QueueConnectionFactory", "TopicConnectionFactory",
            "queueconnectionfactory"})
    void typeAcceptsTheThreeNonXaFactoryInterfaces(String type) throws NamingException {
        Context context = context("connectionFactory.CF", "", "connectionFactory.CF.type", type);

        Object factory = context.lookup("CF");
        assertThat(factory).isInstanceOf(QueueConnectionFactory.class).isInstanceOf(TopicConnectionFactory.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XAConnectionFactory", "XAQueueConnectionFactory", "XATopicConnectionFactory",
            "xaconnectionfactory"})
    void xaTypesBindAnXaFactoryThatIsAlsoAPlainOne(String type) throws NamingException {
        Context context = context("connectionFactory.CF", "", "connectionFactory.CF.type", type);

        Object factory = context.lookup("CF");
        assertThat(factory).isInstanceOf(jakarta.jms.XAConnectionFactory.class)
                .isInstanceOf(jakarta.jms.XAQueueConnectionFactory.class)
                .isInstanceOf(jakarta.jms.XATopicConnectionFactory.class)
                .isInstanceOf(QueueConnectionFactory.class);
    }

    @Test
    void plainTypeBindsAFactoryThatIsNotXa() throws NamingException {
        Context context = context("connectionFactory.CF", "", "connectionFactory.CF.type", "ConnectionFactory");

        assertThat(context.lookup("CF")).isNotInstanceOf(jakarta.jms.XAConnectionFactory.class);
    }

    @Test
    void unknownTypeIsRejectedNamingTheAllowedValues() {
        assertThatThrownBy(() -> context("connectionFactory.CF", "", "connectionFactory.CF.type", "Fast"))
                .isInstanceOf(NamingException.class)
                .hasMessageContaining("'Fast'")
                .hasMessageContaining("connectionFactory.CF.type")
                .hasMessageContaining("XAConnectionFactory, XAQueueConnectionFactory or XATopicConnectionFactory");
    }

    @Test
    void settingsOfAnUndeclaredFactoryAreRejected() {
        assertThatThrownBy(() -> context("connectionFactory.CF.ferry.jdbc.user", "ferry"))
                .isInstanceOf(NamingException.class)
                .hasMessageContaining("connectionFactory.CF.ferry.jdbc.user")
                .hasMessageContaining("not declared")
                .hasMessageContaining("connectionFactory.CF=");
    }

    @Test
    void factoryValueThatIsNotAJdbcUrlIsRejected() {
        assertThatThrownBy(() -> context("connectionFactory.CF", "tcp://localhost:61616"))
                .isInstanceOf(NamingException.class)
                .hasMessageContaining("connectionFactory.CF")
                .hasMessageContaining("tcp://localhost:61616")
                .hasMessageContaining("JDBC URL");
    }

    @Test
    void urlInTheEntryAndInFerryJdbcUrlTogetherAreRejected() {
        assertThatThrownBy(() -> context(
                "connectionFactory.CF", "jdbc:h2:mem:a",
                "connectionFactory.CF.ferry.jdbc.url", "jdbc:h2:mem:b"))
                .isInstanceOf(NamingException.class)
                .hasMessageContaining("connectionFactory.CF.ferry.jdbc.url");
    }

    @Test
    void invalidGlobalFerryValueIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> context("ferry.redelivery.maxAttempts", "many"))
                .isInstanceOf(NamingException.class)
                .hasMessageContaining("ferry.redelivery.maxAttempts")
                .hasMessageContaining("'many'");
    }

    @Test
    void invalidPerFactoryValueIsRejectedNamingTheFullKey() {
        assertThatThrownBy(() -> context(
                "connectionFactory.CF", "",
                "connectionFactory.CF.ferry.consumer.prefetch", "-1"))
                .isInstanceOf(NamingException.class)
                .hasMessageContaining("connectionFactory.CF.ferry.consumer.prefetch")
                .hasMessageContaining("must be positive");
    }

    @Test
    void unknownFerryPropertyIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> context("ferry.redelivery.maxAtempts", "5"))
                .isInstanceOf(NamingException.class)
                .hasMessageContaining("unknown property ferry.redelivery.maxAtempts");
    }

    @Test
    void keysOfOtherProvidersAndTheJdkAreIgnored() throws NamingException {
        Context context = context(Context.PROVIDER_URL, "tcp://localhost", "my.app.setting", "x");

        assertThat(context.lookup("ConnectionFactory")).isInstanceOf(FerryConnectionFactory.class);
    }

    // ---- destinations -----------------------------------------------------------------------------------

    @Test
    void queueEntryBindsTheQueueOfThePhysicalName() throws NamingException, jakarta.jms.JMSException {
        Context context = context("queue.jms/Orders", "orders");

        assertThat(context.lookup("jms/Orders")).isEqualTo(new FerryQueue("orders"));
        assertThat(((Queue) context.lookup("jms/Orders")).getQueueName()).isEqualTo("orders");
    }

    @Test
    void topicEntryBindsTheTopicOfThePhysicalName() throws NamingException, jakarta.jms.JMSException {
        Context context = context("topic.jms/Prices", "prices");

        assertThat(((Topic) context.lookup("jms/Prices")).getTopicName()).isEqualTo("prices");
    }

    @Test
    void emptyPhysicalNameIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> context("queue.jms/Orders", " "))
                .isInstanceOf(NamingException.class)
                .hasMessageContaining("queue.jms/Orders")
                .hasMessageContaining("physical queue name");
    }

    @Test
    void tooLongPhysicalNameIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> context("topic.t", "x".repeat(201)))
                .isInstanceOf(NamingException.class)
                .hasMessageContaining("topic.t")
                .hasMessageContaining("limit is 200");
    }

    @Test
    void oneJndiNameDeclaredTwiceIsRejectedNamingBothKeys() {
        assertThatThrownBy(() -> context("queue.jms/X", "x", "topic.jms/X", "x"))
                .isInstanceOf(NamingException.class)
                .hasMessageContaining("queue.jms/X")
                .hasMessageContaining("topic.jms/X");
    }

    @Test
    void dynamicQueuesResolveAnyPhysicalQueueName() throws NamingException {
        assertThat(context().lookup("dynamicQueues/orders.eu")).isEqualTo(new FerryQueue("orders.eu"));
    }

    @Test
    void dynamicTopicsResolveAnyPhysicalTopicName() throws NamingException {
        assertThat(context().lookup("dynamicTopics/prices")).isEqualTo(new FerryTopic("prices"));
    }

    @Test
    void dynamicLookupWithoutANameIsRejected() {
        assertThatThrownBy(() -> context().lookup("dynamicQueues/"))
                .isInstanceOf(NamingException.class)
                .hasMessageContaining("dynamicQueues/")
                .hasMessageContaining("must not be null or blank");
    }

    // ---- the context ------------------------------------------------------------------------------------

    @Test
    void lookupByNameTreatsItsComponentsAsOneFlatName() throws NamingException {
        Context context = context("queue.jms/Orders", "orders");

        assertThat(context.lookup(new CompositeName("jms/Orders"))).isEqualTo(new FerryQueue("orders"));
    }

    @Test
    void unknownNameRaisesNameNotFoundListingTheBoundNames() throws NamingException {
        Context context = context("queue.jms/Orders", "orders");

        assertThatThrownBy(() -> context.lookup("jms/Ordrs"))
                .isInstanceOf(NameNotFoundException.class)
                .hasMessageContaining("'jms/Ordrs' is not bound")
                .hasMessageContaining("[ConnectionFactory, jms/Orders]")
                .hasMessageContaining("dynamicQueues/<name>");
    }

    @Test
    void emptyNameLooksUpTheContextItself() throws NamingException {
        Context context = context("queue.q", "q");

        Object self = context.lookup("");
        assertThat(self).isInstanceOf(Context.class);
        assertThat(((Context) self).lookup("q")).isEqualTo(new FerryQueue("q"));
    }

    @Test
    void listShowsEveryBoundNameWithItsClass() throws NamingException {
        Context context = context("queue.q", "q", "topic.t", "t");

        List<String> listed = new ArrayList<>();
        NamingEnumeration<NameClassPair> pairs = context.list("");
        while (pairs.hasMore()) {
            NameClassPair pair = pairs.next();
            listed.add(pair.getName() + "=" + pair.getClassName());
        }
        assertThat(listed).containsExactly(
                "ConnectionFactory=" + FerryConnectionFactory.class.getName(),
                "q=" + FerryQueue.class.getName(),
                "t=" + FerryTopic.class.getName());
    }

    @Test
    void listBindingsShowsEveryBoundObject() throws NamingException {
        Context context = context("queue.q", "q");

        List<Object> objects = new ArrayList<>();
        NamingEnumeration<Binding> bindings = context.listBindings("");
        while (bindings.hasMore()) {
            objects.add(bindings.next().getObject());
        }
        assertThat(objects).hasSize(2).contains(new FerryQueue("q"));
    }

    @Test
    void listingALeafIsNotAContext() throws NamingException {
        Context context = context("queue.q", "q");

        assertThatThrownBy(() -> context.list("q")).isInstanceOf(NotContextException.class);
    }

    @Test
    void bindingOperationsAreNotSupported() throws NamingException {
        Context context = context();

        assertThatThrownBy(() -> context.bind("x", new FerryQueue("x")))
                .isInstanceOf(OperationNotSupportedException.class).hasMessageContaining("read-only");
        assertThatThrownBy(() -> context.rebind("ConnectionFactory", new FerryQueue("x")))
                .isInstanceOf(OperationNotSupportedException.class);
        assertThatThrownBy(() -> context.unbind("ConnectionFactory"))
                .isInstanceOf(OperationNotSupportedException.class);
        assertThatThrownBy(() -> context.rename("ConnectionFactory", "CF"))
                .isInstanceOf(OperationNotSupportedException.class);
        assertThatThrownBy(() -> context.createSubcontext("jms"))
                .isInstanceOf(OperationNotSupportedException.class);
        assertThatThrownBy(() -> context.destroySubcontext("jms"))
                .isInstanceOf(OperationNotSupportedException.class);
    }

    @Test
    void jndiPropertiesOnTheClasspathConfigureANoArgumentInitialContext(@TempDir Path folder)
            throws IOException, NamingException {
        Files.writeString(folder.resolve("jndi.properties"), String.join("\n",
                "java.naming.factory.initial=" + FerryInitialContextFactory.class.getName(),
                "connectionFactory.ConnectionFactory=jdbc:postgresql://localhost/ferry",
                "connectionFactory.ConnectionFactory.ferry.jdbc.user=ferry",
                "queue.jms/Orders=orders",
                "ferry.redelivery.maxAttempts=5", ""));
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        // InitialContext reads jndi.properties through the context class loader (javax.naming.Context docs).
        try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, original)) {
            thread.setContextClassLoader(loader);
            Context context = new InitialContext();

            FerryConfig config = configOf(context, "ConnectionFactory");
            assertThat(config.get(FerryProperties.JDBC_URL)).isEqualTo("jdbc:postgresql://localhost/ferry");
            assertThat(config.get(FerryProperties.JDBC_USER)).isEqualTo("ferry");
            assertThat(config.get(FerryProperties.MAX_DELIVERY_ATTEMPTS)).isEqualTo(5);
            assertThat(context.lookup("jms/Orders")).isEqualTo(new FerryQueue("orders"));
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @Test
    void creatingTheContextAndLookingUpAFactoryOpensNoStore(@TempDir Path folder) throws NamingException,
            IOException {
        Context context = context("connectionFactory.CF", "jdbc:h2:file:" + folder.resolve("db"));

        context.lookup("CF");

        try (var files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }
}
