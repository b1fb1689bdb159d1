package dev.ferry.jms.spec.connection;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.jms.engine.Authenticator;
import dev.ferry.jms.engine.Broker;
import dev.ferry.jms.spec.BrokerSpec;
import dev.ferry.jms.spec.DelegatingStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Session;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JMS 3.1 §6.1: connections, their client identifier, starting and stopping delivery, closing. */
class ConnectionSpec extends BrokerSpec {

    // ---- metadata -----------------------------------------------------------------------------------------

    @Test
    void metaDataNamesFerryAsAJms31Provider() throws JMSException {
        ConnectionMetaData metaData = connection().getMetaData();

        assertThat(metaData.getJMSProviderName()).isEqualTo("Ferry");
        assertThat(metaData.getJMSVersion()).isEqualTo("3.1");
        assertThat(metaData.getJMSMajorVersion()).isEqualTo(3);
        assertThat(metaData.getJMSMinorVersion()).isEqualTo(1);
        assertThat(metaData.getProviderVersion()).isNotBlank();
        assertThat(metaData.getProviderVersion()).startsWith(metaData.getProviderMajorVersion() + "."
                + metaData.getProviderMinorVersion());
    }

    @Test
    void metaDataListsTheSupportedJmsxProperties() throws JMSException {
        List<Object> names = new java.util.ArrayList<>(Collections.list(connection().getMetaData().getJMSXPropertyNames()));

        assertThat(names).containsExactlyInAnyOrder("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq");
    }

    // ---- client identifier --------------------------------------------------------------------------------

    @Test
    void clientIdCanBeSetRightAfterCreation() throws JMSException {
        Connection connection = connection();
        String clientId = "client-" + database + "-set";

        connection.setClientID(clientId);

        assertThat(connection.getClientID()).isEqualTo(clientId);
    }

    @Test
    void clientIdIsNullUntilSet() throws JMSException {
        assertThat(connection().getClientID()).isNull();
    }

