package dev.ferry.it;

import dev.ferry.it.app.NewsArchiveBean;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A durable-subscription MDB receives, once deployed again, what was published while its application was not
 * deployed. The test publishes and watches from a Java SE client on the same database.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DurableTopicIT {

    private static final String NEWS = "news";

    @Deployment(name = NEWS, managed = false, testable = false)
    static WebArchive application() {
        return Archives.webApp("news-archive.war").addClasses(NewsArchiveBean.class);
    }

    @ArquillianResource
    private Deployer deployer;

    @Test
    void durableBeanReceivesWhatWasPublishedWhileUndeployed() throws InterruptedException {
        try (JMSContext client = SeClient.factory().createContext();
             JMSConsumer archived = client.createConsumer(client.createQueue("it.news.seen"))) {
            Topic news = client.createTopic("it.news");

            deployer.deploy(NEWS);
            try {
                awaitSubscriptionActive(client, news, archived);
            } finally {
                deployer.undeploy(NEWS);
            }

            client.createProducer().send(news, "while-away-1");
            client.createProducer().send(news, "while-away-2");
            assertNull(archived.receiveBody(String.class, 1_000), "nothing is delivered while undeployed");

            deployer.deploy(NEWS);
            try {
                Set<String> received = new HashSet<>();
                long deadline = System.currentTimeMillis() + 20_000;
                while (received.size() < 2 && System.currentTimeMillis() < deadline) {
                    String text = archived.receiveBody(String.class, 1_000);
                    if (text != null && text.startsWith("while-away")) {
                        received.add(text);
                    }
                }
                assertEquals(Set.of("while-away-1", "while-away-2"), received);
            } finally {
                deployer.undeploy(NEWS);
            }
        }
    }

    /**
     * The bean's subscription exists once a news item published now reaches it (items published before the
     * subscription existed are not for it); then the pipe is drained.
     */
    private static void awaitSubscriptionActive(JMSContext client, Topic news, JMSConsumer archived) {
        long deadline = System.currentTimeMillis() + 30_000;
        String first = null;
        for (int ping = 0; first == null && System.currentTimeMillis() < deadline; ping++) {
            client.createProducer().send(news, "ping-" + ping);
            first = archived.receiveBody(String.class, 500);
        }
        assertTrue(first != null && first.startsWith("ping-"), "the durable bean never received a news item");
        while (archived.receiveBody(String.class, 1_500) != null) {
            // later pings
        }
    }
}
