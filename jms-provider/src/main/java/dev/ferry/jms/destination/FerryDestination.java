package dev.ferry.jms.destination;

import dev.ferry.store.DestinationKind;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;

import java.io.Serializable;
import java.util.Objects;

/**
 * A Ferry queue or topic: a name and a kind. Instances are values (equal by kind, name and temporariness) and
 * may be created by any session, bound in JNDI or serialized into a message's reply-to header.
 */
public abstract class FerryDestination implements Destination, Serializable, Comparable<FerryDestination> {

    private static final long serialVersionUID = 1L;

    /** Longest name accepted, the width of the store's name column. */
    public static final int MAX_NAME_LENGTH = 200;

    private final String name;

    FerryDestination(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public String name() {
        return name;
    }

    public abstract DestinationKind kind();

    public abstract boolean isTemporary();

    /** The form stored in headers such as reply-to: {@code queue://name}, {@code topic://name}, {@code temp-queue://name}. */
    public String encode() {
        return scheme() + "://" + name;
    }

    private String scheme() {
        return (isTemporary() ? "temp-" : "") + (kind() == DestinationKind.QUEUE ? "queue" : "topic");
    }

    /** Reverse of {@link #encode()}; {@code null} stays {@code null}. */
    public static FerryDestination decode(String encoded) {
        if (encoded == null) {
            return null;
        }
        int separator = encoded.indexOf("://");
        if (separator < 0) {
            throw new IllegalArgumentException("not an encoded destination: " + encoded);
        }
        String scheme = encoded.substring(0, separator);
        String name = encoded.substring(separator + 3);
        switch (scheme) {
            case "queue": return new FerryQueue(name);
            case "topic": return new FerryTopic(name);
            case "temp-queue": return new FerryTemporaryQueue(name, null);
            case "temp-topic": return new FerryTemporaryTopic(name, null);
            default: throw new IllegalArgumentException("unknown destination scheme in " + encoded);
        }
    }

    /**
     * Converts any destination an application hands us into Ferry's, or explains why it cannot.
     * Foreign implementations of {@link Queue}/{@link Topic} are accepted by name, as the spec allows.
     */
    public static FerryDestination from(Destination destination) throws JMSException {
        if (destination == null) {
            throw new InvalidDestinationException("destination must not be null");
        }
        if (destination instanceof FerryDestination) {
            return (FerryDestination) destination;
        }
        if (destination instanceof TemporaryQueue || destination instanceof TemporaryTopic) {
            throw new InvalidDestinationException("temporary destination " + destination
                    + " belongs to another JMS provider and cannot be used with Ferry");
        }
        if (destination instanceof Queue) {
            return new FerryQueue(checkName(((Queue) destination).getQueueName()));
        }
        if (destination instanceof Topic) {
            return new FerryTopic(checkName(((Topic) destination).getTopicName()));
        }
        throw new InvalidDestinationException("destination " + destination + " is neither a Queue nor a Topic");
    }

    /** Validates a physical name given by an application. */
    public static String checkName(String name) throws InvalidDestinationException {
        if (name == null || name.isBlank()) {
            throw new InvalidDestinationException("destination name must not be null or blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidDestinationException("destination name is " + name.length()
                    + " characters long; the limit is " + MAX_NAME_LENGTH);
        }
        if (name.indexOf('\0') >= 0) {
            throw new InvalidDestinationException("destination name must not contain NUL characters");
        }
        return name;
    }

    @Override
    public int compareTo(FerryDestination other) {
        return encode().compareTo(other.encode());
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        return name.equals(((FerryDestination) other).name);
    }

    @Override
    public int hashCode() {
        return getClass().hashCode() * 31 + name.hashCode();
    }

    @Override
    public String toString() {
        return encode();
    }
}
