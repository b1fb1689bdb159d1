package dev.ferry.jms.jndi;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.jms.destination.FerryDestination;
import dev.ferry.jms.destination.FerryQueue;
import dev.ferry.jms.destination.FerryTopic;
import dev.ferry.jms.xa.FerryXAConnectionFactory;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import jakarta.jms.InvalidDestinationException;

import javax.naming.NamingException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the objects a JNDI environment declares, in the {@code jndi.properties} convention of other JMS
 * providers:
 * <pre>
 * connectionFactory.&lt;jndiName&gt;=&lt;JDBC URL, or empty for the embedded default&gt;
 * connectionFactory.&lt;jndiName&gt;.type=ConnectionFactory | QueueConnectionFactory | TopicConnectionFactory
 * connectionFactory.&lt;jndiName&gt;.clientID=&lt;preset client identifier&gt;
 * connectionFactory.&lt;jndiName&gt;.ferry.&lt;property&gt;=&lt;value for this factory only&gt;
 * queue.&lt;jndiName&gt;=&lt;physical queue name&gt;
 * topic.&lt;jndiName&gt;=&lt;physical topic name&gt;
 * ferry.&lt;property&gt;=&lt;value for every factory&gt;
 * </pre>
 * The prefixes are matched without regard to case ({@code connectionfactory.} works too). Other keys are left
 * alone: the environment also carries the JDK's own {@code java.naming.*} entries and whatever else the
 * application's {@code jndi.properties} files hold. Nothing is opened here; a factory starts its store on first
 * use.
 */
final class JndiBindings {

    static final String DEFAULT_FACTORY_NAME = "ConnectionFactory";

    private static final String FACTORY_PREFIX = "connectionfactory.";
    private static final String QUEUE_PREFIX = "queue.";
    private static final String TOPIC_PREFIX = "topic.";
    private static final String FERRY_PREFIX = "ferry.";
    private static final String TYPE_SUFFIX = ".type";
    private static final String CLIENT_ID_SUFFIX = ".clientid";

    private final Map<String, Object> objects = new TreeMap<>();
    private final Map<String, String> declaredBy = new LinkedHashMap<>();
    /** The first environment key that configured each factory, for the message when it is not declared. */
    private final Map<String, String> envKeys = new LinkedHashMap<>();
    /** Factories whose type is one of the XA interfaces. */
    private final Set<String> xaFactories = new HashSet<>();

    private JndiBindings() {
    }

    /** The bound objects by JNDI name, sorted by name. */
    static Map<String, Object> read(Map<?, ?> environment) throws NamingException {
        JndiBindings bindings = new JndiBindings();
        bindings.readAll(environment);
        return Collections.unmodifiableMap(bindings.objects);
    }

    private void readAll(Map<?, ?> environment) throws NamingException {
        Map<String, String> global = new LinkedHashMap<>();
        Map<String, String> factoryUrls = new LinkedHashMap<>();
        Map<String, Map<String, String>> factoryValues = new LinkedHashMap<>();
        Map<String, String> typeKeys = new LinkedHashMap<>();

        for (Map.Entry<?, ?> entry : environment.entrySet()) {
            if (!(entry.getKey() instanceof String) || entry.getValue() == null) {
                continue;
            }
            String key = (String) entry.getKey();
            String value = String.valueOf(entry.getValue());
            String lower = key.toLowerCase(Locale.ROOT);
            if (key.startsWith(FERRY_PREFIX)) {
                global.put(key, checkedFerryValue(key, key, value));
            } else if (lower.startsWith(QUEUE_PREFIX)) {
                bindDestination(key, key.substring(QUEUE_PREFIX.length()), value, true);
            } else if (lower.startsWith(TOPIC_PREFIX)) {
                bindDestination(key, key.substring(TOPIC_PREFIX.length()), value, false);
            } else if (lower.startsWith(FACTORY_PREFIX)) {
                readFactoryEntry(key, value, factoryUrls, factoryValues, typeKeys);
            }
        }

        Map<String, String> settingKeys = new LinkedHashMap<>(typeKeys);
        factoryValues.forEach((name, values) -> settingKeys.putIfAbsent(name, envKeys.get(name)));
        for (Map.Entry<String, String> entry : settingKeys.entrySet()) {
            if (!factoryUrls.containsKey(entry.getKey())) {
                throw new NamingException(entry.getValue() + " configures connection factory '" + entry.getKey()
                        + "', which is not declared; add connectionFactory." + entry.getKey()
                        + "=<JDBC URL, or empty for the embedded default>");
            }
        }
        if (factoryUrls.isEmpty()) {
            if (!objects.containsKey(DEFAULT_FACTORY_NAME)) {
                bind(DEFAULT_FACTORY_NAME, "the default connection factory", newFactory("ferry.*", global));
            }
            return;
        }
        for (Map.Entry<String, String> entry : factoryUrls.entrySet()) {
            String name = entry.getKey();
            String key = "connectionFactory." + name;
            Map<String, String> values = new LinkedHashMap<>(global);
            Map<String, String> own = factoryValues.getOrDefault(name, Map.of());
            String url = entry.getValue().trim();
            if (!url.isEmpty()) {
                if (own.containsKey(FerryProperties.JDBC_URL.key())) {
                    throw new NamingException(key + " gives a JDBC URL and " + key + "."
                            + FerryProperties.JDBC_URL.key() + " gives another; keep one of them");
                }
                values.put(FerryProperties.JDBC_URL.key(), checkedFerryValue(key, FerryProperties.JDBC_URL.key(), url));
            }
            values.putAll(own);
            bind(name, key, xaFactories.contains(name) ? newXaFactory(key, values) : newFactory(key, values));
        }
    }

