package dev.ferry.store.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every {@code ferry.*} property Ferry understands, with its default. The README's configuration table is
 * this list; {@code FerryPropertiesDocumentationTest} keeps the two in step.
 */
public final class FerryProperties {

    private static final Map<String, Setting<?>> ALL = new LinkedHashMap<>();

    // ---- store ----
    public static final Setting<String> JDBC_URL = define("ferry.jdbc.url",
            "jdbc:h2:file:./ferry-data/ferry", Function.identity(),
            "JDBC URL of the store. The default is an embedded H2 file database in ./ferry-data. "
                    + "PostgreSQL: jdbc:postgresql://host/db.");
    public static final Setting<String> JDBC_USER = define("ferry.jdbc.user", null, Function.identity(),
            "Database user (H2 default: sa).");
    public static final Setting<String> JDBC_PASSWORD = define("ferry.jdbc.password", null, Function.identity(),
            "Database password.");
    public static final Setting<Integer> JDBC_POOL_SIZE = define("ferry.jdbc.poolSize", "16",
            FerryProperties::positiveInt, "Maximum connections of the store's own pool (Java SE only).");
    public static final Setting<String> DATASOURCE = define("ferry.datasource", null, Function.identity(),
            "JNDI name of a container DataSource; when set it is used instead of ferry.jdbc.url.");
    public static final Setting<Duration> LEASE_TIMEOUT = define("ferry.lease.timeout", "30s",
            FerryProperties::duration,
            "How long deliveries held by a node that stopped heartbeating stay leased before they return to "
                    + "their queue (marked redelivered).");
    public static final Setting<Duration> HEARTBEAT_INTERVAL = define("ferry.node.heartbeatInterval", "5s",
            FerryProperties::duration, "How often a node renews its heartbeat and its leases.");

    // ---- delivery ----
    public static final Setting<Boolean> AUTO_CREATE = define("ferry.destinations.autoCreate", "true",
            FerryProperties::bool,
            "Create a queue or topic on first use; when false, unknown destinations raise "
                    + "InvalidDestinationException.");
    public static final Setting<Integer> PREFETCH = define("ferry.consumer.prefetch", "32",
            FerryProperties::positiveInt, "Deliveries a consumer claims from the store at a time.");
    public static final Setting<Boolean> CLAIM_FLUSH = define("ferry.claim.flush", "false", FerryProperties::bool,
            "PostgreSQL: whether a consumer's claim (its lease and delivery-count increment) waits for its own WAL "
                    + "flush before the message is handed out. false: it reaches the disk with the next flushed "
                    + "commit, at the latest the acknowledgement, so only a crash of PostgreSQL itself in between "
                    + "can deliver the message again without JMSRedelivered. true: one more disk flush per claim.");
    public static final Setting<Boolean> CONSUMER_HAND_OFF = define("ferry.consumer.handOff", "true",
            FerryProperties::bool,
            "A send outside a transaction goes straight to a consumer of the same JVM that waits on the queue with "
                    + "nothing buffered: its delivery is stored already leased to that consumer, which then needs no "
                    + "claim. false: every consumer claims its messages.");
    public static final Setting<Duration> POLL_INTERVAL = define("ferry.poll.interval", "1s",
            FerryProperties::duration,
            "Longest an idle consumer waits before it looks at the store again when no wake-up arrives "
                    + "(covers sends from other JVMs on databases without notifications).");
    public static final Setting<Integer> SUBSCRIPTION_MEMORY_BUFFER = define("ferry.subscription.memoryBuffer",
            "1000", FerryProperties::positiveInt,
            "Non-persistent messages published in this JVM that a non-durable subscription of this JVM holds in "
                    + "memory, without database rows. A publisher waits briefly for room; a subscription that "
                    + "stays full takes its further messages through the database until its consumer catches up.");
    public static final Setting<Long> MAX_MESSAGE_SIZE = define("ferry.message.maxSize", "100MiB",
            FerryProperties::size, "Largest message (body and properties) a producer may send.");
    public static final Setting<Duration> REDELIVERY_DELAY = define("ferry.redelivery.delay", "0ms",
            FerryProperties::duration, "Delay before a rolled-back or recovered message is offered again.");
    public static final Setting<Double> REDELIVERY_BACKOFF = define("ferry.redelivery.backoff", "1.0",
            FerryProperties::multiplier, "Multiplier applied to the redelivery delay at each further attempt.");
    public static final Setting<Duration> REDELIVERY_MAX_DELAY = define("ferry.redelivery.maxDelay", "5m",
            FerryProperties::duration, "Upper bound of the backed-off redelivery delay.");
    public static final Setting<Integer> MAX_DELIVERY_ATTEMPTS = define("ferry.redelivery.maxAttempts", "10",
            FerryProperties::positiveInt,
            "Deliveries of a message before it is moved to the dead-letter queue.");
    public static final Setting<String> DEAD_LETTER_QUEUE = define("ferry.deadLetterQueue", "DLQ",
            Function.identity(), "Queue that receives messages past the maximum delivery attempts.");
    public static final Setting<String> EXPIRY_QUEUE = define("ferry.expiryQueue", "ExpiryQueue",
            Function.identity(), "Queue that receives expired messages; empty to drop them.");
    public static final Setting<String> OBJECT_MESSAGE_ALLOW_LIST = define("ferry.objectMessage.allowList", "",
            Function.identity(),
            "Comma-separated classes (or package prefixes ending in '.*') that ObjectMessage.getObject() may "
                    + "deserialize, in addition to JDK value types and collections.");

