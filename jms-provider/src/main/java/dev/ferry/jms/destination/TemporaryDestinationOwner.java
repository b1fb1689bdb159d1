package dev.ferry.jms.destination;

import jakarta.jms.JMSException;

/**
 * The connection that created a temporary destination. A destination decoded from a message's reply-to has no
 * owner here and cannot be deleted through it.
 */
public interface TemporaryDestinationOwner {

    /** Deletes the destination, failing as the spec demands while it still has consumers. */
    void deleteTemporary(FerryDestination destination) throws JMSException;
}