    private void readFactoryEntry(String key, String value, Map<String, String> urls,
                                  Map<String, Map<String, String>> factoryValues,
                                  Map<String, String> typeKeys) throws NamingException {
        String rest = key.substring(FACTORY_PREFIX.length());
        String lowerRest = rest.toLowerCase(Locale.ROOT);
        int ferry = rest.indexOf("." + FERRY_PREFIX);
        if (ferry > 0) {
            String name = rest.substring(0, ferry);
            String ferryKey = rest.substring(ferry + 1);
            putFactoryValue(factoryValues, key, name, ferryKey, checkedFerryValue(key, ferryKey, value));
        } else if (lowerRest.endsWith(TYPE_SUFFIX) && rest.length() > TYPE_SUFFIX.length()) {
            String name = rest.substring(0, rest.length() - TYPE_SUFFIX.length());
            // Every Ferry factory implements all three interfaces: the type only chooses plain or XA.
            if (ConnectionFactoryType.parse(key, value).xa()) {
                xaFactories.add(name);
            } else {
                xaFactories.remove(name);
            }
            typeKeys.put(name, key);
        } else if (lowerRest.endsWith(CLIENT_ID_SUFFIX) && rest.length() > CLIENT_ID_SUFFIX.length()) {
            String name = rest.substring(0, rest.length() - CLIENT_ID_SUFFIX.length());
            putFactoryValue(factoryValues, key, name, FerryProperties.CLIENT_ID.key(),
                    checkedFerryValue(key, FerryProperties.CLIENT_ID.key(), value));
        } else {
            if (rest.isEmpty()) {
                throw new NamingException(key + " names no connection factory; write connectionFactory.<jndiName>");
            }
            String url = value.trim();
            if (!url.isEmpty() && !url.startsWith("jdbc:")) {
                throw new NamingException("invalid value '" + value + "' for " + key
                        + ": a connection factory entry takes a JDBC URL (jdbc:...) or nothing for the embedded "
                        + "default; per-factory settings are written connectionFactory.<jndiName>.ferry.<property>");
            }
            urls.put(rest, value);
        }
    }

    private void putFactoryValue(Map<String, Map<String, String>> factoryValues, String envKey, String name,
                                 String ferryKey, String value) throws NamingException {
        envKeys.putIfAbsent(name, envKey);
        Map<String, String> values = factoryValues.computeIfAbsent(name, n -> new LinkedHashMap<>());
        if (values.containsKey(ferryKey)) {
            throw new NamingException(envKey + " sets " + ferryKey + " of connection factory '" + name
                    + "' a second time (clientID and ferry.clientID are the same setting)");
        }
        values.put(ferryKey, value);
    }

    /** Validates one {@code ferry.*} value alone, so that the message names the key the user wrote. */
    private static String checkedFerryValue(String envKey, String ferryKey, String value) throws NamingException {
        try {
            FerryConfig.of(Map.of(ferryKey, value));
            return value;
        } catch (IllegalArgumentException e) {
            throw namingException("invalid JNDI property " + envKey + ": " + e.getMessage(), e);
        }
    }

    private static FerryConnectionFactory newFactory(String envKey, Map<String, String> values)
            throws NamingException {
        try {
            return new FerryConnectionFactory(FerryConfig.of(values));
        } catch (IllegalArgumentException e) {
            throw namingException("invalid configuration of " + envKey + ": " + e.getMessage(), e);
        }
    }

    private static FerryXAConnectionFactory newXaFactory(String envKey, Map<String, String> values)
            throws NamingException {
        try {
            return new FerryXAConnectionFactory(FerryConfig.of(values));
        } catch (IllegalArgumentException e) {
            throw namingException("invalid configuration of " + envKey + ": " + e.getMessage(), e);
        }
    }

    private void bindDestination(String key, String jndiName, String physicalName, boolean queue)
            throws NamingException {
        if (jndiName.isEmpty()) {
            throw new NamingException(key + " names no JNDI name; write " + (queue ? "queue" : "topic")
                    + ".<jndiName>=<physical name>");
        }
        String name = physicalName.trim();
        if (name.isEmpty()) {
            throw new NamingException(key + " gives no physical " + (queue ? "queue" : "topic")
                    + " name; write " + key + "=<physical name>");
        }
        try {
            FerryDestination.checkName(name);
        } catch (InvalidDestinationException e) {
            throw namingException("invalid value for " + key + ": " + e.getMessage(), e);
        }
        bind(jndiName, key, queue ? new FerryQueue(name) : new FerryTopic(name));
    }

    private void bind(String name, String key, Object object) throws NamingException {
        String earlier = declaredBy.putIfAbsent(name, key);
        if (earlier != null) {
            throw new NamingException("JNDI name '" + name + "' is declared twice, by " + earlier + " and by " + key);
        }
        objects.put(name, object);
    }

    static NamingException namingException(String message, Exception cause) {
        NamingException exception = new NamingException(message);
        exception.setRootCause(cause);
        return exception;
    }
}
