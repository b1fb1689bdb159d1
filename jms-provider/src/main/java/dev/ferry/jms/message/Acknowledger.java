package dev.ferry.jms.message;

import jakarta.jms.JMSException;

/**
 * What {@link jakarta.jms.Message#acknowledge()} does for a received message: in CLIENT_ACKNOWLEDGE mode the
 * session acknowledges every message it has delivered so far (JMS 3.1 §6.2.10). Messages of other sessions
 * have none, and acknowledging them does nothing, as the spec requires.
 */
@FunctionalInterface
public interface Acknowledger {

    void acknowledge() throws JMSException;
}
