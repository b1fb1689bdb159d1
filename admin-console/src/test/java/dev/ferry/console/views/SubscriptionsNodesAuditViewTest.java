package dev.ferry.console.views;

import dev.ferry.store.admin.AuditEntry;
import dev.ferry.store.admin.SubscriptionOverview;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionsNodesAuditViewTest extends ConsoleViewTest {

    @Test
    void durableSubscriptionIsListedWithItsBacklogAndCanBeDeleted() throws Exception {
        String topicName = unique("topic");
        try (JMSContext context = factory.createContext()) {
            context.setClientID(unique("client"));
            Topic topic = context.createTopic(topicName);
            context.createDurableConsumer(topic, "audit-trail").close();
            for (int i = 0; i < 4; i++) {
                context.createProducer().send(topic, "tick " + i);
            }
        }
        signInAsOperator();
        SubscriptionsView view = navigate(SubscriptionsView.class);
        SubscriptionOverview row = view.grid.getListDataView().getItems()
                .filter(s -> topicName.equals(s.subscription().topicName())).findFirst().orElseThrow();
        assertThat(row.backlog()).isEqualTo(4);
        assertThat(SubscriptionsView.kind(row.subscription())).isEqualTo("durable");
        test(action(view.grid, row, "Delete…")).click();
        assertThat(test(confirmation()).getText()).contains("backlog of 4 messages");
        test(confirmation()).confirm();
        assertThat(view.grid.getListDataView().getItems()
                .noneMatch(s -> topicName.equals(s.subscription().topicName()))).isTrue();
    }

    @Test
    void thisConsolesNodeIsListedWithItsHeartbeat() {
        signInAsViewer();
        NodesView view = navigate(NodesView.class);
        assertThat(view.grid.getListDataView().getItems()).anyMatch(node -> node.id().equals(store.nodeId())
                && node.heartbeatAt() > 0);
        assertThat(test(view.grid).getCellText(0, 0)).isNotBlank();
    }

    @Test
    void auditLogShowsWhoPurgedWhatAndHowMany() throws Exception {
        String name = unique("audited");
        send(name, 2, "north");
        signInAsOperator();
        MessagesView messages = navigate(MessagesView.class,
                java.util.Map.of("queueId", Long.toString(queue(name).queueId())));
        test(messages.purge).click();
        test(confirmation()).confirm();
        lastJobFinished();
        AuditView audit = navigate(AuditView.class);
        test(audit.destination).setValue(name);
        test(audit.apply).click();
        AuditEntry entry = audit.grid.getListDataView().getItems().findFirst().orElseThrow();
        assertThat(entry.operator()).isEqualTo("olga");
        assertThat(entry.count()).isEqualTo(2);
        assertThat(entry.outcome()).isEqualTo("completed");
    }
}
