package dev.ferry.jms.selector;

import java.util.Map;
import java.util.Objects;

/**
 * What a selector reads from a message: the value of a header field reference ({@link SelectorHeader}, with
 * JMSDeliveryMode as the string {@code "PERSISTENT"} or {@code "NON_PERSISTENT"}) or of a property, as the object
 * the property was set with (Boolean, Byte, Short, Integer, Long, Float, Double or String), or null when the
 * message has no such value. {@link MessageSelectorContext#of} adapts a {@code jakarta.jms.Message}.
 */
@FunctionalInterface
public interface SelectorContext {

    Object value(String identifier);

    /** A context over a map of identifier to value, e.g. the stored properties of a message. */
    static SelectorContext of(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        return values::get;
    }
}
