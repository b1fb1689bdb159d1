package dev.ferry.store.testing;

import dev.ferry.store.MessageRecord;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Message records for store tests. */
public final class Messages {

    private Messages() {
    }

    /** A persistent message of priority 4 whose body is {@code text}, ready now and never expiring. */
    public static MessageRecord text(String text) {
        return withPriority(text, 4);
    }

    public static MessageRecord withPriority(String text, int priority) {
        return new MessageRecord("ID:" + text, System.currentTimeMillis(), null, null, null, null, true, priority,
                0, 0, null, 0, 1, new byte[0], text.getBytes(StandardCharsets.UTF_8));
    }

    public static MessageRecord deliveredAt(String text, long deliveryTime) {
        MessageRecord m = text(text);
        return new MessageRecord(m.messageId(), m.timestamp(), null, null, null, null, true, 4, 0, deliveryTime,
                null, 0, 1, m.properties(), m.body());
    }

    /** A message of a message group ({@code JMSXGroupID}, {@code JMSXGroupSeq}), of the given priority. */
    public static MessageRecord inGroup(String text, String groupId, int groupSeq, int priority) {
        MessageRecord m = text(text);
        return new MessageRecord(m.messageId(), m.timestamp(), null, null, null, null, true, priority, 0, 0,
                groupId, groupSeq, 1, m.properties(), m.body());
    }

    public static MessageRecord expiringAt(String text, long expiration) {
        MessageRecord m = text(text);
        return new MessageRecord(m.messageId(), m.timestamp(), null, null, null, null, true, 4, expiration, 0,
                null, 0, 1, m.properties(), m.body());
    }

    public static String bodyText(MessageRecord message) {
        return message.body() == null ? null : new String(message.body(), StandardCharsets.UTF_8);
    }

    /**
     * Asserts that every field of {@code actual} equals that of {@code expected}; byte arrays by content
     * (fast for large bodies, unlike a reflective comparison).
     */
    public static void assertSameMessage(MessageRecord actual, MessageRecord expected) {
        assertThat(actual.messageId()).as("messageId").isEqualTo(expected.messageId());
        assertThat(actual.timestamp()).as("timestamp").isEqualTo(expected.timestamp());
        assertThat(actual.correlationId()).as("correlationId").isEqualTo(expected.correlationId());
        assertThat(Arrays.equals(actual.correlationIdBytes(), expected.correlationIdBytes()))
                .as("correlationIdBytes").isTrue();
        assertThat(actual.replyTo()).as("replyTo").isEqualTo(expected.replyTo());
        assertThat(actual.type()).as("type").isEqualTo(expected.type());
        assertThat(actual.persistent()).as("persistent").isEqualTo(expected.persistent());
        assertThat(actual.priority()).as("priority").isEqualTo(expected.priority());
        assertThat(actual.expiration()).as("expiration").isEqualTo(expected.expiration());
        assertThat(actual.deliveryTime()).as("deliveryTime").isEqualTo(expected.deliveryTime());
        assertThat(actual.groupId()).as("groupId").isEqualTo(expected.groupId());
        assertThat(actual.groupSeq()).as("groupSeq").isEqualTo(expected.groupSeq());
        assertThat(actual.bodyType()).as("bodyType").isEqualTo(expected.bodyType());
        assertThat(Arrays.equals(actual.properties(), expected.properties())).as("properties").isTrue();
        assertThat(actual.body() == null).as("body is null").isEqualTo(expected.body() == null);
        assertThat(Arrays.equals(actual.body(), expected.body())).as("body").isTrue();
    }
}
