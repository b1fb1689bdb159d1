package dev.ferry.console.services;

import dev.ferry.jms.message.BodyType;
import dev.ferry.store.MessageRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestMessagesTest {

    @Test
    void composedTextMessageIsStoredAsAProducerWouldStoreIt() {
        MessageRecord record = TestMessages.record(true, "hello", "corr-1", "greeting", 7, Map.of("region", "north"));
        assertThat(record.bodyType()).isEqualTo(BodyType.TEXT.code());
        assertThat(record.messageId()).startsWith("ID:console-");
        assertThat(record.correlationId()).isEqualTo("corr-1");
        assertThat(record.type()).isEqualTo("greeting");
        assertThat(record.priority()).isEqualTo(7);
        assertThat(record.persistent()).isTrue();
        assertThat(record.timestamp()).isPositive();
        assertThat(record.properties()).isNotEmpty();
    }

    @Test
    void propertyLinesAreParsedAndBadOnesNamed() {
        assertThat(TestMessages.properties("a = 1\n\nb=two words\n")).containsExactly(Map.entry("a", "1"),
                Map.entry("b", "two words"));
        assertThatThrownBy(() -> TestMessages.properties("ok=1\nnot a pair")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> TestMessages.properties("1abc=x")).hasMessageContaining("not a valid property name");
    }

    @Test
    void priorityOutsideTheJmsRangeIsRefused() {
        assertThatThrownBy(() -> TestMessages.record(true, "x", null, null, 12, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
