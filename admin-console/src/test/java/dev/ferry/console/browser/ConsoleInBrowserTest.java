package dev.ferry.console.browser;

import dev.ferry.store.Destination;
import dev.ferry.store.DestinationPolicy;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console end to end in headless Chromium, against a real store with a running broker: sign in, browse,
 * filter with a selector, purge, replay a dead letter to a running consumer, and a viewer refused an action.
 * Screenshots of each screen go to {@code target/screenshots/}, or to {@code docs/images/} for
 * {@code docs/console.md} with {@code -Dconsole.screenshots.dir=...} (see that page).
 */
class ConsoleInBrowserTest {

    private static ConsoleFixture console;
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        console = new ConsoleFixture();
        browser = new Chromium();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (console != null) {
            console.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.driver.manage().deleteAllCookies();
    }


    private void signIn(String user) {
        browser.open(console.url("login"));
        WebElement name = browser.until(d -> d.findElements(By.cssSelector("vaadin-login-form input[name='username']"))
                .stream().findFirst().orElse(null));
        name.sendKeys(user);
        WebElement password = browser.driver.findElement(By.cssSelector("vaadin-login-form input[name='password']"));
        password.sendKeys(ConsoleFixture.PASSWORD, Keys.ENTER);
        browser.until(d -> d.getCurrentUrl().endsWith("/") || !d.getCurrentUrl().contains("login"));
        browser.byId("current-user");
        browser.waitForVaadin();
    }

    private void send(String queueName, int count, String region) throws JMSException {
        try (JMSContext context = console.factory.createContext()) {
            Queue queue = context.createQueue(queueName);
            for (int i = 0; i < count; i++) {
                TextMessage message = context.createTextMessage("{\"order\":" + i + ",\"region\":\"" + region + "\"}");
                message.setStringProperty("region", region);
                message.setIntProperty("quantity", i);
                context.createProducer().send(queue, message);
            }
        }
    }

    @Test
    void operatorSignsInAndTheDashboardListsEveryQueue() throws Exception {
        send("orders", 3, "north");
        browser.open(console.url("login"));
        browser.screenshot("login");
        signIn("operator");
        browser.until(d -> browser.gridText("dashboard-grid").contains("orders"));
        assertThat(browser.byId("current-user").getText()).isEqualTo("operator (operator)");
        // the chart is SVG drawn by the server and updated by push
        browser.until(d -> (Boolean) browser.js(
                "return document.querySelector('#rate-chart svg polyline') !== null"));
        browser.screenshot("dashboard");
    }

    @Test
    void operatorBrowsesAQueueFiltersWithASelectorAndSeesSyntaxErrorsAtTheField() throws Exception {
        Destination regions = console.queue("regions");
        send("regions", 4, "north");
        send("regions", 3, "south");
        signIn("operator");
        browser.open(console.url("messages/" + regions.queueId()));
        browser.until(d -> browser.byId("page-info").getText().equals("Page 1 · 7 messages"));
        browser.screenshot("messages");

        browser.type("selector", "region = 'south' AND quantity >= 1");
        browser.click("apply-filter");
        browser.until(d -> browser.byId("page-info").getText().startsWith("Page 1 · 2 messages matching"));
        browser.screenshot("messages-filtered");

        browser.type("selector", "region = ");
        browser.click("apply-filter");
        String error = browser.until(d -> (String) browser.js(
                "const f = document.getElementById('selector'); return f.invalid ? f.errorMessage : null;"));
        assertThat(error).contains("column 9").contains("expected an identifier");
        browser.screenshot("messages-selector-error");
    }

    @Test
    void operatorOpensAMessageAndSeesItsJsonBodyIndented() throws Exception {
        Destination details = console.queue("details");
        send("details", 1, "east");
        signIn("operator");
        browser.open(console.url("messages/" + details.queueId()));
        browser.until(d -> browser.gridText("messages-grid").contains("ID:"));
        long deliveryId = console.store.browse(details.queueId(), 0, 1).get(0).deliveryId();
        browser.open(console.url("message/" + deliveryId));
        String body = browser.byId("body-text").getText();
        assertThat(body).isEqualTo("{\n  \"order\": 0,\n  \"region\": \"east\"\n}");
        assertThat(browser.gridText("message-properties")).contains("region").contains("east");
        browser.screenshot("message-detail");
    }

