package dev.ferry.jms.message;

import dev.ferry.jms.support.JmsExceptions;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Objects;

/**
 * A message whose body is a serialized Java object. {@link #setObject} serializes at once, so later changes to
 * the object do not reach the message; {@link #getObject} deserializes a new copy on every call, resolving only
 * classes of the {@link ObjectMessageAllowList}.
 */
public class FerryObjectMessage extends FerryMessage implements ObjectMessage {

    private byte[] serialized;
    private ObjectMessageAllowList allowList;

    /** A message whose {@link #getObject()} allows the {@linkplain ObjectMessageAllowList#defaults() defaults}. */
    public FerryObjectMessage() {
        this.allowList = ObjectMessageAllowList.defaults();
    }

    public FerryObjectMessage(Serializable object) throws JMSException {
        this();
        this.serialized = serialize(object);
    }

    /** A message holding {@code object} whose {@link #getObject()} resolves the classes of {@code allowList}. */
    public FerryObjectMessage(Serializable object, ObjectMessageAllowList allowList) throws JMSException {
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.serialized = serialize(object);
    }

    @Override
    public BodyType bodyType() {
        return BodyType.OBJECT;
    }

    @Override
    public void setObject(Serializable object) throws JMSException {
        checkBodyWritable();
        this.serialized = serialize(object);
    }

    /**
     * A fresh copy of the object, or null. A class outside the allow list, anywhere in the object graph, is a
     * {@link MessageFormatException} naming the class and the property that allows it.
     */
    @Override
    public Serializable getObject() throws JMSException {
        return serialized == null ? null : deserialize(serialized, allowList);
    }

    /** The allow list {@link #getObject()} applies. */
    public ObjectMessageAllowList allowList() {
        return allowList;
    }

    static byte[] serialize(Serializable object) throws JMSException {
        if (object == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw JmsExceptions.withCause(new MessageFormatException("the " + object.getClass().getName()
                    + " given to ObjectMessage.setObject cannot be serialized: " + e), e);
        }
        return bytes.toByteArray();
    }

    static Serializable deserialize(byte[] serialized, ObjectMessageAllowList allowList) throws JMSException {
        AllowListObjectInputStream in = null;
        try {
            in = new AllowListObjectInputStream(new ByteArrayInputStream(serialized), allowList);
            Object object = in.readObject();
            if (!(object instanceof Serializable)) {
                throw new MessageFormatException("the ObjectMessage body deserialized to a non-serializable "
                        + (object == null ? "null" : object.getClass().getName()));
            }
            return (Serializable) object;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            String refused = in == null ? null : in.refusedClass();
            if (refused != null) {
                throw JmsExceptions.withCause(new MessageFormatException("the ObjectMessage body contains an instance "
                        + "of " + refused + ", which is not allowed to be deserialized. If the sender is trusted, add "
                        + "the class (or its package as '" + packagePattern(refused) + "') to the property "
                        + ObjectMessageAllowList.PROPERTY), e);
            }
            throw JmsExceptions.withCause(new MessageFormatException("the ObjectMessage body cannot be "
                    + "deserialized: " + e), e);
        } finally {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // an in-memory stream has nothing to release
                }
            }
        }
    }

    private static String packagePattern(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(0, dot) + ".*";
    }

    // ---- body as a whole ----------------------------------------------------------------------------------

    /** The serialized object (not copied), or null. */
    byte[] serializedForm() {
        return serialized;
    }

    /** Installs a stored body (taken over) and the allow list its reader applies. */
    void setStored(byte[] serialized, ObjectMessageAllowList allowList) {
        this.serialized = serialized;
        this.allowList = allowList;
    }

    @Override
    void clearBodyContent() {
        serialized = null;
    }

    @Override
    Object bodyForAssignment() throws JMSException {
        return getObject();
    }

    @Override
    String bodySummary() {
        return serialized == null ? "no object" : "object of " + serialized.length + " serialized bytes";
    }
}
