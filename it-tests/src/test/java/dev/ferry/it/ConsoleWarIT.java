package dev.ferry.it;

import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.config.FerryConfig;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ferry-console.war} deployed beside {@code ferry-ra.rar} in the test WildFly: it reads the adapter's store
 * through the server's datasource {@code java:jboss/datasources/FerryDS}, signs users in with the server's BASIC
 * authentication (application users added by the build) and checks their role on the server for every action.
 * The browser is Debian's headless Chromium, as in the console's own browser tests.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleWarIT {

    private static final String VIEWER = "console-viewer";
    private static final String OPERATOR = "console-operator";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The store of the server's adapter, opened from this JVM as well (the H2 file with AUTO_SERVER). */
    private static MessageStore store;

    @Deployment(testable = false)
    static WebArchive console() {
        File war = new File(required("ferry.it.console.war"));
        if (!war.isFile()) {
            throw new IllegalStateException(war + " is missing: build the admin-console module first");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    @ArquillianResource
    private URL base;

    @BeforeAll
    static void openStore() {
        store = MessageStores.open(FerryConfig.of(Map.of(
                "ferry.jdbc.url", "jdbc:h2:file:" + required("ferry.it.db") + ";AUTO_SERVER=TRUE",
                "ferry.poll.interval", "100ms")));
    }

    @AfterAll
    static void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void requestWithoutOrWithWrongCredentialsIsChallenged() throws Exception {
        HttpResponse<String> anonymous = get(null, null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
                anonymous.headers().map().toString());

        assertEquals(401, get(VIEWER, "not-the-password").statusCode());
    }

    @Test
    void viewerLoadsTheConsoleAndSeesTheAdaptersSampleQueueWithAMessageFromAJavaSeClient() throws Exception {
        HttpResponse<String> page = get(VIEWER, password(VIEWER));
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("Vaadin"), page.body());

        String marker = "se-" + UUID.randomUUID();
        try (JMSContext client = SeClient.factory().createContext()) {
            TextMessage message = client.createTextMessage("shipped by a Java SE client");
            message.setStringProperty("sentBy", marker);
            client.createProducer().send(client.createQueue("sample"), message);
        }
        Destination sample = store.findDestination("sample", DestinationKind.QUEUE).orElseThrow();
        // the newest delivery of the queue (browsing is in arrival order): the message just sent
        long deliveryId = store.browse(sample.queueId(), 0, 10_000).stream()
                .reduce((first, second) -> second).orElseThrow().deliveryId();

        try (Browser browser = new Browser(VIEWER)) {
            browser.open("");
            assertEquals(VIEWER + " (viewer)", browser.byId("current-user").getText());
            browser.until(d -> browser.gridText("dashboard-grid").contains("sample"));

            browser.open("message/" + deliveryId);
            browser.until(d -> browser.gridText("message-properties").contains(marker));
        }
    }

    @Test
    void operatorPurgesAQueueThatAViewerIsRefused() throws Exception {
        String name = "console-it-" + UUID.randomUUID().toString().substring(0, 8);
        try (JMSContext client = SeClient.factory().createContext()) {
            for (int i = 0; i < 3; i++) {
                client.createProducer().send(client.createQueue(name), "order " + i);
            }
        }
        Destination queue = store.findDestination(name, DestinationKind.QUEUE).orElseThrow();
        assertEquals(3, depth(queue));

        try (Browser viewer = new Browser(VIEWER)) {
            viewer.open("messages/" + queue.queueId());
            viewer.until(d -> viewer.gridText("messages-grid").contains("ID:"));
            viewer.click("purge");
            viewer.until(d -> viewer.notifications().contains("Refused"));
            assertTrue(viewer.notifications().contains("may not delete messages: it needs the operator role"),
                    viewer.notifications());
            assertFalse(viewer.confirmationOpen());
        }
        assertEquals(3, depth(queue));

        try (Browser operator = new Browser(OPERATOR)) {
            operator.open("messages/" + queue.queueId());
            assertEquals(OPERATOR + " (operator)", operator.byId("current-user").getText());
            operator.until(d -> operator.gridText("messages-grid").contains("ID:"));
            operator.click("purge");
            String question = operator.until(d -> (String) operator.js("""
                    const dialog = document.getElementById('confirm-dialog');
                    return dialog && dialog.opened ? dialog.message : null;"""));
            assertTrue(question.startsWith("Delete 3 messages in " + name + "?"), question);
            operator.js("document.querySelector('#confirm-dialog [slot=\"confirm-button\"]').click()");
            operator.until(d -> depth(queue) == 0);
        }
        assertEquals(0, depth(queue));
    }

    private static long depth(Destination queue) {
        return store.statistics(queue.queueId()).total();
    }

    private HttpResponse<String> get(String user, String password) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString())).timeout(WAIT);
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String password(String user) {
        return required(VIEWER.equals(user) ? "ferry.it.viewer.password" : "ferry.it.operator.password");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set by the build");
        }
        return value;
    }

    /**
     * Headless Chromium signed in as one user: its first page is opened with the credentials in the URL, and
     * Chromium answers the server's BASIC challenges for the console's later requests from that sign-in.
     */
    private final class Browser implements AutoCloseable {

        private final WebDriver driver;
        private final Path profile;
        private final String user;
        private boolean signedIn;

        Browser(String user) throws IOException {
            this.user = user;
            for (String required : List.of("/usr/bin/chromium", "/usr/bin/chromedriver")) {
                if (!Files.isExecutable(Path.of(required))) {
                    throw new IllegalStateException(required + " is missing: apt-get install -y chromium chromium-driver");
                }
            }
            profile = Files.createTempDirectory("ferry-it-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1440,960", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(WAIT);
        }

        void open(String path) {
            String url = base.toString() + path;
            if (!signedIn) {
                url = url.replaceFirst("://", "://" + user + ":" + password(user) + "@");
                signedIn = true;
            }
            driver.get(url);
            waitForVaadin();
        }

        void waitForVaadin() {
            until(d -> Boolean.TRUE.equals(js("""
                    if (!window.Vaadin || !window.Vaadin.Flow || !window.Vaadin.Flow.clients) { return false; }
                    const clients = window.Vaadin.Flow.clients;
                    for (const key in clients) { if (clients[key].isActive && clients[key].isActive()) { return false; } }
                    return document.readyState === 'complete';
                    """)));
        }

        Object js(String script, Object... args) {
            return ((JavascriptExecutor) driver).executeScript(script, args);
        }

        <T> T until(Function<WebDriver, T> condition) {
            return new WebDriverWait(driver, WAIT).until(condition);
        }

        WebElement byId(String id) {
            return until(d -> {
                List<WebElement> found = d.findElements(By.id(id));
                return found.isEmpty() ? null : found.get(0);
            });
        }

        void click(String id) {
            byId(id).click();
            waitForVaadin();
        }

        String gridText(String gridId) {
            waitForVaadin();
            return (String) js("""
                    const grid = document.getElementById(arguments[0]);
                    if (!grid) { return ''; }
                    return Array.from(grid.querySelectorAll('vaadin-grid-cell-content')).map(c => c.textContent).join('\\n');
                    """, gridId);
        }

        String notifications() {
            return (String) js("""
                    return Array.from(document.querySelectorAll('vaadin-notification-card'))
                        .map(c => c.textContent).join('\\n');
                    """);
        }

        boolean confirmationOpen() {
            return (Boolean) js("const d = document.getElementById('confirm-dialog'); return !!(d && d.opened);");
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary profile
                }
            }
        }
    }
}
