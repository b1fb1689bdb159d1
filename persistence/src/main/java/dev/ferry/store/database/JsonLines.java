package dev.ferry.store.database;

import dev.ferry.store.Delivery;
import dev.ferry.store.MessageRecord;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON Lines form of a stored message (export and import): one flat object per line. Bytes (properties,
 * body, binary correlation id) are Base64, as the store cannot interpret the messaging layer's encoding; a text
 * body is also given as {@code bodyText} for people reading the file. Import reads {@code body} when present,
 * else {@code bodyText}. Only this flat shape is parsed: no nested objects or arrays.
 */
final class JsonLines {

    private JsonLines() {
    }

    static String write(Delivery delivery, String queueName) {
        MessageRecord m = delivery.message();
        StringBuilder json = new StringBuilder(256 + (m.body() == null ? 0 : m.body().length * 2));
        json.append('{');
        field(json, "queue", queueName);
        field(json, "deliveryId", delivery.deliveryId());
        field(json, "destination", delivery.destinationName());
        field(json, "destinationKind", String.valueOf(delivery.destinationKind().code()));
        field(json, "deliveryCount", delivery.deliveryCount());
        field(json, "originalDestination", delivery.originalDestination());
        field(json, "failureReason", delivery.failureReason());
        record(json, m);
        json.setLength(json.length() - 1);
        return json.append('}').toString();
    }

    private static void record(StringBuilder json, MessageRecord m) {
        field(json, "messageId", m.messageId());
        field(json, "timestamp", m.timestamp());
        field(json, "correlationId", m.correlationId());
        field(json, "correlationIdBytes", base64(m.correlationIdBytes()));
        field(json, "replyTo", m.replyTo());
        field(json, "type", m.type());
        field(json, "persistent", m.persistent());
        field(json, "priority", m.priority());
        field(json, "expiration", m.expiration());
        field(json, "deliveryTime", m.deliveryTime());
        field(json, "groupId", m.groupId());
        field(json, "groupSeq", m.groupSeq());
        field(json, "bodyType", m.bodyType());
        field(json, "properties", base64(m.properties()));
        field(json, "body", base64(m.body()));
        if (m.bodyType() == 1 && m.body() != null && m.body().length > 0 && (m.body()[0] & 0xFF) != 0xFF) {
            field(json, "bodyText", new String(m.body(), StandardCharsets.UTF_8)); // UTF-8 text (MessageCodec)
        }
    }

    /** The message of one line; {@code lineNumber} is for the error message. */
    static MessageRecord read(String line, long lineNumber) {
        Map<String, Object> o;
        try {
            o = new Parser(line).object();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + lineNumber + ": " + e.getMessage(), e);
        }
        try {
            byte[] body = bytes(o.get("body"));
            if (body == null && o.get("bodyText") instanceof String) {
                body = ((String) o.get("bodyText")).getBytes(StandardCharsets.UTF_8);
            }
            byte[] properties = bytes(o.get("properties"));
            return new MessageRecord(
                    (String) o.get("messageId"),
                    longOf(o, "timestamp", System.currentTimeMillis()),
                    (String) o.get("correlationId"),
                    bytes(o.get("correlationIdBytes")),
                    (String) o.get("replyTo"),
                    (String) o.get("type"),
                    !Boolean.FALSE.equals(o.get("persistent")),
                    (int) longOf(o, "priority", 4),
                    longOf(o, "expiration", 0),
                    longOf(o, "deliveryTime", 0),
                    (String) o.get("groupId"),
                    (int) longOf(o, "groupSeq", 0),
                    (int) longOf(o, "bodyType", body == null ? 0 : 2),
                    properties == null ? new byte[0] : properties,
                    body);
        } catch (ClassCastException | IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + lineNumber + ": not a Ferry message export: "
                    + e.getMessage(), e);
        }
    }

    private static long longOf(Map<String, Object> o, String name, long otherwise) {
        Object value = o.get(name);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof Long)) {
            throw new IllegalArgumentException("'" + name + "' must be an integer, was " + value);
        }
        return (Long) value;
    }

    private static byte[] bytes(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String)) {
            throw new IllegalArgumentException("expected a Base64 string, was " + value);
        }
        return Base64.getDecoder().decode((String) value);
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }

    private static void field(StringBuilder json, String name, Object value) {
        if (value == null) {
            return;
        }
        quote(json, name);
        json.append(':');
        if (value instanceof String) {
            quote(json, (String) value);
        } else {
            json.append(value);
        }
        json.append(',');
    }

    private static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"': json.append("\\\""); break;
                case '\\': json.append("\\\\"); break;
                case '\n': json.append("\\n"); break;
                case '\r': json.append("\\r"); break;
                case '\t': json.append("\\t"); break;
                default:
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
            }
        }
        json.append('"');
    }

    /** A parser of one flat JSON object: string, integer, boolean and null values. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Map<String, Object> object() {
            Map<String, Object> values = new LinkedHashMap<>();
            skipSpace();
            expect('{');
            skipSpace();
            if (peek() == '}') {
                at++;
                return end(values);
            }
            while (true) {
                skipSpace();
                String name = string();
                skipSpace();
                expect(':');
                skipSpace();
                values.put(name, value());
                skipSpace();
                char c = next();
                if (c == '}') {
                    return end(values);
                }
                if (c != ',') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private Map<String, Object> end(Map<String, Object> values) {
            skipSpace();
            if (at != text.length()) {
                throw error("unexpected text after the object");
            }
            return values;
        }

        private Object value() {
            char c = peek();
            if (c == '"') {
                return string();
            }
            if (text.startsWith("null", at)) {
                at += 4;
                return null;
            }
            if (text.startsWith("true", at)) {
                at += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("false", at)) {
                at += 5;
                return Boolean.FALSE;
            }
            int start = at;
            if (c == '-') {
                at++;
            }
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (at == start || at < text.length() && (text.charAt(at) == '.' || text.charAt(at) == 'e'
                    || text.charAt(at) == 'E')) {
                throw error("expected a string, an integer, true, false or null");
            }
            try {
                return Long.parseLong(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw error("integer out of range");
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"': case '\\': case '/': out.append(e); break;
                    case 'n': out.append('\n'); break;
                    case 'r': out.append('\r'); break;
                    case 't': out.append('\t'); break;
                    case 'b': out.append('\b'); break;
                    case 'f': out.append('\f'); break;
                    case 'u':
                        if (at + 4 > text.length()) {
                            throw error("truncated \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        at += 4;
                        break;
                    default:
                        throw error("bad escape \\" + e);
                }
            }
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private char peek() {
            if (at >= text.length()) {
                throw error("unexpected end of line");
            }
            return text.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at column " + (at + 1));
        }
    }
}
