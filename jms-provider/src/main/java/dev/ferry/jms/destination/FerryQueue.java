package dev.ferry.jms.destination;

import dev.ferry.store.DestinationKind;
import jakarta.jms.Queue;

/** A queue by name. Also the admin object bound in JNDI as {@code queue.<jndiName>}. */
public class FerryQueue extends FerryDestination implements Queue {

    private static final long serialVersionUID = 1L;

    public FerryQueue(String name) {
        super(name);
    }

    @Override
    public String getQueueName() {
        return name();
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.QUEUE;
    }

    @Override
    public boolean isTemporary() {
        return false;
    }
}
