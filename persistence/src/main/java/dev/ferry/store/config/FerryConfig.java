package dev.ferry.store.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * An immutable set of {@code ferry.*} values over the defaults of {@link FerryProperties}. Unknown
 * {@code ferry.*} keys are rejected so that a misspelt property is an error, not a silent default.
 */
public final class FerryConfig {

    private static final FerryConfig DEFAULTS = new FerryConfig(Map.of());

    private final Map<String, String> values;

    private FerryConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static FerryConfig defaults() {
        return DEFAULTS;
    }

    /** Takes the {@code ferry.*} entries of the map; other keys are ignored. */
    public static FerryConfig of(Map<String, ?> entries) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : entries.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith("ferry.") || entry.getValue() == null) {
                continue;
            }
            Setting<?> setting = FerryProperties.find(key);
            if (setting == null) {
                throw new IllegalArgumentException("unknown property " + key
                        + "; the ferry.* properties are listed in the README's configuration table");
            }
            String text = String.valueOf(entry.getValue());
            setting.parse(text); // fail now, not on first use
            values.put(key, text);
        }
        return new FerryConfig(values);
    }

    public static FerryConfig of(Properties properties) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return of(map);
    }

    /** This configuration with more values laid over it. */
    public FerryConfig with(Map<String, ?> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        return of(merged);
    }

    public FerryConfig with(Setting<?> setting, Object value) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        merged.put(setting.key(), value);
        return of(merged);
    }

    /** The value, or the default, or {@code null} when neither is set. */
    public <T> T get(Setting<T> setting) {
        String text = values.getOrDefault(setting.key(), setting.defaultText());
        return text == null ? null : setting.parse(text);
    }

    public boolean isSet(Setting<?> setting) {
        return values.containsKey(setting.key());
    }

    /** The explicitly set values, for identity (two factories with equal maps share one broker). */
    public Map<String, String> explicitValues() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FerryConfig && values.equals(((FerryConfig) other).values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>(values);
        shown.replaceAll((k, v) -> k.contains("password") ? "****" : v);
        return "FerryConfig" + shown;
    }
}
