package dev.ferry.console.views;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.server.VaadinSession;
import dev.ferry.console.security.ConsoleUser;
import dev.ferry.console.security.UsersFileDirectory;
import dev.ferry.console.services.ConsoleServices;
import dev.ferry.console.services.ConsoleSettings;
import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.jms.engine.Broker;
import dev.ferry.jms.security.PasswordHash;
import dev.ferry.jms.security.UserAccount;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.admin.BulkJob;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.testing.TestDatabase;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Base of the browserless view tests: the views run in the test JVM against one real H2 store (shared by the
 * test classes of the JVM, each test using queues of its own) with a Ferry broker on it for sending. A test signs
 * in by putting the user in the Vaadin session, as the login view does.
 */
@ViewPackages(packages = "dev.ferry.console.views")
abstract class ConsoleViewTest extends BrowserlessTest {

    static final String PASSWORD = "view-test-password";

    private static FerryConfig config;
    static MessageStore store;
    static FerryConnectionFactory factory;
    private static ConsoleServices services;
    private static ConsoleServices hidingServices;

    static synchronized void startStore() throws JMSException {
        if (store != null) {
            return;
        }
        config = TestDatabase.H2.newConfig();
        store = MessageStores.open(config);
        Broker broker = Broker.acquire(config, ignored -> store);
        factory = new FerryConnectionFactory(config);
        PasswordHash hash = PasswordHash.of(PASSWORD.toCharArray());
        UsersFileDirectory users = new UsersFileDirectory(Map.of(
                "olga", new UserAccount("olga", hash, Set.of("operator")),
                "victor", new UserAccount("victor", hash, Set.of("viewer"))));
        services = new ConsoleServices(store, new ConsoleSettings(false), users);
        hidingServices = new ConsoleServices(store, new ConsoleSettings(true), users);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::release));
    }

    @BeforeEach
    void console() throws JMSException {
        startStore();
        ConsoleServices.install(services);
    }

    /** The console with bodies hidden from viewers. */
    void hideBodiesFromViewers() {
        ConsoleServices.install(hidingServices);
    }

    void signInAs(ConsoleUser user) {
        VaadinSession.getCurrent().setAttribute(ConsoleUser.class, user);
    }

    void signInAsOperator() {
        signInAs(ConsoleUser.operator("olga"));
    }

    void signInAsViewer() {
        signInAs(ConsoleUser.viewer("victor"));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Destination queue(String name) {
        return store.createDestinationIfAbsent(name, DestinationKind.QUEUE);
    }

    static long depth(String name) {
        return store.statistics(queue(name).queueId()).total();
    }

    /** Sends {@code count} text messages with properties {@code region} and {@code n} (0-based). */
    static void send(String queueName, int count, String region) throws JMSException {
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue(queueName);
            for (int i = 0; i < count; i++) {
                TextMessage message = context.createTextMessage("{\"n\":" + i + "}");
                message.setStringProperty("region", region);
                message.setIntProperty("n", i);
                context.createProducer().send(queue, message);
            }
        }
    }

    /** The button of a grid's action column (the last one) in the row of {@code item}. */
    <T> com.vaadin.flow.component.button.Button action(com.vaadin.flow.component.grid.Grid<T> grid, T item,
                                                       String caption) {
        int row = grid.getListDataView().getItems().toList().indexOf(item);
        int column = grid.getColumns().size() - 1;
        com.vaadin.flow.component.Component cell = test(grid).getCellComponent(row, column);
        return cell.getChildren().map(com.vaadin.flow.component.button.Button.class::cast)
                .filter(button -> button.getText().equals(caption)).findFirst().orElseThrow();
    }

    String notifications() {
        return $(Notification.class).all().stream().map(n -> test(n).getText()).collect(Collectors.joining("\n"));
    }

    ConfirmDialog confirmation() {
        return $(ConfirmDialog.class).single();
    }

    /** Waits for the console's most recent bulk job and returns it. */
    static BulkJob lastJobFinished() {
        List<BulkJob> jobs = ConsoleServices.get().jobs().jobs();
        BulkJob job = jobs.get(0);
        job.await(Duration.ofSeconds(30));
        return job;
    }
}
