package dev.ferry.jms.jndi;

import dev.ferry.jms.destination.FerryDestination;
import dev.ferry.jms.destination.FerryQueue;
import dev.ferry.jms.destination.FerryTopic;
import jakarta.jms.InvalidDestinationException;

import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The read-only naming context {@link FerryInitialContextFactory} returns. Its names are flat: a name such as
 * {@code jms/Orders} is one entry, whether it is looked up as a string or as a {@link Name} of two components.
 * Besides the configured entries it resolves {@code dynamicQueues/<name>} and {@code dynamicTopics/<name>} to
 * the destination of that physical name. Binding methods throw {@link OperationNotSupportedException}: the
 * entries come from the environment only.
 */
final class FerryContext implements Context {

    static final String DYNAMIC_QUEUES = "dynamicQueues/";
    static final String DYNAMIC_TOPICS = "dynamicTopics/";

    private static final NameParser PARSER = CompositeName::new;

    private final Map<String, Object> bindings;
    private final Hashtable<Object, Object> environment;

    FerryContext(Map<String, Object> bindings, Hashtable<?, ?> environment) {
        this.bindings = bindings;
        this.environment = new Hashtable<>(environment);
    }

    // ---- lookup -------------------------------------------------------------------------------------------

    @Override
    public Object lookup(String name) throws NamingException {
        if (name == null) {
            throw new InvalidNameException("JNDI name must not be null");
        }
        if (name.isEmpty()) {
            return new FerryContext(bindings, environment); // the context itself, as Context.lookup specifies
        }
        Object bound = bindings.get(name);
        if (bound != null) {
            return bound;
        }
        if (name.startsWith(DYNAMIC_QUEUES)) {
            return dynamicDestination(name, name.substring(DYNAMIC_QUEUES.length()), true);
        }
        if (name.startsWith(DYNAMIC_TOPICS)) {
            return dynamicDestination(name, name.substring(DYNAMIC_TOPICS.length()), false);
        }
        throw notFound(name);
    }

    @Override
    public Object lookup(Name name) throws NamingException {
        return lookup(flat(name));
    }

    @Override
    public Object lookupLink(String name) throws NamingException {
        return lookup(name); // no links here
    }

    @Override
    public Object lookupLink(Name name) throws NamingException {
        return lookup(name);
    }

    private static FerryDestination dynamicDestination(String jndiName, String physicalName, boolean queue)
            throws NamingException {
        try {
            FerryDestination.checkName(physicalName);
        } catch (InvalidDestinationException e) {
            InvalidNameException failure = new InvalidNameException("cannot look up " + jndiName + ": "
                    + e.getMessage());
            failure.setRootCause(e);
            throw failure;
        }
        return queue ? new FerryQueue(physicalName) : new FerryTopic(physicalName);
    }

    private NameNotFoundException notFound(String name) {
        return new NameNotFoundException("'" + name + "' is not bound in the Ferry JNDI context; bound names: "
                + bindings.keySet() + "; destinations by physical name: " + DYNAMIC_QUEUES + "<name>, "
                + DYNAMIC_TOPICS + "<name>");
    }

    /** The entry a {@link Name} denotes in this flat namespace: its components joined with '/'. */
    private static String flat(Name name) throws InvalidNameException {
        if (name == null) {
            throw new InvalidNameException("JNDI name must not be null");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < name.size(); i++) {
            if (i > 0) {
                text.append('/');
            }
            text.append(name.get(i));
        }
        return text.toString();
    }

    // ---- listing ------------------------------------------------------------------------------------------

