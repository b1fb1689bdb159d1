package dev.ferry.jms.spec.connection;

import dev.ferry.jms.spec.BrokerSpec;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JMS 3.1 §9: connection consumers are an optional facility that Ferry leaves to its resource adapter. */
class ConnectionConsumerSpec extends BrokerSpec {

    @Test
    void queueConnectionConsumerIsRefusedNamingTheAlternatives() throws JMSException {
        Connection connection = connection();

        assertThatThrownBy(() -> connection.createConnectionConsumer(queue(), null, null, 1))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("MessageListener")
                .hasMessageContaining("resource adapter");
    }

    @Test
    void durableAndSharedConnectionConsumersAreRefusedToo() throws JMSException {
        Connection connection = connection();
        Topic topic = connection.createSession().createTopic("ConnectionConsumerSpec.topic");

        assertThatThrownBy(() -> connection.createDurableConnectionConsumer(topic, "d", null, null, 1))
                .isInstanceOf(JMSException.class).hasMessageContaining("MessageListener");
        assertThatThrownBy(() -> connection.createSharedConnectionConsumer(topic, "s", null, null, 1))
                .isInstanceOf(JMSException.class).hasMessageContaining("MessageListener");
        assertThatThrownBy(() -> connection.createSharedDurableConnectionConsumer(topic, "sd", null, null, 1))
                .isInstanceOf(JMSException.class).hasMessageContaining("MessageListener");
    }
}
