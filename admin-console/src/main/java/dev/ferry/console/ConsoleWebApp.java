package dev.ferry.console;

import dev.ferry.console.services.ConsoleServices;
import dev.ferry.console.services.ConsoleSettings;
import dev.ferry.store.MessageStore;
import dev.ferry.store.MessageStores;
import dev.ferry.store.config.FerryConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console deployed as {@code ferry-console.war} in an application server: the store is opened from the
 * {@code ferry.*} context parameters of {@code web.xml} (by default the server's datasource
 * {@code java:comp/env/jdbc/ferry}), overridden by {@code ferry.*} system properties, and users are signed in by
 * the server (container authentication, roles {@code viewer} and {@code operator}). The standalone console never
 * registers this listener: Undertow is given its parts explicitly.
 */
@WebListener
public class ConsoleWebApp implements ServletContextListener {

    private MessageStore store;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        FerryConfig config = FerryConfig.of(settings(event.getServletContext()));
        store = MessageStores.open(config);
        ConsoleServices.install(new ConsoleServices(store, ConsoleSettings.from(config), null));
        event.getServletContext().log("Ferry console on " + config);
    }

    static Map<String, Object> settings(ServletContext context) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String name : Collections.list(context.getInitParameterNames())) {
            if (name.startsWith("ferry.")) {
                settings.put(name, context.getInitParameter(name));
            }
        }
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("ferry.")) {
                settings.put(name, System.getProperty(name));
            }
        }
        return settings;
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ConsoleServices.install(null);
        if (store != null) {
            store.close();
        }
    }
}
