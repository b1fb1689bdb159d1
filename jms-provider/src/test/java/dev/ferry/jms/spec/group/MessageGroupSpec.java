package dev.ferry.jms.spec.group;

import dev.ferry.jms.spec.BrokerSpec;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message groups (JMS 3.1 §3.5.9 names {@code JMSXGroupID} and {@code JMSXGroupSeq}; the behaviour is the one
 * Artemis users rely on): every message of a group goes to one consumer at a time, in send order; the group moves
 * when its consumer closes, with the messages that consumer had not acknowledged first; ungrouped messages spread.
 */
class MessageGroupSpec extends BrokerSpec {

    /** A connection of its own broker that claims one message at a time, so that consumers take turns. */
    private Session oneAtATime(int mode) throws JMSException {
        Connection connection = connection(config(Map.of("ferry.consumer.prefetch", "1")));
        connection.start();
        return connection.createSession(mode);
    }

    private void send(Queue queue, String... groupAndText) throws JMSException {
        try (Connection connection = factory().createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(queue);
            for (String text : groupAndText) {
                TextMessage message = session.createTextMessage(text);
                if (text.contains("-")) {
                    message.setStringProperty("JMSXGroupID", text.substring(0, text.indexOf('-')));
                }
                producer.send(message);
            }
        }
    }

    private static String group(String text) {
        return text.contains("-") ? text.substring(0, text.indexOf('-')) : null;
    }

    @Test
    void interleavedGroupsGoEachEntirelyToOneConsumerInSendOrderAndUngroupedMessagesSpread() throws JMSException {
        Queue queue = queue();
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            for (String group : List.of("A", "B", "C", "D")) {
                sent.add(group + "-" + i);
            }
            sent.add("u" + i);
        }
        send(queue, sent.toArray(new String[0]));
        List<MessageConsumer> consumers = List.of(oneAtATime(Session.AUTO_ACKNOWLEDGE).createConsumer(queue),
                oneAtATime(Session.AUTO_ACKNOWLEDGE).createConsumer(queue));

        Map<Integer, List<String>> receivedBy = new LinkedHashMap<>();
        int idle = 0;
        for (int turn = 0; idle < 2; turn = 1 - turn) {
            Message message = consumers.get(turn).receive(QUIET_MS);
            if (message == null) {
                idle++;
                continue;
            }
            idle = 0;
            receivedBy.computeIfAbsent(turn, k -> new ArrayList<>()).add(((TextMessage) message).getText());
        }

