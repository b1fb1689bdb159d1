package dev.ferry.ra;

import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Turns the resource adapter's config properties into one {@link FerryConfig} (DESIGN.md #9: the same
 * {@code ferry.*} vocabulary as the JNDI factory). Precedence, highest first: the named config properties
 * ({@code JdbcUrl}, {@code Datasource}, …), the free-form {@code Properties} config property, {@code ferry.*}
 * system properties of the server, then Ferry's defaults, with two server-specific defaults: the embedded H2
 * database lives in the server's data folder, and MDB consumers claim one delivery at a time.
 */
public final class AdapterSettings {

    /** In a server, MDB sessions share a queue: claiming one delivery at a time spreads work over them. */
    static final String SERVER_PREFETCH = "1";

    private AdapterSettings() {
    }

    /**
     * @param named      values of the named config properties, keyed by their {@code ferry.*} name (null values
     *                   are unset)
     * @param properties the {@code Properties} config property: {@code key=value} pairs, one per line (not
     *                   semicolons: H2 URLs contain them)
     * @param system     the server's system properties
     * @throws IllegalArgumentException naming the property that is unknown or malformed
     */
    public static FerryConfig resolve(Map<String, String> named, String properties, Properties system) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith("ferry.")) {
                values.put(key, system.getProperty(key));
            }
        }
        values.putAll(parse(properties));
        named.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                values.put(key, value.trim());
            }
        });
        if (!values.containsKey(FerryProperties.JDBC_URL.key()) && !values.containsKey(FerryProperties.DATASOURCE.key())) {
            String dataDir = system.getProperty("jboss.server.data.dir");
            if (dataDir != null) {
                values.put(FerryProperties.JDBC_URL.key(), "jdbc:h2:file:" + dataDir + "/ferry/ferry");
            }
        }
        values.putIfAbsent(FerryProperties.PREFETCH.key(), SERVER_PREFETCH);
        return FerryConfig.of(values);
    }

    /** {@code key=value} pairs, one per line; blank text is no pairs. */
    static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return values;
        }
        Properties parsed = new Properties();
        try {
            parsed.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the Properties config property is not a list of key=value pairs: "
                    + e.getMessage(), e);
        }
        for (String key : parsed.stringPropertyNames()) {
            if (!key.startsWith("ferry.")) {
                throw new IllegalArgumentException("the Properties config property holds '" + key
                        + "', which is not a ferry.* property");
            }
            values.put(key, parsed.getProperty(key).trim());
        }
        return values;
    }
}
