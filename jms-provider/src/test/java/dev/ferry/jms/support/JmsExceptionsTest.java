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
import jakarta.jms.MessageEOFException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JMS 3.1 §7.5 (simplified API): each checked exception has its runtime twin. */
class JmsExceptionsTest {

    static Stream<Arguments> twins() {
        return Stream.of(
                Arguments.of(new IllegalStateException("m", "c"), IllegalStateRuntimeException.class),
                Arguments.of(new InvalidClientIDException("m", "c"), InvalidClientIDRuntimeException.class),
                Arguments.of(new InvalidDestinationException("m", "c"), InvalidDestinationRuntimeException.class),
                Arguments.of(new InvalidSelectorException("m", "c"), InvalidSelectorRuntimeException.class),
                Arguments.of(new JMSSecurityException("m", "c"), JMSSecurityRuntimeException.class),
                Arguments.of(new MessageFormatException("m", "c"), MessageFormatRuntimeException.class),
                Arguments.of(new MessageNotWriteableException("m", "c"), MessageNotWriteableRuntimeException.class),
                Arguments.of(new ResourceAllocationException("m", "c"), ResourceAllocationRuntimeException.class),
                Arguments.of(new TransactionInProgressException("m", "c"), TransactionInProgressRuntimeException.class),
                Arguments.of(new TransactionRolledBackException("m", "c"), TransactionRolledBackRuntimeException.class),
                Arguments.of(new MessageEOFException("m", "c"), JMSRuntimeException.class),
                Arguments.of(new JMSException("m", "c"), JMSRuntimeException.class));
    }

    @ParameterizedTest
    @MethodSource("twins")
    void checkedExceptionBecomesItsRuntimeTwinKeepingMessageCodeAndCause(JMSException checked,
                                                                         Class<? extends JMSRuntimeException> twin) {
        JMSRuntimeException converted = JmsExceptions.toRuntime(checked);

        assertThat(converted).isExactlyInstanceOf(twin);
        assertThat(converted.getMessage()).isEqualTo("m");
        assertThat(converted.getErrorCode()).isEqualTo("c");
        assertThat(converted.getCause()).isSameAs(checked);
    }

    @Test
    void storeFailureBecomesAJmsExceptionNamingTheActionWithTheCauseLinked() {
        StoreException failure = new StoreException("connection refused");

        JMSException converted = JmsExceptions.fromStore("sending to queue://orders", failure);

        assertThat(converted).hasMessage("sending to queue://orders failed in the message store: connection refused");
        assertThat(converted.getCause()).isSameAs(failure);
        assertThat(converted.getLinkedException()).isSameAs(failure);
    }

    @Test
    void uncheckedCallsTranslateTheirFailure() {
        assertThatThrownBy(() -> JmsExceptions.unchecked(() -> {
            throw new InvalidDestinationException("no such queue");
        })).isInstanceOf(InvalidDestinationRuntimeException.class).hasMessage("no such queue");
        assertThat(JmsExceptions.unchecked(() -> "value")).isEqualTo("value");
    }
}
