package dev.ferry.console.views;

import com.vaadin.flow.server.VaadinSession;
import dev.ferry.console.security.ConsoleUser;
import dev.ferry.console.security.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginViewTest extends ConsoleViewTest {

    @Test
    void anyScreenSendsAUserWhoHasNotSignedInToTheLoginPage() {
        assertThat(navigate("", LoginView.class)).isInstanceOf(LoginView.class);
        assertThat(navigate("messages", LoginView.class)).isInstanceOf(LoginView.class);
        assertThat(navigate("audit", LoginView.class)).isInstanceOf(LoginView.class);
    }

    @Test
    void wrongPasswordShowsTheErrorAndSignsNobodyIn() {
        LoginView login = navigate(LoginView.class);
        login.signIn("olga", "not-the-password");
        assertThat(login.form.isError()).isTrue();
        assertThat(VaadinSession.getCurrent().getAttribute(ConsoleUser.class)).isNull();
        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
    }

    @Test
    void rightPasswordSignsInWithTheUsersRolesAndOpensTheDashboard() {
        LoginView login = navigate(LoginView.class);
        login.signIn("victor", PASSWORD);
        ConsoleUser user = VaadinSession.getCurrent().getAttribute(ConsoleUser.class);
        assertThat(user.name()).isEqualTo("victor");
        assertThat(user.roles()).containsExactly(Role.VIEWER);
        assertThat(getCurrentView()).isInstanceOf(DashboardView.class);
    }
}
