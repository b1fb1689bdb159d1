package dev.ferry.jms.spec.topic;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shared subscriptions (JMS 3.1 §6.11.2, §6.11.4): each message goes to one of the subscription's consumers. */
class SharedSubscriptionSpec extends TopicSpec {

    private static List<String> numbers(int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add("m" + i);
        }
        return texts;
    }

    /** Two consumers of one shared subscription, on two connections with prefetch 1 so that both take part. */
    private List<MessageConsumer> twoSharedConsumers(Topic topic, boolean durable) throws JMSException {
        List<MessageConsumer> consumers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Connection connection = connection(config(Map.of("ferry.consumer.prefetch", "1")));
            connection.start();
            Session session = connection.createSession();
            consumers.add(durable ? session.createSharedDurableConsumer(topic, "shared")
                    : session.createSharedConsumer(topic, "shared"));
        }
        return consumers;
    }

    private static List<String> receiveAlternately(List<MessageConsumer> consumers, int count,
                                                   List<List<String>> perConsumer) throws JMSException {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < consumers.size(); i++) {
            perConsumer.add(new ArrayList<>());
        }
        int quietRounds = 0;
        while (all.size() < count && quietRounds < 3) {
            boolean got = false;
            for (int i = 0; i < consumers.size(); i++) {
                jakarta.jms.Message message = consumers.get(i).receive(QUIET_MS);
                if (message != null) {
                    String text = message.getBody(String.class);
                    all.add(text);
                    perConsumer.get(i).add(text);
                    got = true;
                }
            }
            quietRounds = got ? 0 : quietRounds + 1;
        }
        return all;
    }

    @Test
    void sharedNonDurableSubscriptionGivesEachMessageToExactlyOneConsumer() throws JMSException {
        Topic topic = topic();
        List<MessageConsumer> consumers = twoSharedConsumers(topic, false);

        publish(topic, numbers(10).toArray(new String[0]));

        List<List<String>> perConsumer = new ArrayList<>();
        List<String> received = receiveAlternately(consumers, 10, perConsumer);
        assertThat(received).containsExactlyInAnyOrderElementsOf(numbers(10));
        assertThat(perConsumer).allSatisfy(texts -> assertThat(texts).isNotEmpty());
    }

    @Test
    void sharedDurableSubscriptionGivesEachMessageToExactlyOneConsumer() throws JMSException {
        Topic topic = topic();
        List<MessageConsumer> consumers = twoSharedConsumers(topic, true);

        publish(topic, numbers(10).toArray(new String[0]));

        List<List<String>> perConsumer = new ArrayList<>();
        List<String> received = receiveAlternately(consumers, 10, perConsumer);
        assertThat(received).containsExactlyInAnyOrderElementsOf(numbers(10));
        assertThat(perConsumer).allSatisfy(texts -> assertThat(texts).isNotEmpty());
        for (MessageConsumer consumer : consumers) {
            consumer.close();
        }
        session(Session.AUTO_ACKNOWLEDGE).unsubscribe("shared");
    }

    @Test
    void sharedDurableSubscriptionKeepsMessagesWhileItHasNoConsumer() throws JMSException {
        Topic topic = topic();
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        session.createSharedDurableConsumer(topic, "kept").close();

        publish(topic, "while away");

        MessageConsumer back = session.createSharedDurableConsumer(topic, "kept");
        assertThat(receiveText(back)).isEqualTo("while away");
        back.close();
        session.unsubscribe("kept");
    }

    @Test
    void sharedSubscriptionWithOtherSelectorIsRefusedWhileItHasConsumers() throws JMSException {
        Topic topic = topic();
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        session.createSharedConsumer(topic, "s");

        assertThatThrownBy(() -> session.createSharedConsumer(topic, "s", "JMSPriority > 4"))
                .isInstanceOf(JMSException.class).hasMessageContaining("active consumers");
    }

    @Test
    void sharedNonDurableAndDurableSubscriptionsOfOneNameAreSeparate() throws JMSException {
        Topic topic = topic();
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer nonDurable = session.createSharedConsumer(topic, "same");
        MessageConsumer durable = session.createSharedDurableConsumer(topic, "same");

        publish(topic, "both");

        assertThat(drain(nonDurable)).containsExactly("both");
        assertThat(drain(durable)).containsExactly("both");
        durable.close();
        session.unsubscribe("same");
    }
}
