package dev.ferry.store.database;

import dev.ferry.store.Destination;
import dev.ferry.store.DestinationKind;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.Send;
import dev.ferry.store.Subscription;
import dev.ferry.store.SubscriptionRequest;
import dev.ferry.store.UnitOfWork;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.testing.Messages;
import dev.ferry.store.testing.StoreRows;
import dev.ferry.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.stream.Collectors;

import static dev.ferry.store.testing.Messages.bodyText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionStoreTest {

    private static SubscriptionRequest durable(long topicId, String clientId, String name, String selector) {
        return new SubscriptionRequest(topicId, name, clientId, selector, false, true, false, null);
    }

    private static SubscriptionRequest nonDurable(long topicId, String owner, boolean noLocal) {
        return new SubscriptionRequest(topicId, null, null, null, noLocal, false, false, owner);
    }

    private static List<String> texts(MessageStore store, long queueId) {
        return store.claim(queueId, 100).stream().map(d -> bodyText(d.message())).collect(Collectors.toList());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void durableSubscriptionIsIdentifiedByClientIdAndName(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination topic = store.createDestinationIfAbsent("t", DestinationKind.TOPIC);

            Subscription first = store.subscribe(durable(topic.id(), "client", "sub", null));
            Subscription again = store.subscribe(durable(topic.id(), "client", "sub", null));
            Subscription otherClient = store.subscribe(durable(topic.id(), "other", "sub", null));

            assertThat(again.queueId()).isEqualTo(first.queueId());
            assertThat(otherClient.queueId()).isNotEqualTo(first.queueId());
            assertThat(store.findSubscription(true, false, "client", "sub")).contains(first);
            assertThat(store.subscriptions(topic.id())).containsExactly(first, otherClient);
            assertThat(first.topicName()).isEqualTo("t");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void sharedNonDurableAndDurableSubscriptionsOfOneNameAreSeparate(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination topic = store.createDestinationIfAbsent("t", DestinationKind.TOPIC);

            Subscription shared = store.subscribe(new SubscriptionRequest(topic.id(), "s", null, null, false, false,
                    true, "node/1"));
            Subscription sharedDurable = store.subscribe(new SubscriptionRequest(topic.id(), "s", null, null, false,
                    true, true, null));

            assertThat(shared.queueId()).isNotEqualTo(sharedDurable.queueId());
            assertThat(store.findSubscription(false, true, null, "s")).contains(shared);
            assertThat(store.findSubscription(true, true, null, "s")).contains(sharedDurable);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void unsharedNonDurableSubscribeAlwaysCreatesANewQueue(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination topic = store.createDestinationIfAbsent("t", DestinationKind.TOPIC);

            Subscription a = store.subscribe(nonDurable(topic.id(), "node/1", false));
            Subscription b = store.subscribe(nonDurable(topic.id(), "node/1", false));

            assertThat(a.queueId()).isNotEqualTo(b.queueId());
            assertThat(a.owner()).isEqualTo("node/1");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void fanOutFilterDecidesAtPublishWhichSelectingSubscriptionsGetTheMessage(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            store.setFanOutFilter((selector, message) -> bodyText(message).startsWith(selector));
            Destination topic = store.createDestinationIfAbsent("t", DestinationKind.TOPIC);
            Subscription apples = store.subscribe(durable(topic.id(), "c", "apples", "apple"));
            Subscription all = store.subscribe(durable(topic.id(), "c", "all", null));

            store.commit(new UnitOfWork().send(topic.id(), Messages.text("apple pie"))
                    .send(topic.id(), Messages.text("pear tart")));

            assertThat(texts(store, apples.queueId())).containsExactly("apple pie");
            assertThat(texts(store, all.queueId())).containsExactly("apple pie", "pear tart");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void noLocalSubscriptionLeavesOutMessagesOfItsOwnConnectionAndClientId(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination topic = store.createDestinationIfAbsent("t", DestinationKind.TOPIC);
            Subscription noLocal = store.subscribe(nonDurable(topic.id(), "node/1", true));
            Subscription durableNoLocal = store.subscribe(new SubscriptionRequest(topic.id(), "d", "client", null,
                    true, true, false, null));

            store.commit(new UnitOfWork().send(topic.id(), Messages.text("own"), "node/1", null)
                    .send(topic.id(), Messages.text("same client"), "node/2", "client")
                    .send(topic.id(), Messages.text("foreign"), "node/3", null));

            assertThat(texts(store, noLocal.queueId())).containsExactly("same client", "foreign");
            assertThat(texts(store, durableNoLocal.queueId())).containsExactly("own", "foreign");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deletingASubscriptionDeletesItsBacklogAndMessagesNoOneElseHolds(TestDatabase database) throws Exception {
        FerryConfig config = database.newConfig();
        try (MessageStore store = MessageStores.open(config)) {
            Destination topic = store.createDestinationIfAbsent("t", DestinationKind.TOPIC);
            Subscription a = store.subscribe(durable(topic.id(), "c", "a", null));
            Subscription b = store.subscribe(durable(topic.id(), "c", "b", null));
            store.commit(new UnitOfWork().send(topic.id(), Messages.text("m")));

            assertThat(store.deleteSubscription(a.queueId())).isTrue();
            assertThat(StoreRows.count(config, "ferry_message")).isEqualTo(1);
            assertThat(store.deleteSubscription(b.queueId())).isTrue();

            assertThat(StoreRows.count(config, "ferry_message")).isZero();
            assertThat(store.findSubscription(true, false, "c", "a")).isEmpty();
            assertThat(store.deleteSubscription(a.queueId())).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void replacingASubscriptionDropsItsBacklog(TestDatabase database) {
        try (MessageStore store = MessageStores.open(database.newConfig())) {
            Destination topic = store.createDestinationIfAbsent("t", DestinationKind.TOPIC);
            Subscription old = store.subscribe(durable(topic.id(), "c", "s", null));
            store.commit(new UnitOfWork().send(topic.id(), Messages.text("before")));

            Subscription replaced = store.replaceSubscription(old.queueId(), durable(topic.id(), "c", "s", "x"));
            store.commit(new UnitOfWork().send(new Send(topic.id(), Messages.text("after"))));

            assertThat(replaced.selector()).isEqualTo("x");
            assertThat(store.findSubscription(true, false, "c", "s")).contains(replaced);
            assertThat(texts(store, replaced.queueId())).containsExactly("after");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void durableSubscriptionAndBacklogSurviveARestartWhileNonDurableOnesGo(TestDatabase database) {
        FerryConfig config = database.newConfig();
        long topicId;
        try (MessageStore store = MessageStores.open(config)) {
            topicId = store.createDestinationIfAbsent("t", DestinationKind.TOPIC).id();
            store.subscribe(durable(topicId, "c", "kept", null));
            store.subscribe(nonDurable(topicId, store.nodeId() + "/1", false));
            store.commit(new UnitOfWork().send(topicId, Messages.text("kept message")));
        }
        try (MessageStore store = MessageStores.open(config)) {
            List<Subscription> left = store.subscriptions(topicId);

            assertThat(left).extracting(Subscription::name).containsExactly("kept");
            assertThat(texts(store, left.get(0).queueId())).containsExactly("kept message");
        }
    }

    @Test
    void requestsWithoutTheirIdentityAreRefused() {
        assertThatThrownBy(() -> durable(1, null, "s", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client identifier");
        assertThatThrownBy(() -> durable(1, "c", null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> nonDurable(1, null, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("owning connection");
    }
}
