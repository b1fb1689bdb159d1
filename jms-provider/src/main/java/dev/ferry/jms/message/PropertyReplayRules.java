package dev.ferry.jms.message;

import dev.ferry.store.admin.PropertyRewrite;
import jakarta.jms.MessageFormatException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which properties a replayed message keeps (the console's allow/deny list): with an allow list only the
 * properties it names are kept; the deny list then removes names (e.g. tracing headers such as
 * {@code traceparent} or {@code uber-trace-id}). A name ending in {@code *} matches every name with that
 * prefix. JMS headers are not properties and are never touched.
 */
public final class PropertyReplayRules implements PropertyRewrite {

    private final List<String> allow;
    private final List<String> deny;

    /**
     * @param allow names to keep, empty for all
     * @param deny  names to drop
     */
    public PropertyReplayRules(List<String> allow, List<String> deny) {
        this.allow = List.copyOf(Objects.requireNonNull(allow, "allow"));
        this.deny = List.copyOf(Objects.requireNonNull(deny, "deny"));
    }

    /** Rules from comma-separated lists, e.g. {@code ("", "traceparent, tracestate, X-B3-*")}. */
    public static PropertyReplayRules parse(String allow, String deny) {
        return new PropertyReplayRules(split(allow), split(deny));
    }

    private static List<String> split(String names) {
        if (names == null || names.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(names.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
    }

    public boolean keeps(String name) {
        return (allow.isEmpty() || matchesAny(allow, name)) && !matchesAny(deny, name);
    }

    private static boolean matchesAny(List<String> patterns, String name) {
        for (String pattern : patterns) {
            if (pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                    : pattern.equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public byte[] rewrite(byte[] encodedProperties) {
        Map<String, Object> properties;
        try {
            properties = MessageCodec.decodeStoredProperties(encodedProperties);
        } catch (MessageFormatException e) {
            throw new IllegalArgumentException("stored properties cannot be read: " + e.getMessage(), e);
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            if (keeps(name)) {
                kept.put(name, value);
            }
        });
        return kept.size() == properties.size() ? encodedProperties : MessageCodec.encodeStoredProperties(kept);
    }

    @Override
    public String toString() {
        return "allow " + (allow.isEmpty() ? "all" : allow) + ", deny " + deny;
    }
}
