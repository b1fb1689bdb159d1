package dev.ferry.store.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One {@code ferry.*} property: its name, its default, how its text is parsed, and what it is for. The same
 * names configure the JNDI factory, the resource adapter and the console (one vocabulary, one table).
 *
 * @param <T> the parsed type
 */
public final class Setting<T> {

    private final String key;
    private final String defaultText;
    private final Function<String, T> parser;
    private final String description;

    Setting(String key, String defaultText, Function<String, T> parser, String description) {
        this.key = Objects.requireNonNull(key);
        this.defaultText = defaultText;
        this.parser = Objects.requireNonNull(parser);
        this.description = Objects.requireNonNull(description);
    }

    public String key() {
        return key;
    }

    /** The default as written in the configuration table, or {@code null} for "unset". */
    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    T parse(String text) {
        try {
            return parser.apply(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid value '" + text + "' for " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return key;
    }
}
