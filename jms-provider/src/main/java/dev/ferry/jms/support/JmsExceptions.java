package dev.ferry.jms.support;

import dev.ferry.store.StoreException;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;

/**
 * The two exception translations of the provider, each in one place: store failures into checked
 * {@link JMSException}s (classic API), and checked JMS exceptions into the runtime exceptions of the simplified
 * API (JMS 3.1 §7.5 names a runtime twin for each).
 */
public final class JmsExceptions {

    private JmsExceptions() {
    }

    /** A store failure as the JMS exception an application sees, the store's exception kept as cause and link. */
    public static JMSException fromStore(String action, StoreException failure) {
        return withCause(new JMSException(action + " failed in the message store: " + failure.getMessage()), failure);
    }

    /** Attaches a cause both ways the JMS API knows (linked exception and {@link Throwable#getCause()}). */
    public static <E extends JMSException> E withCause(E exception, Throwable cause) {
        if (cause instanceof Exception) {
            exception.setLinkedException((Exception) cause);
        }
        if (exception.getCause() == null) {
            exception.initCause(cause);
        }
        return exception;
    }

    /** The simplified API's twin of a checked JMS exception, message, error code and cause kept. */
    public static JMSRuntimeException toRuntime(JMSException e) {
        String message = e.getMessage();
        String code = e.getErrorCode();
        JMSRuntimeException converted;
        if (e instanceof IllegalStateException) {
            converted = new IllegalStateRuntimeException(message, code, e);
        } else if (e instanceof InvalidClientIDException) {
            converted = new InvalidClientIDRuntimeException(message, code, e);
        } else if (e instanceof InvalidDestinationException) {
            converted = new InvalidDestinationRuntimeException(message, code, e);
        } else if (e instanceof InvalidSelectorException) {
            converted = new InvalidSelectorRuntimeException(message, code, e);
        } else if (e instanceof JMSSecurityException) {
            converted = new JMSSecurityRuntimeException(message, code, e);
        } else if (e instanceof MessageFormatException) {
            converted = new MessageFormatRuntimeException(message, code, e);
        } else if (e instanceof MessageNotWriteableException) {
            converted = new MessageNotWriteableRuntimeException(message, code, e);
        } else if (e instanceof ResourceAllocationException) {
            converted = new ResourceAllocationRuntimeException(message, code, e);
        } else if (e instanceof TransactionInProgressException) {
            converted = new TransactionInProgressRuntimeException(message, code, e);
        } else if (e instanceof TransactionRolledBackException) {
            converted = new TransactionRolledBackRuntimeException(message, code, e);
        } else {
            converted = new JMSRuntimeException(message, code, e);
        }
        return converted;
    }

    /** A call of the classic API made from the simplified API. */
    @FunctionalInterface
    public interface JmsCall<T> {
        T call() throws JMSException;
    }

    /** A void call of the classic API made from the simplified API. */
    @FunctionalInterface
    public interface JmsAction {
        void run() throws JMSException;
    }

    /** Runs a classic call, translating its checked exception with {@link #toRuntime(JMSException)}. */
    public static <T> T unchecked(JmsCall<T> call) {
        try {
            return call.call();
        } catch (JMSException e) {
            throw toRuntime(e);
        }
    }

    public static void uncheckedRun(JmsAction action) {
        try {
            action.run();
        } catch (JMSException e) {
            throw toRuntime(e);
        }
    }
}
