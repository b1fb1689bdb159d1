package dev.ferry.jms.destination;

import dev.ferry.store.DestinationKind;
import jakarta.jms.Topic;

/** A topic by name. Also the admin object bound in JNDI as {@code topic.<jndiName>}. */
public class FerryTopic extends FerryDestination implements Topic {

    private static final long serialVersionUID = 1L;

    public FerryTopic(String name) {
        super(name);
    }

    @Override
    public String getTopicName() {
        return name();
    }

    @Override
    public DestinationKind kind() {
        return DestinationKind.TOPIC;
    }

    @Override
    public boolean isTemporary() {
        return false;
    }
}
