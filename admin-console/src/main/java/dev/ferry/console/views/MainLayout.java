package dev.ferry.console.views;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import dev.ferry.console.security.ConsoleUser;
import dev.ferry.console.security.CurrentUser;
import dev.ferry.console.security.Role;

import java.util.Optional;

/** Navigation around every screen, and the guard that sends users who have not signed in to the login page. */
public class MainLayout extends AppLayout implements BeforeEnterObserver {

    private static final long serialVersionUID = 1L;

    private final Span userLabel = new Span();

    public MainLayout() {
        Span brand = new Span("Ferry console");
        brand.addClassName("ferry-brand");
        userLabel.addClassName("ferry-user");
        userLabel.setId("current-user");
        Button signOut = new Button("Sign out", click -> {
            CurrentUser.signOut();
            getUI().ifPresent(ui -> ui.getPage().setLocation("login"));
        });
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        addToNavbar(new DrawerToggle(), brand, userLabel, signOut);

        SideNav navigation = new SideNav();
        navigation.addItem(new SideNavItem("Dashboard", DashboardView.class),
                new SideNavItem("Messages", MessagesView.class),
                new SideNavItem("Destinations", DestinationsView.class),
                new SideNavItem("Subscriptions", SubscriptionsView.class),
                new SideNavItem("Nodes", NodesView.class),
                new SideNavItem("Audit log", AuditView.class));
        addToDrawer(navigation);
        setPrimarySection(Section.DRAWER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<ConsoleUser> user = CurrentUser.get();
        if (user.isEmpty()) {
            event.forwardTo(LoginView.class);
            return;
        }
        userLabel.setText(user.get().name() + (user.get().has(Role.OPERATOR) ? " (operator)" : " (viewer)"));
    }
}
