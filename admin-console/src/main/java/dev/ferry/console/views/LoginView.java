package dev.ferry.console.views;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.ferry.console.security.ConsoleUser;
import dev.ferry.console.security.CurrentUser;
import dev.ferry.console.security.UserDirectory;
import dev.ferry.console.services.ConsoleServices;

import java.util.Optional;

/** Sign-in with a user of the console's users file; the password is checked on the server against its hash. */
@Route("login")
@PageTitle("Sign in · Ferry console")
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private static final long serialVersionUID = 1L;

    final LoginForm form = new LoginForm();

    public LoginView() {
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        form.setId("login-form");
        form.setForgotPasswordButtonVisible(false);
        form.addLoginListener(event -> signIn(event.getUsername(), event.getPassword()));
        add(new H1("Ferry console"), new Paragraph("Queues, topics and messages in the Ferry store"), form);
    }

    void signIn(String name, String password) {
        UserDirectory users = ConsoleServices.get().users();
        if (users == null) {
            // in an application server the server signs users in; a user without a console role ends here
            form.setError(true);
            return;
        }
        Optional<ConsoleUser> user = users.authenticate(name, password.toCharArray());
        if (user.isEmpty()) {
            form.setError(true);
            return;
        }
        CurrentUser.signIn(user.get());
        getUI().ifPresent(ui -> ui.navigate(DashboardView.class));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (CurrentUser.get().isPresent()) {
            event.forwardTo(DashboardView.class);
        }
    }
}