    @Override
    public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
        checkListable(name);
        List<NameClassPair> pairs = new ArrayList<>();
        bindings.forEach((key, value) -> pairs.add(new NameClassPair(key, value.getClass().getName())));
        return new ListEnumeration<>(pairs);
    }

    @Override
    public NamingEnumeration<NameClassPair> list(Name name) throws NamingException {
        return list(flat(name));
    }

    @Override
    public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
        checkListable(name);
        List<Binding> list = new ArrayList<>();
        bindings.forEach((key, value) -> list.add(new Binding(key, value)));
        return new ListEnumeration<>(list);
    }

    @Override
    public NamingEnumeration<Binding> listBindings(Name name) throws NamingException {
        return listBindings(flat(name));
    }

    /** Only the root can be listed: every entry is a leaf, and the dynamic names are unbounded. */
    private void checkListable(String name) throws NamingException {
        if (name == null || name.isEmpty()) {
            return;
        }
        if (bindings.containsKey(name)) {
            throw new NotContextException("'" + name + "' is a " + bindings.get(name).getClass().getSimpleName()
                    + ", not a context; list \"\" to see every bound name");
        }
        throw notFound(name);
    }

    // ---- read-only ----------------------------------------------------------------------------------------

    private static OperationNotSupportedException readOnly(String operation) {
        return new OperationNotSupportedException("the Ferry JNDI context is read-only (" + operation
                + " is not supported); declare entries in the environment or jndi.properties as "
                + "connectionFactory.<name>, queue.<name> or topic.<name>");
    }

    @Override
    public void bind(Name name, Object obj) throws NamingException {
        throw readOnly("bind");
    }

    @Override
    public void bind(String name, Object obj) throws NamingException {
        throw readOnly("bind");
    }

    @Override
    public void rebind(Name name, Object obj) throws NamingException {
        throw readOnly("rebind");
    }

    @Override
    public void rebind(String name, Object obj) throws NamingException {
        throw readOnly("rebind");
    }

    @Override
    public void unbind(Name name) throws NamingException {
        throw readOnly("unbind");
    }

    @Override
    public void unbind(String name) throws NamingException {
        throw readOnly("unbind");
    }

    @Override
    public void rename(Name oldName, Name newName) throws NamingException {
        throw readOnly("rename");
    }

    @Override
    public void rename(String oldName, String newName) throws NamingException {
        throw readOnly("rename");
    }

    @Override
    public void destroySubcontext(Name name) throws NamingException {
        throw readOnly("destroySubcontext");
    }

    @Override
    public void destroySubcontext(String name) throws NamingException {
        throw readOnly("destroySubcontext");
    }

    @Override
    public Context createSubcontext(Name name) throws NamingException {
        throw readOnly("createSubcontext");
    }

    @Override
    public Context createSubcontext(String name) throws NamingException {
        throw readOnly("createSubcontext");
    }

    // ---- names and environment ----------------------------------------------------------------------------

    @Override
    public NameParser getNameParser(Name name) {
        return PARSER;
    }

    @Override
    public NameParser getNameParser(String name) {
        return PARSER;
    }

    @Override
    public Name composeName(Name name, Name prefix) throws NamingException {
        Name composed = (Name) prefix.clone();
        composed.addAll(name);
        return composed;
    }

    @Override
    public String composeName(String name, String prefix) throws NamingException {
        return composeName(new CompositeName(name), new CompositeName(prefix)).toString();
    }

    /**
     * Records the change, which {@link #getEnvironment()} then shows; the entries were read when the context was
     * created and stay as they are (create a new {@code InitialContext} to read a changed environment).
     */
    @Override
    public Object addToEnvironment(String propName, Object propVal) {
        return environment.put(propName, propVal);
    }

    @Override
    public Object removeFromEnvironment(String propName) {
        return environment.remove(propName);
    }

    @Override
    public Hashtable<?, ?> getEnvironment() {
        return new Hashtable<>(environment);
    }

    @Override
    public String getNameInNamespace() {
        return "";
    }

    /** Nothing to release: connection factories open their store on first use and close it with the last connection. */
    @Override
    public void close() {
    }

    /** A finished list as a {@link NamingEnumeration}. */
    private static final class ListEnumeration<T> implements NamingEnumeration<T> {
        private final Iterator<T> iterator;

        ListEnumeration(List<T> items) {
            this.iterator = Collections.unmodifiableList(items).iterator();
        }

        @Override
        public T next() {
            return nextElement();
        }

        @Override
        public boolean hasMore() {
            return iterator.hasNext();
        }

        @Override
        public void close() {
        }

        @Override
        public boolean hasMoreElements() {
            return iterator.hasNext();
        }

        @Override
        public T nextElement() {
            if (!iterator.hasNext()) {
                throw new NoSuchElementException();
            }
            return iterator.next();
        }
    }
}
