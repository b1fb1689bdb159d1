package dev.ferry.it;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ferry.datasource}: an instance of the adapter (ferry-ds.rar, configured by configure-datasource.cli) whose
 * store is a non-JTA WildFly datasource exchanges messages, and its destinations are rows of that datasource's
 * database.
 */
@ExtendWith(ArquillianExtension.class)
class DatasourceIT {

    @Deployment
    static WebArchive application() {
        return Archives.webApp("datasource.war");
    }

    @Resource(lookup = "java:/jms/ferry-ds/ConnectionFactory")
    private ConnectionFactory factory;

    @Resource(lookup = "java:jboss/datasources/FerryStore")
    private DataSource store;

    @Test
    void adapterOnAWildFlyDatasourceExchangesMessagesAndKeepsThemInThatDatabase() throws Exception {
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("it.datasource");
            for (int i = 0; i < 3; i++) {
                context.createProducer().send(queue, "stored through the datasource " + i);
            }
            try (Connection connection = store.getConnection();
                 PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM ferry_delivery d "
                         + "JOIN ferry_queue q ON q.id = d.queue_id JOIN ferry_destination t ON t.id = q.destination_id "
                         + "WHERE t.name = ?")) {
                query.setString(1, "it.datasource");
                try (ResultSet row = query.executeQuery()) {
                    assertTrue(row.next());
                    assertEquals(3, row.getInt(1), "deliveries waiting in the datasource's database");
                }
            }
            try (JMSConsumer consumer = context.createConsumer(queue)) {
                for (int i = 0; i < 3; i++) {
                    assertEquals("stored through the datasource " + i, consumer.receiveBody(String.class, 10_000));
                }
            }
        }
    }
}