    @Test
    void clientIdCannotBeSetAfterASessionWasCreated() throws JMSException {
        Connection connection = connection();
        connection.createSession();

        assertThatThrownBy(() -> connection.setClientID("late-" + database))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void clientIdCannotBeSetAfterTheConnectionStarted() throws JMSException {
        Connection connection = connection();
        connection.start();

        assertThatThrownBy(() -> connection.setClientID("late-start-" + database))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void clientIdCannotBeSetTwice() throws JMSException {
        Connection connection = connection();
        connection.setClientID("twice-" + database);

        assertThatThrownBy(() -> connection.setClientID("again-" + database))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void clientIdInUseByAnotherOpenConnectionIsRefused() throws JMSException {
        String clientId = "taken-" + database;
        connection().setClientID(clientId);
        Connection second = connection();

        assertThatThrownBy(() -> second.setClientID(clientId))
                .isInstanceOf(InvalidClientIDException.class)
                .hasMessageContaining(clientId);
    }

    @Test
    void clientIdIsFreedWhenItsConnectionCloses() throws JMSException {
        String clientId = "freed-" + database;
        Connection first = connection();
        first.setClientID(clientId);
        first.close();

        Connection second = connection();
        second.setClientID(clientId);

        assertThat(second.getClientID()).isEqualTo(clientId);
    }

    @Test
    void emptyClientIdIsInvalid() throws JMSException {
        Connection connection = connection();

        assertThatThrownBy(() -> connection.setClientID("")).isInstanceOf(InvalidClientIDException.class);
        assertThatThrownBy(() -> connection.setClientID(null)).isInstanceOf(InvalidClientIDException.class);
    }

    @Test
    void clientIdPresetByConfigurationIsUsedAndCannotBeChanged() throws JMSException {
        String clientId = "preset-" + database;
        Connection connection = connection(config().with(Map.of(FerryProperties.CLIENT_ID.key(), clientId)));

        assertThat(connection.getClientID()).isEqualTo(clientId);
        assertThatThrownBy(() -> connection.setClientID("other")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void secondConnectionWithTheSamePresetClientIdIsRefused() throws JMSException {
        FerryConfig config = config().with(Map.of(FerryProperties.CLIENT_ID.key(), "preset-twice-" + database));
        connection(config);

        assertThatThrownBy(() -> connection(config)).isInstanceOf(InvalidClientIDException.class);
    }

    // ---- sessions -----------------------------------------------------------------------------------------

    @Test
    void sessionsAreCreatedInTheRequestedModes() throws JMSException {
        Connection connection = connection();

        assertThat(connection.createSession().getAcknowledgeMode()).isEqualTo(Session.AUTO_ACKNOWLEDGE);
        assertThat(connection.createSession(false, Session.CLIENT_ACKNOWLEDGE).getAcknowledgeMode())
                .isEqualTo(Session.CLIENT_ACKNOWLEDGE);
        assertThat(connection.createSession(Session.DUPS_OK_ACKNOWLEDGE).getAcknowledgeMode())
                .isEqualTo(Session.DUPS_OK_ACKNOWLEDGE);
        Session transacted = connection.createSession(true, Session.AUTO_ACKNOWLEDGE);
        assertThat(transacted.getTransacted()).isTrue();
        assertThat(transacted.getAcknowledgeMode()).isEqualTo(Session.SESSION_TRANSACTED);
        assertThat(connection.createSession(Session.SESSION_TRANSACTED).getTransacted()).isTrue();
    }

    @Test
    void invalidAcknowledgeModeIsRefused() throws JMSException {
        Connection connection = connection();

        assertThatThrownBy(() -> connection.createSession(false, 42))
                .isInstanceOf(JMSException.class).hasMessageContaining("42");
        assertThatThrownBy(() -> connection.createSession(7)).isInstanceOf(JMSException.class);
    }

    @Test
    void legacyQueueAndTopicFactoriesMakeLegacyConnections() throws JMSException {
        QueueConnectionFactory queues = factory();
        TopicConnectionFactory topics = factory();

        QueueConnection queueConnection = closeLater(queues.createQueueConnection());
        TopicConnection topicConnection = closeLater(topics.createTopicConnection());

        assertThat(queueConnection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE)).isNotNull();
        assertThat(topicConnection.createTopicSession(true, Session.AUTO_ACKNOWLEDGE).getTransacted()).isTrue();
    }

    // ---- start and stop -----------------------------------------------------------------------------------

    @Test
    void newConnectionDeliversNothingUntilStarted() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "waiting");
        Connection connection = connection();
        MessageConsumer consumer = connection.createSession().createConsumer(queue);

        assertThat(consumer.receive(QUIET_MS)).isNull();

        connection.start();
        assertThat(receiveText(consumer)).isEqualTo("waiting");
    }

    @Test
    void stoppedConnectionPausesListenersUntilRestarted() throws Exception {
        Queue queue = queue();
        Connection connection = startedConnection();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(2);
        connection.createSession().createConsumer(queue).setMessageListener(message -> {
            first.countDown();
            second.countDown();
        });
        sendTexts(queue, "1");
        assertThat(first.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();

        connection.stop();
        sendTexts(queue, "2");
        assertThat(second.await(QUIET_MS, TimeUnit.MILLISECONDS)).isFalse();

        connection.start();
        assertThat(second.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void stopWaitsForRunningListeners() throws Exception {
        Queue queue = queue();
        Connection connection = startedConnection();
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        connection.createSession().createConsumer(queue).setMessageListener(message -> {
            inListener.countDown();
            await(release);
            finished.incrementAndGet();
        });
        sendTexts(queue, "slow");
        assertThat(inListener.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> run(connection::stop));
        Thread.sleep(QUIET_MS);
        assertThat(stopping).isNotDone();

        release.countDown();
        stopping.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertThat(finished.get()).isEqualTo(1);
    }

    @Test
    void listenerMayNotStopOrCloseItsOwnConnection() throws Exception {
        Queue queue = queue();
        Connection connection = startedConnection();
        AtomicReference<Exception> stopFailure = new AtomicReference<>();
        AtomicReference<Exception> closeFailure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        connection.createSession().createConsumer(queue).setMessageListener(message -> {
            try {
                connection.stop();
            } catch (JMSException e) {
                stopFailure.set(e);
            }
            try {
                connection.close();
            } catch (JMSException e) {
                closeFailure.set(e);
            }
            done.countDown();
        });

        sendTexts(queue, "x");

        assertThat(done.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(stopFailure.get()).isInstanceOf(IllegalStateException.class);
        assertThat(closeFailure.get()).isInstanceOf(IllegalStateException.class);
    }

    // ---- closing ------------------------------------------------------------------------------------------

    @Test
    void closeWaitsForRunningListeners() throws Exception {
        Queue queue = queue();
        Connection connection = startedConnection();
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        connection.createSession().createConsumer(queue).setMessageListener(message -> {
            inListener.countDown();
            await(release);
            finished.incrementAndGet();
        });
        sendTexts(queue, "slow");
        assertThat(inListener.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> run(connection::close));
        Thread.sleep(QUIET_MS);
        assertThat(closing).isNotDone();

        release.countDown();
        closing.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertThat(finished.get()).isEqualTo(1);
    }

    @Test
    void receiveBlockedInAnotherThreadReturnsNullWhenTheConnectionCloses() throws Exception {
        Connection connection = startedConnection();
        MessageConsumer consumer = connection.createSession().createConsumer(queue());
        CompletableFuture<Message> received = CompletableFuture.supplyAsync(() -> call(() -> consumer.receive(TIMEOUT_MS * 3)));
        Thread.sleep(QUIET_MS);

        long start = System.nanoTime();
        connection.close();

        assertThat(received.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isNull();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(TIMEOUT_MS);
    }

    @Test
    void closeIsIdempotent() throws JMSException {
        Connection connection = connection();
        connection.close();

        assertThatCode(connection::close).doesNotThrowAnyException();
    }

    @Test
    void everyMethodOfAClosedConnectionThrowsIllegalStateException() throws JMSException {
        Connection connection = connection();
        connection.close();

        assertThatThrownBy(connection::createSession).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connection.createSession(Session.AUTO_ACKNOWLEDGE)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connection.createSession(false, Session.AUTO_ACKNOWLEDGE)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::getClientID).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connection.setClientID("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::getMetaData).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::getExceptionListener).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connection.setExceptionListener(e -> { })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(connection::stop).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connection.createConnectionConsumer(queue(), null, null, 1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ((QueueConnection) connection).createQueueSession(false, Session.AUTO_ACKNOWLEDGE))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingTheConnectionClosesItsSessionsProducersAndConsumers() throws JMSException {
        Queue queue = queue();
        Connection connection = connection();
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);

        connection.close();

        assertThatThrownBy(session::createTextMessage).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> producer.send(new dev.ferry.jms.message.FerryTextMessage("x")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingTheConnectionRedeliversUnacknowledgedMessages() throws JMSException {
        Queue queue = queue();
        sendTexts(queue, "unacknowledged");
        Connection connection = startedConnection();
        receive(connection.createSession(Session.CLIENT_ACKNOWLEDGE).createConsumer(queue));

        connection.close();

        Message again = receive(session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue));
        assertThat(again.getJMSRedelivered()).isTrue();
    }

    // ---- exception listener -------------------------------------------------------------------------------

    @Test
    void exceptionListenerIsToldWhenTheStoreFailsDuringListenerDelivery() throws Exception {
        FerryConfig config = config().with(Map.of(FerryProperties.POLL_INTERVAL.key(), "20ms",
                FerryProperties.PREFETCH.key(), "31"));
        AtomicReference<DelegatingStore> store = new AtomicReference<>();
        Broker broker = Broker.acquire(config, c -> {
            store.set(new DelegatingStore(MessageStores.open(c)));
            return store.get();
        });
        try {
            Connection connection = connection(config);
            CountDownLatch told = new CountDownLatch(1);
            AtomicReference<JMSException> reported = new AtomicReference<>();
            connection.setExceptionListener(e -> {
                reported.set(e);
                told.countDown();
            });
            connection.createSession().createConsumer(queue()).setMessageListener(message -> { });

            store.get().failFromNowOn(true);
            connection.start();

            assertThat(told.await(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(reported.get()).hasMessageContaining("injected failure");
            store.get().failFromNowOn(false);
        } finally {
            broker.release();
        }
    }

    @Test
    void exceptionListenerIsKept() throws JMSException {
        Connection connection = connection();
        jakarta.jms.ExceptionListener listener = e -> { };

        connection.setExceptionListener(listener);

        assertThat(connection.getExceptionListener()).isSameAs(listener);
    }

    // ---- factory ------------------------------------------------------------------------------------------

    @Test
    void connectionsWithCredentialsAreAuthenticatedByTheBroker() throws JMSException {
        FerryConfig config = config(Map.of(FerryProperties.PREFETCH.key(), "29"));
        Broker broker = Broker.acquire(config);
        try {
            broker.setAuthenticator((user, password) -> {
                if (!"secret".equals(password)) {
                    throw new JMSSecurityException("wrong password for " + user);
                }
                return user;
            });
            FerryConnectionFactory factory = new FerryConnectionFactory(config);

            assertThatThrownBy(() -> factory.createConnection("alice", "guess"))
                    .isInstanceOf(JMSSecurityException.class);
            closeLater(factory.createConnection("alice", "secret")).createSession();
        } finally {
            broker.setAuthenticator(Authenticator.OPEN);
            broker.release();
        }
    }

    @Test
    void serializedFactoryConnectsToTheSameStore() throws Exception {
        Queue queue = queue();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(factory());
        }
        FerryConnectionFactory copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (FerryConnectionFactory) in.readObject();
        }
        assertThat(copy.config()).isEqualTo(config());

        sendTexts(queue, "through the copy");
        Connection connection = closeLater(copy.createConnection());
        connection.start();
        assertThat(receiveText(connection.createSession().createConsumer(queue))).isEqualTo("through the copy");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private interface JmsRunnable {
        void run() throws JMSException;
    }

    private interface JmsSupplier<T> {
        T get() throws JMSException;
    }

    private static void run(JmsRunnable action) {
        try {
            action.run();
        } catch (JMSException e) {
            throw new RuntimeException(e);
        }
    }

    private static <T> T call(JmsSupplier<T> action) {
        try {
            return action.get();
        } catch (JMSException e) {
            throw new RuntimeException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
