package dev.ferry.jms.spec.topic;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Topic subscriptions through the simplified API (JMSContext). */
class ContextTopicSpec extends TopicSpec {

    @Test
    void durableConsumerOfAContextKeepsMessagesWhileClosed() {
        Topic topic = topic();
        JMSContext context = context();
        context.setClientID("ctx-" + database + "-" + System.nanoTime());
        context.createDurableConsumer(topic, "d").close();

        context().createProducer().send(topic, "while away");

        JMSConsumer consumer = context.createDurableConsumer(topic, "d");
        assertThat(consumer.receiveBody(String.class, TIMEOUT_MS)).isEqualTo("while away");
        consumer.close();
        context.unsubscribe("d");
    }

    @Test
    void durableConsumerOfAContextWithoutClientIdIsRefused() {
        JMSContext context = context();

        assertThatThrownBy(() -> context.createDurableConsumer(topic(), "d"))
                .isInstanceOf(IllegalStateRuntimeException.class);
    }

    @Test
    void sharedConsumersOfAContextTogetherGetEachMessageOnce() {
        Topic topic = topic();
        JMSContext context = context();
        JMSConsumer first = context.createSharedConsumer(topic, "s");
        JMSConsumer second = context.createSharedConsumer(topic, "s");

        context().createProducer().send(topic, "once");

        String a = first.receiveBody(String.class, QUIET_MS);
        String b = second.receiveBody(String.class, QUIET_MS);
        assertThat(a == null ? b : a).isEqualTo("once");
        assertThat(a == null || b == null).isTrue();
    }

    @Test
    void consumerOfAContextOnATopicGetsPublishedMessages() {
        Topic topic = topic();
        JMSContext context = context();
        JMSConsumer consumer = context.createConsumer(topic);

        context.createProducer().send(topic, "hello");

        assertThat(consumer.receiveBody(String.class, TIMEOUT_MS)).isEqualTo("hello");
    }

    @Test
    void unsubscribeOfAnUnknownNameThroughAContextIsAnInvalidDestination() {
        JMSContext context = context();

        assertThatThrownBy(() -> context.unsubscribe("unknown"))
                .isInstanceOf(InvalidDestinationRuntimeException.class);
    }
}
