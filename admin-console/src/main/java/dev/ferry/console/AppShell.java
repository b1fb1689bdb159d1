package dev.ferry.console;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.shared.ui.Transport;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * Page-wide settings. Push uses long polling: it works the same in embedded Undertow and in any application
 * server, through proxies that do not pass WebSockets, and the dashboard's refresh every two seconds does not
 * need more. Styles are plain CSS ({@code @StyleSheet}), so the build needs no npm.
 */
@Push(value = PushMode.AUTOMATIC, transport = Transport.LONG_POLLING)
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("console.css")
public class AppShell implements AppShellConfigurator {

    private static final long serialVersionUID = 1L;
}
