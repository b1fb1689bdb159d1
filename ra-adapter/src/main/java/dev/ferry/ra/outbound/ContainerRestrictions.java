package dev.ferry.ra.outbound;

import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;

/**
 * The methods JMS 3.1 §12.2 forbids to applications in the Jakarta EE web and EJB containers, in one place:
 * they throw {@code IllegalStateException} (or its runtime twin) naming the method and the rule.
 */
final class ContainerRestrictions {

    private ContainerRestrictions() {
    }

    static IllegalStateException forbidden(String method) {
        return new IllegalStateException(message(method));
    }

    static IllegalStateRuntimeException forbiddenRuntime(String method) {
        return new IllegalStateRuntimeException(message(method));
    }

    private static String message(String method) {
        return method + " may not be called by an application in a Jakarta EE web or EJB container "
                + "(Jakarta Messaging 3.1 §12.2)";
    }
}
