package dev.ferry.jms.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes {@code ObjectMessage.getObject()} may deserialize. Java deserialization of arbitrary classes lets
 * a sender run code in the receiver ("gadget chains"), so Ferry resolves only the classes listed here, checked
 * for every class in the object graph (see {@link AllowListObjectInputStream}).
 *
 * <p>The defaults are JDK value types and collections: {@code String}, the boxed primitives and
 * {@code java.math} numbers, {@code java.util} collections and maps with their serial forms
 * ({@code ImmutableCollections}, {@code CollSer}, {@code Collections$Unmodifiable…} and the like),
 * {@code java.time} (with its serial form {@code java.time.Ser}), {@code UUID}, {@code Date}, {@code Locale},
 * {@code URI}, {@code java.sql} dates, enums of {@code java.*} packages, and arrays of any allowed type including
 * primitive arrays. Applications add their own classes with the property {@value #PROPERTY}: class names, or
 * package prefixes written {@code com.acme.orders.*} (the package and its sub-packages).
 *
 * <p>Immutable and thread-safe.
 */
public final class ObjectMessageAllowList {

    /** The configuration property (see {@code FerryProperties.OBJECT_MESSAGE_ALLOW_LIST}). */
    public static final String PROPERTY = "ferry.objectMessage.allowList";

    private static final Set<String> DEFAULT_CLASSES = Set.of(
            // java.lang value types; Number and Enum appear as superclass descriptors in the stream, Object as the
            // element type of the Object[] that collections write (each element is still checked on its own)
            "java.lang.Object", "java.lang.String", "java.lang.Boolean", "java.lang.Character", "java.lang.Byte", "java.lang.Short",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Number",
            "java.lang.Enum", "java.lang.StringBuilder", "java.lang.StringBuffer",
            "java.lang.String$CaseInsensitiveComparator",
            "java.math.BigInteger", "java.math.BigDecimal",
            // java.util collections and maps
            "java.util.ArrayList", "java.util.LinkedList", "java.util.Vector", "java.util.Stack",
            "java.util.ArrayDeque", "java.util.PriorityQueue", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.Hashtable", "java.util.Properties", "java.util.IdentityHashMap",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.EnumMap",
            "java.util.EnumSet$SerializationProxy", "java.util.BitSet", "java.util.CollSer",
            "java.util.Arrays$ArrayList", "java.util.AbstractMap$SimpleEntry",
            "java.util.AbstractMap$SimpleImmutableEntry",
            "java.util.Collections$UnmodifiableCollection", "java.util.Collections$UnmodifiableList",
            "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableSet",
            "java.util.Collections$UnmodifiableSortedSet", "java.util.Collections$UnmodifiableNavigableSet",
            "java.util.Collections$UnmodifiableMap", "java.util.Collections$UnmodifiableSortedMap",
            "java.util.Collections$UnmodifiableNavigableMap", "java.util.Collections$SynchronizedCollection",
            "java.util.Collections$SynchronizedList", "java.util.Collections$SynchronizedRandomAccessList",
            "java.util.Collections$SynchronizedSet", "java.util.Collections$SynchronizedSortedSet",
            "java.util.Collections$SynchronizedNavigableSet", "java.util.Collections$SynchronizedMap",
            "java.util.Collections$SynchronizedSortedMap", "java.util.Collections$SynchronizedNavigableMap",
            "java.util.Collections$EmptyList", "java.util.Collections$EmptySet", "java.util.Collections$EmptyMap",
            "java.util.Collections$SingletonList", "java.util.Collections$SingletonSet",
            "java.util.Collections$SingletonMap", "java.util.Collections$CopiesList",
            "java.util.Collections$SetFromMap", "java.util.Collections$ReverseComparator",
            "java.util.Collections$ReverseComparator2",
            "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentHashMap$Segment",
            "java.util.concurrent.locks.ReentrantLock", "java.util.concurrent.locks.ReentrantLock$Sync",
            "java.util.concurrent.locks.ReentrantLock$NonfairSync",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer",
            "java.util.concurrent.locks.AbstractOwnableSynchronizer",
            "java.util.concurrent.ConcurrentSkipListMap", "java.util.concurrent.ConcurrentSkipListSet",
            "java.util.concurrent.CopyOnWriteArrayList", "java.util.concurrent.CopyOnWriteArraySet",
            "java.util.concurrent.ConcurrentLinkedQueue", "java.util.concurrent.ConcurrentLinkedDeque",
            "java.util.concurrent.atomic.AtomicInteger", "java.util.concurrent.atomic.AtomicLong",
            "java.util.concurrent.atomic.AtomicBoolean",
            // other JDK value types
            "java.util.UUID", "java.util.Date", "java.util.Locale", "java.util.Currency", "java.net.URI",
            "java.sql.Date", "java.sql.Time", "java.sql.Timestamp");

    /** Prefixes of default classes: all of java.time and the JDK's immutable collections. */
    private static final List<String> DEFAULT_PREFIXES = List.of("java.time.", "java.util.ImmutableCollections$");

    private static final ObjectMessageAllowList DEFAULTS =
            new ObjectMessageAllowList(DEFAULT_CLASSES, DEFAULT_PREFIXES, List.of());

    private final Set<String> classes;
    private final List<String> prefixes;
    private final List<String> extras;

    private ObjectMessageAllowList(Set<String> classes, List<String> prefixes, List<String> extras) {
        this.classes = classes;
        this.prefixes = prefixes;
        this.extras = extras;
    }

    /** JDK value types and collections only. */
    public static ObjectMessageAllowList defaults() {
        return DEFAULTS;
    }

    /**
     * The defaults plus the comma-separated class names and {@code package.*} prefixes of
     * {@value #PROPERTY}; null or blank means the defaults.
     *
     * @throws IllegalArgumentException for an entry that is neither a class name nor a package prefix
     */
    public static ObjectMessageAllowList withExtra(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return DEFAULTS;
        }
        Set<String> classes = new HashSet<>(DEFAULT_CLASSES);
        List<String> prefixes = new ArrayList<>(DEFAULT_PREFIXES);
        List<String> extras = new ArrayList<>();
        for (String raw : commaSeparated.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.endsWith(".*")) {
                String packageName = entry.substring(0, entry.length() - 2);
                checkQualifiedName(packageName, entry);
                prefixes.add(packageName + ".");
            } else {
                checkQualifiedName(entry, entry);
                classes.add(entry);
            }
            extras.add(entry);
        }
        return new ObjectMessageAllowList(Collections.unmodifiableSet(classes),
                Collections.unmodifiableList(prefixes), Collections.unmodifiableList(extras));
    }

    private static void checkQualifiedName(String name, String entry) {
        boolean valid = !name.isEmpty();
        for (String part : name.split("\\.", -1)) {
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))) {
                valid = false;
                break;
            }
            for (int i = 1; i < part.length(); i++) {
                if (!Character.isJavaIdentifierPart(part.charAt(i))) {
                    valid = false;
                    break;
                }
            }
        }
        if (!valid) {
            throw new IllegalArgumentException(PROPERTY + " entry '" + entry + "' is neither a class name (e.g. "
                    + "com.acme.Order, com.acme.Order$Line) nor a package prefix (e.g. com.acme.*)");
        }
    }

    /**
     * Whether a class, named as {@link Class#getName()} does, may be deserialized. An array is allowed when
     * its element type is (primitive arrays always are).
     */
    public boolean allows(String className) {
        if (className == null || className.isEmpty()) {
            return false;
        }
        if (className.charAt(0) == '[') {
            String element = elementName(className);
            return element.length() == 1 ? "ZBCSIJFD".contains(element) : !element.startsWith("[") && allows(element);
        }
        if (classes.contains(className)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The element class of an array class name ({@code [[Lcom.acme.Order;} gives {@code com.acme.Order}, a
     * primitive array its one-letter code); any other name is returned as it is.
     */
    static String elementName(String className) {
        int dimensions = 0;
        while (dimensions < className.length() && className.charAt(dimensions) == '[') {
            dimensions++;
        }
        if (dimensions == 0) {
            return className;
        }
        String element = className.substring(dimensions);
        if (element.length() > 2 && element.charAt(0) == 'L' && element.endsWith(";")) {
            return element.substring(1, element.length() - 1);
        }
        return element;
    }

    /** The entries added to the defaults, as configured. */
    public List<String> extras() {
        return extras;
    }

    @Override
    public String toString() {
        return extras.isEmpty() ? "ObjectMessageAllowList[defaults]" : "ObjectMessageAllowList[defaults + " + extras + "]";
    }
}
