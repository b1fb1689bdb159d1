package dev.ferry.console.services;

import dev.ferry.store.admin.MessageDetail;

import java.util.List;
import java.util.Map;

/**
 * Everything the detail view shows of one message.
 *
 * @param detail     what the store knows of the delivery (state, lease, replays, original destination, failure)
 * @param headers    JMS headers by name, as text
 * @param properties application and JMSX properties by name, with their Java type
 * @param body       the body, rendered by type
 */
public record MessageDetails(MessageDetail detail, Map<String, String> headers, List<Property> properties, Body body) {

    /** A property with its value as text and its type ({@code String}, {@code Integer}, …). */
    public record Property(String name, String value, String type) {
    }

    /** A body rendered for reading. Exactly one rendering is filled, by {@link #kind()}. */
    public record Body(
            Kind kind,
            /* text bodies; pretty-printed when JSON or XML */
            String text,
            /* "JSON", "XML" or null: the format the text was recognised as */
            String format,
            /* bytes bodies: offset, hex and printable characters per 16-byte line */
            List<String> hexLines,
            /* map bodies (name, value, type) and stream bodies (index, value, type) */
            List<Property> entries,
            /* object bodies: the serialized class name, never deserialized */
            String className,
            long size) {

        public static Body hidden() {
            return new Body(Kind.HIDDEN, null, null, List.of(), List.of(), null, 0);
        }
    }

    public enum Kind { NONE, TEXT, BYTES, MAP, STREAM, OBJECT, HIDDEN }
}
