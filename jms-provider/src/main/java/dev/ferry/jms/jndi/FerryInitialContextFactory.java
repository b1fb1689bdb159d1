package dev.ferry.jms.jndi;

import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;
import java.util.Hashtable;

/**
 * JNDI for Java SE programs: {@code java.naming.factory.initial=dev.ferry.jms.jndi.FerryInitialContextFactory}
 * in {@code jndi.properties} (or the environment passed to {@code new InitialContext(env)}) gives a read-only
 * context of the connection factories, queues and topics the environment declares, in the convention of other
 * JMS providers:
 * <pre>
 * connectionFactory.ConnectionFactory=jdbc:postgresql://localhost/ferry
 * connectionFactory.ConnectionFactory.ferry.jdbc.user=ferry
 * queue.jms/Orders=orders
 * topic.jms/Prices=prices
 * ferry.redelivery.maxAttempts=5
 * </pre>
 * With no {@code connectionFactory.*} entry, one factory with the embedded default store (and any global
 * {@code ferry.*} values) is bound as {@code ConnectionFactory}. {@code dynamicQueues/<name>} and
 * {@code dynamicTopics/<name>} name destinations directly. Creating the context opens nothing; the store starts
 * when the first connection is created. Invalid entries fail here, with a {@link NamingException} naming the key.
 */
public class FerryInitialContextFactory implements InitialContextFactory {

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Hashtable<?, ?> env = environment == null ? new Hashtable<>() : environment;
        return new FerryContext(JndiBindings.read(env), env);
    }
}
