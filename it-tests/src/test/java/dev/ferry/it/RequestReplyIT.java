package dev.ferry.it;

import dev.ferry.it.app.EchoServlet;
import dev.ferry.it.app.UppercaseBean;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Request/reply with a message-driven bean: from a servlet through {@code @Inject JMSContext}, and from a Java SE
 * Ferry client outside the server that uses the same database.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RequestReplyIT {

    @Deployment(testable = false)
    static WebArchive application() {
        return Archives.webApp("request-reply.war")
                .addClasses(EchoServlet.class, UppercaseBean.class);
    }

    @ArquillianResource
    private URL base;

    @Test
    void servletWithInjectedContextGetsTheBeansReply() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "echo?text=ping")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("PING", response.body());
    }

    @Test
    void javaSeClientOnTheSameDatabaseExchangesMessagesWithTheBean() throws Exception {
        try (JMSContext client = SeClient.factory().createContext()) {
            Queue requests = client.createQueue("it.requests");
            Queue replies = client.createQueue("it.se.replies");
            TextMessage question = client.createTextMessage("hello from java se");
            question.setJMSReplyTo(replies);
            client.createProducer().send(requests, question);

            try (JMSConsumer consumer = client.createConsumer(replies,
                    "JMSCorrelationID = '" + question.getJMSMessageID() + "'")) {
                assertEquals("HELLO FROM JAVA SE", consumer.receiveBody(String.class, 20_000));
            }
        }
    }
}
