package dev.ferry.ra.inbound;

import jakarta.resource.spi.InvalidPropertyException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FerryActivationSpecTest {

    private static FerryActivationSpec queueSpec() {
        FerryActivationSpec spec = new FerryActivationSpec();
        spec.setDestination("orders");
        spec.setDestinationType(FerryActivationSpec.QUEUE);
        return spec;
    }

    @Test
    void queueWithDefaultsIsValidAndUsesFourSessions() throws InvalidPropertyException {
        FerryActivationSpec spec = queueSpec();
        spec.validate();
        assertThat(spec.effectiveSessions()).isEqualTo(4);
    }

    @Test
    void missingDestinationIsReported() {
        FerryActivationSpec spec = new FerryActivationSpec();
        assertThatThrownBy(spec::validate).isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("destinationLookup").hasMessageContaining("destination");
    }

    @Test
    void everyMistakeIsReportedAtOnce() {
        FerryActivationSpec spec = queueSpec();
        spec.setDestinationType("jakarta.jms.Mailbox");
        spec.setAcknowledgeMode("Client-acknowledge");
        spec.setMaxSession(0);
        spec.setMessageSelector("price >");

        assertThatThrownBy(spec::validate).isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("destinationType is 'jakarta.jms.Mailbox'")
                .hasMessageContaining("acknowledgeMode is 'Client-acknowledge'")
                .hasMessageContaining("maxSession is 0")
                .hasMessageContaining("messageSelector is invalid");
    }

    @Test
    void durableSubscriptionNeedsTopicNameAndClientId() {
        FerryActivationSpec spec = queueSpec();
        spec.setSubscriptionDurability(FerryActivationSpec.DURABLE);

        assertThatThrownBy(spec::validate).isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("needs destinationType jakarta.jms.Topic")
                .hasMessageContaining("needs a subscriptionName")
                .hasMessageContaining("needs a clientId");
    }

    @Test
    void durableTopicSubscriptionIsValidAndConsumedByOneSession() {
        FerryActivationSpec spec = new FerryActivationSpec();
        spec.setDestination("news");
        spec.setDestinationType(FerryActivationSpec.TOPIC);
        spec.setSubscriptionDurability("Durable");
        spec.setSubscriptionName("archive");
        spec.setClientId("archiver");
        spec.setMaxSession(8);

        assertThatCode(spec::validate).doesNotThrowAnyException();
        assertThat(spec.effectiveSessions()).isEqualTo(1);
    }

    @Test
    void validSelectorIsAccepted() {
        FerryActivationSpec spec = queueSpec();
        spec.setMessageSelector("kind = 'wanted' AND priority > 3");
        assertThatCode(spec::validate).doesNotThrowAnyException();
    }

    @Test
    void redeliverySettingsOutOfRangeAreReported() {
        FerryActivationSpec spec = queueSpec();
        spec.setMaxDeliveryAttempts(0);
        spec.setRedeliveryDelay(-5L);

        assertThatThrownBy(spec::validate).isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("maxDeliveryAttempts is 0")
                .hasMessageContaining("redeliveryDelay is -5");
    }

    @Test
    void redeliverySettingsOfTheActivationReplaceTheDestinationsRules() throws InvalidPropertyException {
        FerryActivationSpec spec = queueSpec();
        spec.setMaxDeliveryAttempts(2);
        spec.setRedeliveryDelay(250L);
        spec.validate();

        dev.ferry.jms.engine.DeliveryRules destination = new dev.ferry.jms.engine.DeliveryRules(
                new dev.ferry.jms.engine.RedeliveryPolicy(60_000, 2.0, 600_000),
                new dev.ferry.jms.engine.DeadLetterRouter(10, "DLQ"),
                new dev.ferry.jms.engine.PrefetchPolicy(1), false);
        dev.ferry.jms.engine.DeliveryRules effective = spec.deliveryOverrides().apply(destination);

        assertThat(effective.redelivery().delayMillis()).isEqualTo(250);
        assertThat(effective.redelivery().backoff()).isEqualTo(2.0);
        assertThat(effective.deadLetters()).isNotSameAs(destination.deadLetters());
        assertThat(new FerryActivationSpec().deliveryOverrides().apply(destination)).isSameAs(destination);
    }
}
