package dev.ferry.jms.admin;

import dev.ferry.jms.engine.SelectorFilters;
import dev.ferry.jms.message.MessageCodec;
import dev.ferry.jms.message.ObjectMessageAllowList;
import dev.ferry.jms.message.PropertyReplayRules;
import dev.ferry.jms.spec.BrokerSpec;
import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.admin.BrowseRequest;
import dev.ferry.store.admin.BulkResult;
import dev.ferry.store.admin.MessageFilter;
import dev.ferry.store.admin.MessagePage;
import dev.ferry.store.admin.ReplayOptions;
import dev.ferry.store.admin.Selection;
import dev.ferry.store.admin.StoreAdministration;
import jakarta.jms.Connection;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store's administration driven with the provider's selector parser, codec and replay rules. */
class SelectorBrowseSpec extends BrokerSpec {

    private final MessageCodec codec = new MessageCodec(ObjectMessageAllowList.defaults());

    @Test
    void aJmsSelectorFiltersTheBrowseAndAPurge() throws JMSException {
        Queue queue = queue();
        sendWithRegion(queue, "eu", "us", "eu", "apac");
        StoreAdministration admin = store().administration();
        Destination destination = store().findDestination(queue.getQueueName(), DestinationKind.QUEUE).orElseThrow();
        MessageFilter eu = MessageFilter.ALL.withPredicate(SelectorFilters.compile("region = 'eu'", codec),
                "region = 'eu'");

        MessagePage page = admin.browse(BrowseRequest.firstPage(destination.queueId(), 10).withFilter(eu));
        BulkResult purge = admin.delete(Selection.filtered(destination.queueId(), eu), "alice")
                .await(Duration.ofMinutes(1));

        assertThat(page.messages()).hasSize(2);
        assertThat(purge.touched()).isEqualTo(2);
        assertThat(drainTexts(queue)).containsExactly("us", "apac");
    }

    @Test
    void aSelectorSyntaxErrorSaysWhere() {
        assertThatThrownBy(() -> SelectorFilters.compile("region = = 'eu'", codec))
                .isInstanceOf(InvalidSelectorException.class).hasMessageContaining("column");
    }

    @Test
    void aReplayedDeadLetterReachesARunningConsumerWithoutTheDeniedProperties() throws Exception {
        String deadLetters = queue("dead").getQueueName();
        var config = config(Map.of("ferry.redelivery.maxAttempts", "1", "ferry.deadLetterQueue", deadLetters));
        Queue queue = queue();
        sendWithRegion(queue, "eu");
        Connection failing = connection(config);
        failing.start();
        Session transacted = failing.createSession(Session.SESSION_TRANSACTED);
        receive(transacted.createConsumer(queue));
        transacted.rollback(); // one attempt allowed: dead-lettered
        failing.close();
        Session session = session(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(consumer.receive(QUIET_MS)).isNull();
        Destination dlq = store().findDestination(deadLetters, DestinationKind.QUEUE).orElseThrow();

        BulkResult replay = store().administration().replayDeadLetters(Selection.all(dlq.queueId()),
                ReplayOptions.TO_ORIGIN.rewriting(PropertyReplayRules.parse("", "traceparent")), "alice")
                .await(Duration.ofMinutes(1));

        Message again = receive(consumer);
        assertThat(replay.touched()).isEqualTo(1);
        assertThat(((TextMessage) again).getText()).isEqualTo("eu");
        assertThat(again.getStringProperty("region")).isEqualTo("eu");
        assertThat(again.propertyExists("traceparent")).isFalse();
        assertThat(again.getJMSRedelivered()).isFalse();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    private void sendWithRegion(Queue queue, String... regions) throws JMSException {
        try (Connection connection = factory().createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(queue);
            for (String region : regions) {
                TextMessage message = session.createTextMessage(region);
                message.setStringProperty("region", region);
                message.setStringProperty("traceparent", "00-" + region);
                producer.send(message);
            }
        }
    }
}
