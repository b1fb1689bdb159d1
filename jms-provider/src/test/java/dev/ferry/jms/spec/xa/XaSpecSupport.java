package dev.ferry.jms.spec.xa;

import dev.ferry.jms.spec.BrokerSpec;
import dev.ferry.jms.xa.FerryXAConnectionFactory;
import dev.ferry.store.config.FerryConfig;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** XA sessions on the spec database, and the check of an {@link XAException}'s error code. */
abstract class XaSpecSupport extends BrokerSpec {

    protected XASession xaSession() throws JMSException {
        return xaSession(config());
    }

    protected XASession xaSession(FerryConfig config) throws JMSException {
        XAConnection connection = closeLater(new FerryXAConnectionFactory(config).createXAConnection());
        connection.start();
        return connection.createXASession();
    }

    /** Runs an XA call that must fail with {@code code}. */
    protected static void assertXaError(int code, XaCall call) {
        assertThatThrownBy(call::run)
                .isInstanceOf(XAException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((XAException) e).errorCode)
                        .as("XAException error code (%s)", e.getMessage()).isEqualTo(code));
    }

    @FunctionalInterface
    interface XaCall {
        void run() throws Exception;
    }

    static final int TMNOFLAGS = XAResource.TMNOFLAGS;
}
