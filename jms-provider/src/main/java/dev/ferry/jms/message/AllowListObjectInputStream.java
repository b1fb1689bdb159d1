package dev.ferry.jms.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * An {@link ObjectInputStream} that resolves only classes of an {@link ObjectMessageAllowList}. Every class
 * descriptor of the stream passes through {@link #resolveClass}, so the check covers the whole object graph,
 * superclasses and array element types included; proxies are refused unless all their interfaces are allowed.
 * Classes are loaded through the thread's context class loader first, so that application classes are found
 * inside an application server.
 */
final class AllowListObjectInputStream extends ObjectInputStream {

    private final ObjectMessageAllowList allowList;
    private String refusedClass;

    AllowListObjectInputStream(InputStream in, ObjectMessageAllowList allowList) throws IOException {
        super(in);
        this.allowList = allowList;
    }

    /** The first class refused, or {@code null}; known even when a readObject method wrapped the failure. */
    String refusedClass() {
        return refusedClass;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        String name = desc.getName();
        if (allowList.allows(name)) {
            return load(desc);
        }
        if (name.startsWith("java.")) {
            // enums of the JDK (TimeUnit, DayOfWeek, ...) are plain values; loading without initialising is safe
            Class<?> type = load(desc);
            if (Enum.class.isAssignableFrom(type)) {
                return type;
            }
        }
        throw refuse(name);
    }

    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) throws IOException, ClassNotFoundException {
        for (String name : interfaces) {
            if (!allowList.allows(name)) {
                throw refuse(name);
            }
        }
        return super.resolveProxyClass(interfaces);
    }

    private Class<?> load(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            try {
                return Class.forName(desc.getName(), false, context);
            } catch (ClassNotFoundException e) {
                // fall back to the JDK's choice of loader below
            }
        }
        return super.resolveClass(desc);
    }

    private InvalidClassException refuse(String name) {
        if (refusedClass == null) {
            refusedClass = ObjectMessageAllowList.elementName(name);
        }
        return new InvalidClassException(name, "not allowed to be deserialized by " + allowList);
    }
}