    @Test
    void purgeStatesTheExactCountAndEmptiesTheQueue() throws Exception {
        Destination purged = console.queue("purge-me");
        send("purge-me", 25, "west");
        signIn("operator");
        browser.open(console.url("messages/" + purged.queueId()));
        browser.until(d -> browser.gridText("messages-grid").contains("ID:"));
        browser.click("purge");
        String question = browser.until(d -> (String) browser.js("""
                const dialog = document.getElementById('confirm-dialog');
                return dialog && dialog.opened ? dialog.message : null;"""));
        assertThat(question).startsWith("Delete 25 messages in purge-me?");
        browser.screenshot("purge-confirmation");
        browser.js("document.querySelector('#confirm-dialog [slot=\"confirm-button\"]').click()");
        browser.until(d -> console.depth("purge-me") == 0);
        browser.until(d -> browser.notifications().contains("25 messages"));
        assertThat(console.depth("purge-me")).isZero();
    }

    @Test
    void replayedDeadLetterIsReceivedByTheRunningConsumer() throws Exception {
        Destination work = console.queue("work");
        console.store.updatePolicy(work.id(), new DestinationPolicy("DLQ", 2, null, null, null, null, false));
        AtomicBoolean failing = new AtomicBoolean(true);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (JMSContext consumerContext = console.factory.createContext(JMSContext.SESSION_TRANSACTED)) {
            consumerContext.createConsumer(consumerContext.createQueue("work")).setMessageListener(message -> {
                try {
                    if (failing.get()) {
                        consumerContext.rollback();
                    } else {
                        received.add(((TextMessage) message).getText());
                        consumerContext.commit();
                    }
                } catch (JMSException e) {
                    consumerContext.rollback();
                }
            });
            try (JMSContext producer = console.factory.createContext()) {
                producer.createProducer().send(producer.createQueue("work"), "job-42");
            }
            Destination dlq = console.queue("DLQ");
            browser.until(d -> console.store.browse(dlq.queueId(), 0, 100).stream()
                    .anyMatch(delivery -> "work".equals(delivery.originalDestination())));
            long deadLetter = console.store.browse(dlq.queueId(), 0, 100).stream()
                    .filter(delivery -> "work".equals(delivery.originalDestination())).findFirst().orElseThrow()
                    .deliveryId();
            failing.set(false); // the consumer is fixed; the operator replays what it refused
            assertThat(received).isEmpty();

            signIn("operator");
            browser.open(console.url("messages/" + dlq.queueId()));
            browser.until(d -> browser.gridText("messages-grid").contains("work"));
            browser.screenshot("dead-letters");
            browser.open(console.url("message/" + deadLetter));
            assertThat(browser.byId("message-history").getText()).contains("originally sent to work");
            browser.screenshot("dead-letter-detail");
            browser.click("replay-message");
            browser.byId("replay-deny");
            browser.screenshot("replay-options");
            browser.click("replay-continue");
            browser.until(d -> (Boolean) browser.js(
                    "const d = document.getElementById('confirm-dialog'); return !!(d && d.opened);"));
            browser.js("document.querySelector('#confirm-dialog [slot=\"confirm-button\"]').click()");
            assertThat(received.poll(15, TimeUnit.SECONDS)).isEqualTo("job-42");
        }
    }

    @Test
    void viewerIsRefusedAnOperationAndNothingChanges() throws Exception {
        Destination kept = console.queue("kept");
        send("kept", 5, "north");
        signIn("viewer");
        assertThat(browser.byId("current-user").getText()).isEqualTo("viewer (viewer)");
        browser.open(console.url("messages/" + kept.queueId()));
        browser.until(d -> browser.gridText("messages-grid").contains("ID:"));
        browser.click("purge");
        browser.until(d -> browser.notifications().contains("Refused"));
        assertThat(browser.notifications()).contains("viewer may not delete messages: it needs the operator role");
        assertThat((Boolean) browser.js("const d = document.getElementById('confirm-dialog'); return !!(d && d.opened);"))
                .isFalse();
        assertThat(console.depth("kept")).isEqualTo(5);
        browser.screenshot("viewer-refused");
    }

    @Test
    void everyScreenRendersForTheOperator() throws Exception {
        send("orders", 1, "north");
        signIn("operator");
        for (String screen : List.of("destinations", "subscriptions", "nodes", "audit")) {
            browser.open(console.url(screen));
            browser.until(d -> !browser.gridText(screen + "-grid").isEmpty() || "subscriptions".equals(screen));
            browser.screenshot(screen);
        }
        assertThat(browser.gridText("audit-grid")).isNotNull();
    }
}
