package dev.ferry.it;

import dev.ferry.it.crash.CrashServlet;
import dev.ferry.it.crash.CrashingSender;
import dev.ferry.it.crash.HaltingResource;
import dev.ferry.jms.xa.FerryXAConnectionFactory;
import dev.ferry.store.config.FerryConfig;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transaction manager's side of a crash inside WildFly: an EJB's container transaction sends a Ferry message
 * and enlists a second resource that halts the server's JVM when told to commit. Narayana has prepared both
 * branches and logged its commit decision, so Ferry's branch is prepared in the store with WildFly's Xid. After a
 * restart, WildFly's recovery manager finds the branch through the Ferry resource IronJacamar registered for the
 * adapter's connection definition (the {@code <recovery>} element of {@code ironjacamar.xml}) and commits it: the
 * message is delivered exactly once.
 *
 * <p>Runs in its own server ({@code crash} in arquillian.xml: same distribution, its own base directory, store and
 * ports), because halting the JVM would take the other tests' server down with it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class XaRecoveryIT {

    private static final String SERVER = "crash";
    private static final String APP = "crash-app";
    /** Narayana's format identifier of the Xids it creates. */
    private static final int NARAYANA_FORMAT_ID = 131077;

    @ArquillianResource
    private ContainerController controller;

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = APP, managed = false, testable = false)
    @TargetsContainer(SERVER)
    static WebArchive application() {
        return Archives.webApp("crash.war").addClasses(CrashServlet.class, CrashingSender.class, HaltingResource.class);
    }

    @Test
    void branchPreparedBeforeTheServerHaltedIsCommittedByWildFlyRecoveryAfterRestart() throws Exception {
        String queueName = "it.recovered";
        String text = "survives-the-crash-" + UUID.randomUUID();
        long started = System.nanoTime();
        controller.start(SERVER);
        try {
            deployer.deploy(APP);
            assertThrows(IOException.class, () -> send(queueName, text),
                    "the server answered although its JVM should have halted while committing");
            awaitDown();
            killQuietly();
            System.out.printf("FERRY-IT crash: server up and halted after %d s%n", seconds(started));

            // while the server is down: one branch of WildFly's transaction manager is prepared, nothing delivered
            try (XAConnection connection = storeFactory().createXAConnection()) {
                XAResource resource = connection.createXASession().getXAResource();
                Xid[] prepared = resource.recover(XAResource.TMSTARTRSCAN);
                resource.recover(XAResource.TMENDRSCAN);
                assertEquals(1, prepared.length, "prepared Ferry branches in the store");
                assertEquals(NARAYANA_FORMAT_ID, prepared[0].getFormatId(), "the Xid was not Narayana's");
                assertFalse(browse(connection, queueName), "the message was delivered before the transaction "
                        + "manager committed Ferry's branch");
            }

            long restarting = System.nanoTime();
            controller.start(SERVER);
            System.out.printf("FERRY-IT crash: restarted in %d s%n", seconds(restarting));
            String received = awaitRecovered(queueName, 90_000);
            System.out.printf("FERRY-IT crash: recovered %d s after the restart began%n", seconds(restarting));
            assertEquals(text, received);
            try (XAConnection connection = storeFactory().createXAConnection()) {
                XAResource resource = connection.createXASession().getXAResource();
                Xid[] left = resource.recover(XAResource.TMSTARTRSCAN);
                resource.recover(XAResource.TMENDRSCAN);
                assertEquals(0, left.length, "a prepared branch is left after recovery");
                assertFalse(browse(connection, queueName), "the message was delivered twice");
            }
        } finally {
            try {
                deployer.undeploy(APP);
            } catch (RuntimeException e) {
                // the deployment may be gone with a failed start; stopping the server is what matters
            }
            controller.stop(SERVER);
        }
    }

    private static void send(String queue, String text) throws IOException {
        URI uri = URI.create("http://127.0.0.1:" + Integer.getInteger("crash.http.port") + "/crash/send?queue="
                + URLEncoder.encode(queue, StandardCharsets.UTF_8) + "&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
        HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
        http.setReadTimeout(60_000);
        try (BufferedReader body = new BufferedReader(new InputStreamReader(http.getInputStream(), StandardCharsets.UTF_8))) {
            throw new AssertionError("HTTP " + http.getResponseCode() + ": " + body.readLine());
        }
    }

    /** The halted JVM's ports close; wait for that before touching its store. */
    private static void awaitDown() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", Integer.getInteger("crash.http.port"))) {
                Thread.sleep(200);
            } catch (IOException closed) {
                return;
            }
        }
        throw new AssertionError("the crash server did not go down");
    }

    /** Arquillian still counts the halted server as started; let it forget the dead process. */
    private void killQuietly() {
        try {
            controller.kill(SERVER);
        } catch (Exception e) {
            // Arquillian throws its checked LifecycleException undeclared when the process is already gone
            System.out.println("FERRY-IT crash: kill of the halted server: " + e);
        }
    }

    /**
     * Asks the recovery manager for a scan (Narayana's recovery listener, switched on by configure-ferry.cli) until
     * the message arrives; the periodic scan of the test server would do the same a little later.
     */
    private static String awaitRecovered(String queueName, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        try (Connection connection = storeFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            while (System.currentTimeMillis() < deadline) {
                scan();
                Message message = consumer.receive(2_000);
                if (message != null) {
                    assertNotNull(((TextMessage) message).getText());
                    return ((TextMessage) message).getText();
                }
            }
        }
        throw new AssertionError("WildFly's recovery did not commit Ferry's prepared branch within " + timeoutMillis + " ms");
    }

    private static void scan() {
        try (Socket socket = new Socket("127.0.0.1", Integer.getInteger("crash.recovery.port"))) {
            socket.setSoTimeout(60_000);
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
            out.write("SCAN\n");
            out.flush();
            new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        } catch (IOException e) {
            System.out.println("FERRY-IT crash: recovery scan request failed: " + e);
        }
    }

    private static boolean browse(Connection connection, String queueName) throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue(queueName);
        try (QueueBrowser browser = session.createBrowser(queue)) {
            return !Collections.list(browser.getEnumeration()).isEmpty();
        }
    }

    private static FerryXAConnectionFactory storeFactory() {
        String db = System.getProperty("ferry.it.crash.db");
        assertTrue(db != null, "system property ferry.it.crash.db is not set by the build");
        return new FerryXAConnectionFactory(FerryConfig.of(Map.of(
                "ferry.jdbc.url", "jdbc:h2:file:" + db + ";AUTO_SERVER=TRUE",
                "ferry.poll.interval", "100ms")));
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000L;
    }
}
