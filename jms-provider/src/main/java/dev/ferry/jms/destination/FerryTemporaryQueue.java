package dev.ferry.jms.destination;

import dev.ferry.store.DestinationKind;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;

/** A queue that lives as long as the connection that created it (JMS 3.1 §6.2.3). */
public final class FerryTemporaryQueue extends FerryQueue implements TemporaryQueue {

    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationOwner owner;

    public FerryTemporaryQueue(String name, TemporaryDestinationOwner owner) {
        super(name);
        this.owner = owner;
    }

    @Override
    public boolean isTemporary() {
        return true;
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.QUEUE;
    }

    public TemporaryDestinationOwner owner() {
        return owner;
    }

    @Override
    public void delete() throws JMSException {
        if (owner == null) {
            throw new InvalidDestinationException("temporary queue " + name()
                    + " can only be deleted through the connection that created it");
        }
        owner.deleteTemporary(this);
    }
}