    // ---- security ----
    public static final Setting<String> SECURITY_USERS = define("ferry.security.users", null, Function.identity(),
            "Path of a properties file of users (user=hash,roles). When set, connections must authenticate; "
                    + "when unset, security is off.");
    public static final Setting<String> SECURITY_DEFAULT_USER = define("ferry.security.defaultUser", null,
            Function.identity(), "User applied to connections created without credentials when security is on.");
    public static final Setting<String> USER = define("ferry.user", null, Function.identity(),
            "User a connection factory connects as when createConnection() is called without credentials.");
    public static final Setting<String> PASSWORD = define("ferry.password", null, Function.identity(),
            "Password for ferry.user.");
    public static final Setting<String> CLIENT_ID = define("ferry.clientID", null, Function.identity(),
            "Client identifier preset on every connection of the factory (for durable subscriptions).");

    // ---- several nodes on one database (docs/cluster.md) ----
    public static final Setting<Boolean> NOTIFICATIONS = define("ferry.notifications", "true",
            FerryProperties::bool,
            "On PostgreSQL, wake idle consumers of other nodes with LISTEN/NOTIFY (one extra connection per "
                    + "node, outside the pool); when false, or on other databases, idle consumers poll adaptively.");
    public static final Setting<Duration> NOTIFICATIONS_COALESCE = define("ferry.notifications.coalesce", "10ms",
            FerryProperties::duration,
            "A queue notified less than this ago is notified again only once at the end of the window, so a busy "
                    + "node sends about two notifications per queue per window however many commits it makes.");
    public static final Setting<Duration> POLL_MIN_INTERVAL = define("ferry.poll.minInterval", "20ms",
            FerryProperties::duration,
            "Without notifications from other nodes: how soon an idle consumer looks again right after it last "
                    + "received; the wait grows with the idle time up to ferry.poll.interval.");
    // ---- admin console ----
    public static final Setting<String> CONSOLE_USERS = define("ferry.console.users", null, Function.identity(),
            "Path of the console's users file (user=hash,roles with role viewer or operator; the format of "
                    + "ferry.security.users). Standalone console only; in an application server the container "
                    + "signs users in.");
    public static final Setting<Boolean> CONSOLE_HIDE_BODIES = define("ferry.console.hideBodiesFromViewers",
            "false", FerryProperties::bool,
            "Whether console users with only the viewer role see headers and properties but not message bodies.");
    public static final Setting<String> CONSOLE_REPLAY_ALLOW = define("ferry.console.replay.allowProperties", "",
            Function.identity(),
            "Comma-separated properties a message replayed from the console keeps (a name ending in * is a prefix); "
                    + "empty for all. The operator can change it for one replay.");
    public static final Setting<String> CONSOLE_REPLAY_DENY = define("ferry.console.replay.denyProperties", "",
            Function.identity(),
            "Comma-separated properties a message replayed from the console drops, e.g. traceparent, X-B3-*. "
                    + "The operator can change it for one replay.");

    private FerryProperties() {
    }

    private static <T> Setting<T> define(String key, String defaultText, Function<String, T> parser,
                                         String description) {
        Setting<T> setting = new Setting<>(key, defaultText, parser, description);
        ALL.put(key, setting);
        return setting;
    }

    /** All settings in table order. */
    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(new ArrayList<>(ALL.values()));
    }

    public static Setting<?> find(String key) {
        return ALL.get(key);
    }

    // ---- parsers ----

    static int positiveInt(String text) {
        int value = Integer.parseInt(text);
        if (value <= 0) {
            throw new IllegalArgumentException("must be positive");
        }
        return value;
    }

    static boolean bool(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true": return true;
            case "false": return false;
            default: throw new IllegalArgumentException("must be true or false");
        }
    }

    static double multiplier(String text) {
        double value = Double.parseDouble(text);
        if (!(value >= 1.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("must be a number of at least 1.0");
        }
        return value;
    }

    /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}, or plain milliseconds. */
    public static Duration duration(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        long factor;
        String number;
        if (t.endsWith("ms")) {
            factor = 1;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            factor = 1_000;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            factor = 60_000;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            factor = 3_600_000;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("d")) {
            factor = 86_400_000;
            number = t.substring(0, t.length() - 1);
        } else {
            factor = 1;
            number = t;
        }
        long value = Long.parseLong(number.trim());
        if (value < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
        return Duration.ofMillis(Math.multiplyExact(value, factor));
    }

    /** {@code 512}, {@code 64KiB}, {@code 10MiB}, {@code 1GiB} (also KB/MB/GB, read as binary units). */
    public static long size(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace("ib", "b");
        long factor = 1;
        if (t.endsWith("kb")) {
            factor = 1L << 10;
        } else if (t.endsWith("mb")) {
            factor = 1L << 20;
        } else if (t.endsWith("gb")) {
            factor = 1L << 30;
        }
        String number = factor == 1 ? (t.endsWith("b") ? t.substring(0, t.length() - 1) : t) : t.substring(0, t.length() - 2);
        long value = Long.parseLong(number.trim());
        if (value <= 0) {
            throw new IllegalArgumentException("must be positive");
        }
        return Math.multiplyExact(value, factor);
    }
}
