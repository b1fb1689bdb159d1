package dev.ferry.console;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.jms.engine.Broker;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.DestinationPolicy;
import dev.ferry.store.MessageStore;
import dev.ferry.store.config.FerryConfig;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code --demo}: an embedded Ferry broker on the console's own store with traffic a first-time user can
 * watch and act on:
 * <ul>
 *   <li>{@code orders} — JSON orders, produced and consumed continuously;</li>
 *   <li>{@code invoices} — XML invoices, produced up to a backlog of {@value #INVOICE_BACKLOG}, no consumer;</li>
 *   <li>{@code payments} — map messages; its consumer rolls back payments over {@value #PAYMENT_LIMIT}, which
 *       after {@value #PAYMENT_ATTEMPTS} attempts land in the dead-letter queue {@code DLQ};</li>
 *   <li>{@code prices} — a topic with a consumed durable subscription {@code ticker} and an unconsumed one
 *       {@code archive} (backlog up to {@value #ARCHIVE_BACKLOG}).</li>
 * </ul>
 * The broker shares the console's store, so operations in the console wake its consumers at once.
 */
public final class DemoTraffic implements AutoCloseable {

    static final int INVOICE_BACKLOG = 300;
    static final int ARCHIVE_BACKLOG = 500;
    static final int PAYMENT_LIMIT = 900;
    static final int PAYMENT_ATTEMPTS = 3;

    private final Broker broker;
    private final FerryConnectionFactory factory;
    private final MessageStore store;
    private final ScheduledExecutorService producers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ferry-demo-producers");
        thread.setDaemon(true);
        return thread;
    });
    private final List<JMSContext> contexts = new ArrayList<>();
    private final Random random = new Random();
    private long sequence;

    private DemoTraffic(Broker broker, FerryConfig config, MessageStore store) {
        this.broker = broker;
        this.factory = new FerryConnectionFactory(config);
        this.store = store;
    }

    /**
     * Starts the broker on {@code store} (which it then owns: it is closed with the last connection) and the
     * traffic.
     */
    public static DemoTraffic start(FerryConfig config, MessageStore store) throws JMSException {
        Broker broker = Broker.acquire(config, ignored -> store);
        DemoTraffic demo = new DemoTraffic(broker, config, store);
        try {
            demo.prepareDestinations();
            demo.startConsumers();
            demo.startProducers();
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    private void prepareDestinations() {
        for (String queue : List.of("orders", "invoices", "payments", "DLQ")) {
            store.createDestinationIfAbsent(queue, DestinationKind.QUEUE);
        }
        Destination payments = store.createDestinationIfAbsent("payments", DestinationKind.QUEUE);
        store.updatePolicy(payments.id(), new DestinationPolicy(null, PAYMENT_ATTEMPTS, null, null, null, null,
                payments.policy().paused()));
        store.createDestinationIfAbsent("prices", DestinationKind.TOPIC);
    }

    private JMSContext context(int mode) {
        JMSContext context = factory.createContext(mode);
        synchronized (contexts) {
            contexts.add(context);
        }
        return context;
    }

    private void startConsumers() {
        JMSContext orders = context(JMSContext.AUTO_ACKNOWLEDGE);
        orders.createConsumer(orders.createQueue("orders")).setMessageListener(message -> { });

        JMSContext payments = context(JMSContext.SESSION_TRANSACTED);
        payments.createConsumer(payments.createQueue("payments")).setMessageListener(message -> {
            try {
                int amount = message.getIntProperty("amount");
                if (amount > PAYMENT_LIMIT) {
                    payments.rollback(); // refused; after the last attempt it is dead-lettered
                } else {
                    payments.commit();
                }
            } catch (JMSException | JMSRuntimeException | NumberFormatException e) {
                payments.rollback();
            }
        });

        JMSContext ticker = context(JMSContext.AUTO_ACKNOWLEDGE);
        ticker.setClientID("demo-ticker");
        ticker.createDurableConsumer(ticker.createTopic("prices"), "ticker").setMessageListener(message -> { });

        // a durable subscription nobody consumes: its backlog grows until the publisher holds back
        JMSContext archive = context(JMSContext.AUTO_ACKNOWLEDGE);
        archive.setClientID("demo-archive");
        JMSConsumer archiveConsumer = archive.createDurableConsumer(archive.createTopic("prices"), "archive");
        archiveConsumer.close();
    }

    private void startProducers() {
        JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        Queue orders = context.createQueue("orders");
        Queue invoices = context.createQueue("invoices");
        Queue payments = context.createQueue("payments");
        Topic prices = context.createTopic("prices");
        long invoicesQueue = store.findDestination("invoices", DestinationKind.QUEUE).orElseThrow().queueId();
        producers.scheduleWithFixedDelay(() -> {
            try {
                long n = ++sequence;
                sendOrder(context, orders, n);
                if (n % 2 == 0) {
                    sendPayment(context, payments, n);
                }
                if (n % 3 == 0 && store.statistics(invoicesQueue).total() < INVOICE_BACKLOG) {
                    sendInvoice(context, invoices, n);
                }
                if (n % 4 == 0 && archiveBacklog() < ARCHIVE_BACKLOG) {
                    sendPrice(context, prices, n);
                }
            } catch (JMSException | RuntimeException e) {
                System.getLogger(DemoTraffic.class.getName()).log(System.Logger.Level.DEBUG, "demo send failed", e);
            }
        }, 200, 250, TimeUnit.MILLISECONDS);
    }

    private long archiveBacklog() {
        Destination prices = store.findDestination("prices", DestinationKind.TOPIC).orElseThrow();
        return store.subscriptions(prices.id()).stream()
                .filter(subscription -> "archive".equals(subscription.name()))
                .mapToLong(subscription -> store.statistics(subscription.queueId()).total())
                .sum();
    }

    private void sendOrder(JMSContext context, Queue queue, long n) throws JMSException {
        String region = List.of("north", "south", "east", "west").get(random.nextInt(4));
        int quantity = 1 + random.nextInt(20);
        TextMessage message = context.createTextMessage("{\"order\":" + n + ",\"region\":\"" + region
                + "\",\"items\":[{\"sku\":\"PADDLE-" + (n % 7) + "\",\"quantity\":" + quantity + "}]}");
        message.setStringProperty("region", region);
        message.setIntProperty("quantity", quantity);
        message.setJMSCorrelationID("order-" + n);
        message.setJMSType("order");
        context.createProducer().send(queue, message);
    }

    private void sendPayment(JMSContext context, Queue queue, long n) throws JMSException {
        int amount = 10 + random.nextInt(1000);
        MapMessage message = context.createMapMessage();
        message.setString("payer", "customer-" + (n % 50));
        message.setInt("amount", amount);
        message.setString("currency", "EUR");
        message.setIntProperty("amount", amount);
        message.setJMSCorrelationID("order-" + n);
        context.createProducer().send(queue, message);
    }

    private void sendInvoice(JMSContext context, Queue queue, long n) throws JMSException {
        TextMessage message = context.createTextMessage("<invoice number=\"" + n + "\"><customer>ACME</customer>"
                + "<total currency=\"EUR\">" + (100 + n % 900) + "</total></invoice>");
        message.setStringProperty("format", "xml");
        context.createProducer().send(queue, message);
    }

    private void sendPrice(JMSContext context, Topic topic, long n) throws JMSException {
        BytesMessage message = context.createBytesMessage();
        message.writeUTF("FERRY");
        message.writeDouble(100 + random.nextGaussian());
        message.setStringProperty("symbol", "FERRY");
        message.setLongProperty("tick", n);
        context.createProducer().send(topic, message);
    }

    @Override
    public void close() {
        producers.shutdownNow();
        try {
            producers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (contexts) {
            for (JMSContext context : contexts) {
                try {
                    context.close();
                } catch (RuntimeException ignored) {
                    // closing anyway
                }
            }
            contexts.clear();
        }
        broker.release();
    }
}
