package dev.ferry.console.views;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.ferry.console.security.ConsoleUser;
import dev.ferry.console.security.Role;
import dev.ferry.store.Subscription;
import dev.ferry.store.admin.SubscriptionOverview;

/** Topic subscriptions, durable and shared, with their backlog; browse one, or delete it with its backlog. */
@Route(value = "subscriptions", layout = MainLayout.class)
@PageTitle("Subscriptions · Ferry console")
public class SubscriptionsView extends VerticalLayout {

    private static final long serialVersionUID = 1L;

    final Grid<SubscriptionOverview> grid = new Grid<>();

    public SubscriptionsView() {
        setSizeFull();
        grid.setId("subscriptions-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(s -> s.subscription().topicName()).setHeader("Topic").setSortable(true)
                .setComparator(s -> s.subscription().topicName());
        grid.addColumn(s -> s.subscription().name() == null ? "(non-durable, unshared)" : s.subscription().name())
                .setHeader("Subscription");
        grid.addColumn(s -> s.subscription().clientId()).setHeader("Client ID");
        grid.addColumn(s -> kind(s.subscription())).setHeader("Kind");
        grid.addColumn(s -> s.subscription().selector()).setHeader("Selector");
        grid.addColumn(s -> ViewSupport.count(s.backlog())).setHeader("Backlog").setSortable(true)
                .setComparator(SubscriptionOverview::backlog);
        grid.addColumn(s -> ViewSupport.count(s.counts().inFlight())).setHeader("In flight");
        grid.addColumn(s -> ViewSupport.age(s.counts().oldestReadyTimestamp())).setHeader("Oldest ready");
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        add(new H2("Subscriptions"), grid);
        setFlexGrow(1, grid);
    }

    static String kind(Subscription subscription) {
        return (subscription.durable() ? "durable" : "non-durable") + (subscription.shared() ? ", shared" : "")
                + (subscription.noLocal() ? ", noLocal" : "");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        refresh();
    }

    void refresh() {
        grid.setItems(ViewSupport.services().subscriptions(ViewSupport.user()));
    }

    private HorizontalLayout actions(SubscriptionOverview subscription) {
        Button browse = new Button("Browse", click -> getUI().ifPresent(ui -> ui.navigate(MessagesView.class,
                new RouteParameters("queueId", Long.toString(subscription.subscription().queueId())))));
        Button delete = new Button("Delete…", click -> confirmDelete(subscription));
        delete.setId("delete-subscription-" + subscription.subscription().queueId());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        browse.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return new HorizontalLayout(browse, delete);
    }

    void confirmDelete(SubscriptionOverview subscription) {
        ViewSupport.attempt(() -> {
            ConsoleUser user = ViewSupport.user();
            ViewSupport.services().authorize(user, Role.OPERATOR, "delete subscriptions");
            ConfirmDialog dialog = new ConfirmDialog();
            dialog.setId("confirm-dialog");
            dialog.setHeader("Delete subscription");
            dialog.setText("Delete subscription " + subscription.subscription().name() + " of "
                    + subscription.subscription().topicName() + " with its backlog of "
                    + ViewSupport.count(subscription.backlog()) + " messages?");
            dialog.setCancelable(true);
            dialog.setConfirmText("Delete");
            dialog.setConfirmButtonTheme("error primary");
            dialog.addConfirmListener(confirmed -> {
                if (ViewSupport.attempt(() ->
                        ViewSupport.services().deleteSubscription(user, subscription.subscription().queueId())) != null) {
                    refresh();
                }
            });
            dialog.open();
        });
    }
}
