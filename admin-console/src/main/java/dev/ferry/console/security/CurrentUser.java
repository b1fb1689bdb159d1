package dev.ferry.console.security;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;

import java.security.Principal;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The user of the current Vaadin session. Standalone the login view puts it there; in an application server
 * (container authentication) it is taken from the request's principal and the container's roles.
 */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Optional<ConsoleUser> get() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) {
            return Optional.empty();
        }
        ConsoleUser user = session.getAttribute(ConsoleUser.class);
        if (user == null) {
            user = fromContainer(VaadinRequest.getCurrent());
            if (user != null) {
                session.setAttribute(ConsoleUser.class, user);
            }
        }
        return Optional.ofNullable(user);
    }

    /** The signed-in user; for code that runs only behind the login check. */
    public static ConsoleUser require() {
        return get().orElseThrow(() -> new AccessDeniedException("not signed in"));
    }

    public static void signIn(ConsoleUser user) {
        VaadinSession session = VaadinSession.getCurrent();
        // a new sign-in gets a new session id, so that a session id seen before sign-in is worthless
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request != null) {
            VaadinService.reinitializeSession(request);
            session = VaadinSession.getCurrent();
        }
        session.setAttribute(ConsoleUser.class, user);
    }

    public static void signOut() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            session.setAttribute(ConsoleUser.class, null);
            session.getSession().invalidate();
        }
    }

    private static ConsoleUser fromContainer(VaadinRequest request) {
        if (request == null) {
            return null;
        }
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return null;
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (request.isUserInRole(role.roleName())) {
                roles.add(role);
            }
        }
        return roles.isEmpty() ? null : new ConsoleUser(principal.getName(), roles);
    }
}