        List<String> all = new ArrayList<>();
        receivedBy.values().forEach(all::addAll);
        assertThat(all).containsExactlyInAnyOrderElementsOf(sent);
        for (String group : List.of("A", "B", "C", "D")) {
            List<Integer> holders = new ArrayList<>();
            receivedBy.forEach((consumer, texts) -> {
                List<String> ofGroup = texts.stream().filter(t -> group.equals(group(t))).toList();
                if (!ofGroup.isEmpty()) {
                    holders.add(consumer);
                    assertThat(ofGroup).as("group " + group + " in send order")
                            .containsExactly(group + "-1", group + "-2", group + "-3", group + "-4", group + "-5",
                                    group + "-6");
                }
            });
            assertThat(holders).as("consumers of group " + group).hasSize(1);
        }
        for (List<String> texts : receivedBy.values()) {
            assertThat(texts).as("each consumer has groups and ungrouped messages")
                    .anyMatch(t -> group(t) != null).anyMatch(t -> group(t) == null);
        }
    }

    @Test
    void closingTheOwnerMovesTheGroupWithItsUnacknowledgedMessagesFirstInOrder() throws JMSException {
        Queue queue = queue();
        send(queue, "G-1", "G-2", "G-3", "G-4");
        Session owner = session(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer first = owner.createConsumer(queue);
        Message firstMessage = receive(first);
        assertThat(((TextMessage) firstMessage).getText()).isEqualTo("G-1");
        assertThat(receiveText(first)).isEqualTo("G-2");
        MessageConsumer next = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        assertThat(next.receive(QUIET_MS)).as("the group belongs to the first consumer").isNull();

        first.close();

        Message moved = receive(next);
        assertThat(((TextMessage) moved).getText()).isEqualTo("G-1");
        assertThat(moved.getJMSRedelivered()).isTrue();
        assertThat(receiveText(next)).isEqualTo("G-2");
        assertThat(receiveText(next)).isEqualTo("G-3");
        assertThat(receiveText(next)).isEqualTo("G-4");
        firstMessage.acknowledge(); // the group's messages went back with the closed consumer: nothing to acknowledge
        assertThat(drainTexts(queue)).isEmpty();
    }

    @Test
    void rolledBackGroupMessageIsRedeliveredToTheSameOwnerFirst() throws JMSException {
        Queue queue = queue();
        send(queue, "G-1", "G-2", "G-3");
        Session transacted = session(Session.SESSION_TRANSACTED);
        MessageConsumer owner = transacted.createConsumer(queue);
        MessageConsumer other = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        assertThat(receiveText(owner)).isEqualTo("G-1");
        assertThat(receiveText(owner)).isEqualTo("G-2");

        transacted.rollback();

        assertThat(other.receive(QUIET_MS)).as("the group stays with its owner").isNull();
        Message again = receive(owner);
        assertThat(((TextMessage) again).getText()).isEqualTo("G-1");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(receiveText(owner)).isEqualTo("G-2");
        assertThat(receiveText(owner)).isEqualTo("G-3");
        transacted.commit();
        assertThat(drainTexts(queue)).isEmpty();
    }

    @Test
    void recoveredGroupMessageIsRedeliveredToTheSameOwnerFirst() throws JMSException {
        Queue queue = queue();
        send(queue, "G-1", "G-2");
        Session client = session(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer owner = client.createConsumer(queue);
        MessageConsumer other = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        assertThat(receiveText(owner)).isEqualTo("G-1");

        client.recover();

        assertThat(other.receive(QUIET_MS)).as("the group stays with its owner").isNull();
        Message again = receive(owner);
        assertThat(((TextMessage) again).getText()).isEqualTo("G-1");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(receiveText(owner)).isEqualTo("G-2");
        again.acknowledge();
        assertThat(drainTexts(queue)).isEmpty();
    }

    @Test
    void aLaterMessageOfTheGroupWaitsForAnEarlierOneThatIsDelayedForRedelivery() throws JMSException {
        Queue queue = queue();
        send(queue, "G-1", "G-2", "u1");
        Connection connection = connection(config(Map.of("ferry.redelivery.delay", "700ms")));
        connection.start();
        Session transacted = connection.createSession(Session.SESSION_TRANSACTED);
        MessageConsumer owner = transacted.createConsumer(queue);
        assertThat(receiveText(owner)).isEqualTo("G-1");
        long rolledBackAt = System.currentTimeMillis();
        transacted.rollback();

        assertThat(receiveText(owner)).as("the ungrouped message is not held back").isEqualTo("u1");
        Message again = receive(owner);
        assertThat(((TextMessage) again).getText()).as("G-2 waits for G-1").isEqualTo("G-1");
        assertThat(System.currentTimeMillis() - rolledBackAt).isGreaterThanOrEqualTo(700);
        assertThat(receiveText(owner)).isEqualTo("G-2");
        transacted.commit();
    }

    @Test
    void consumerWithASelectorDoesNotTakeAGroupWhoseNextMessageItRefuses() throws JMSException {
        Queue queue = queue();
        Session session = startedConnection().createSession();
        MessageProducer producer = session.createProducer(queue);
        for (String color : List.of("red", "blue", "blue")) {
            TextMessage message = session.createTextMessage("G-" + color);
            message.setStringProperty("JMSXGroupID", "G");
            message.setStringProperty("color", color);
            producer.send(message);
        }
        MessageConsumer reds = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue, "color = 'red'");
        MessageConsumer everything = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);

        assertThat(receiveText(reds)).isEqualTo("G-red");
        // reds acknowledged G-red and has nothing of the group in flight: the group goes on without it
        assertThat(receiveText(everything)).isEqualTo("G-blue");
        assertThat(receiveText(everything)).isEqualTo("G-blue");
        assertThat(reds.receive(QUIET_MS)).isNull();
    }

    @Test
    void aMessageWithGroupSequenceMinusOneEndsTheGroup() throws JMSException {
        Queue queue = queue();
        Session session = startedConnection().createSession();
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer first = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        MessageConsumer second = session(Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        TextMessage last = session.createTextMessage("G-last");
        last.setStringProperty("JMSXGroupID", "G");
        last.setIntProperty("JMSXGroupSeq", -1);
        producer.send(last);
        assertThat(receiveText(first)).isEqualTo("G-last");

        TextMessage again = session.createTextMessage("G-again");
        again.setStringProperty("JMSXGroupID", "G");
        producer.send(again);

        assertThat(receiveText(second)).as("the group was free again").isEqualTo("G-again");
    }

    @Test
    void aSharedSubscriptionGivesEachGroupToOneOfItsConsumers() throws JMSException {
        Topic topic = startedConnection().createSession().createTopic(queue().getQueueName());
        List<MessageConsumer> consumers = List.of(
                oneAtATime(Session.AUTO_ACKNOWLEDGE).createSharedConsumer(topic, "grouped"),
                oneAtATime(Session.AUTO_ACKNOWLEDGE).createSharedConsumer(topic, "grouped"));
        try (Connection connection = factory().createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(topic);
            for (int i = 1; i <= 4; i++) {
                for (String group : List.of("A", "B")) {
                    TextMessage message = session.createTextMessage(group + "-" + i);
                    message.setStringProperty("JMSXGroupID", group);
                    producer.send(message);
                }
            }
        }

        Map<String, List<Integer>> consumersOfGroup = new LinkedHashMap<>();
        Map<String, List<String>> order = new LinkedHashMap<>();
        int idle = 0;
        for (int turn = 0; idle < 2; turn = 1 - turn) {
            Message message = consumers.get(turn).receive(QUIET_MS);
            if (message == null) {
                idle++;
                continue;
            }
            idle = 0;
            String text = ((TextMessage) message).getText();
            List<Integer> holders = consumersOfGroup.computeIfAbsent(group(text), k -> new ArrayList<>());
            if (!holders.contains(turn)) {
                holders.add(turn);
            }
            order.computeIfAbsent(group(text), k -> new ArrayList<>()).add(text);
        }
        assertThat(consumersOfGroup.get("A")).hasSize(1);
        assertThat(consumersOfGroup.get("B")).hasSize(1);
        assertThat(consumersOfGroup.get("A")).isNotEqualTo(consumersOfGroup.get("B"));
        assertThat(order.get("A")).containsExactly("A-1", "A-2", "A-3", "A-4");
        assertThat(order.get("B")).containsExactly("B-1", "B-2", "B-3", "B-4");
    }
}
