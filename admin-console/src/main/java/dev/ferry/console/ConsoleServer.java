package dev.ferry.console;

import com.vaadin.flow.di.LookupInitializer;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.startup.ErrorNavigationTargetInitializer;
import com.vaadin.flow.server.startup.LookupServletContainerInitializer;
import com.vaadin.flow.server.startup.RouteRegistryInitializer;
import com.vaadin.flow.server.startup.VaadinAppShellInitializer;
import dev.ferry.console.services.ConsoleServices;
import dev.ferry.console.services.StoreMetrics;
import dev.ferry.console.views.AuditView;
import dev.ferry.console.views.DashboardView;
import dev.ferry.console.views.DestinationsView;
import dev.ferry.console.views.LoginView;
import dev.ferry.console.views.MessageView;
import dev.ferry.console.views.MessagesView;
import dev.ferry.console.views.NodesView;
import dev.ferry.console.views.SubscriptionsView;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.util.Headers;
import jakarta.servlet.ServletException;

import java.net.InetSocketAddress;
import java.util.Set;

/**
 * The console in embedded Undertow. Undertow does not scan the class path for {@code @HandlesTypes}, so
 * Vaadin's servlet container initializers are registered here with the classes they would have been given: the
 * lookup initializer, the routes, the app shell. Besides the UI it serves Prometheus metrics on {@code /metrics}.
 */
public final class ConsoleServer implements AutoCloseable {

    /** The console's screens: what {@code @Route} scanning would find in a servlet container that scans. */
    static final Set<Class<?>> ROUTES = Set.of(LoginView.class, DashboardView.class, MessagesView.class,
            MessageView.class, DestinationsView.class, SubscriptionsView.class, NodesView.class, AuditView.class);

    private final Undertow undertow;
    private final DeploymentManager deployment;
    private final InetSocketAddress address;

    private ConsoleServer(Undertow undertow, DeploymentManager deployment) {
        this.undertow = undertow;
        this.deployment = deployment;
        this.address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    }

    /**
     * Serves the console of {@code services} on {@code host:port} ({@code port} 0: any free port).
     *
     * @throws IllegalStateException when the port is taken or Vaadin cannot start
     */
    public static ConsoleServer start(String host, int port, ConsoleServices services) {
        ConsoleServices.install(services);
        ClassLoader loader = ConsoleServer.class.getClassLoader();
        DeploymentInfo info = Servlets.deployment()
                .setClassLoader(loader)
                .setContextPath("/")
                .setDeploymentName("ferry-console")
                .setDisplayName("Ferry console")
                .setResourceManager(new ClassPathResourceManager(loader, "META-INF/resources"))
                .addServletContainerInitializer(new ServletContainerInitializerInfo(
                        LookupServletContainerInitializer.class, Set.of(LookupInitializer.class)))
                .addServletContainerInitializer(new ServletContainerInitializerInfo(
                        RouteRegistryInitializer.class, ROUTES))
                .addServletContainerInitializer(new ServletContainerInitializerInfo(
                        VaadinAppShellInitializer.class, Set.of(AppShell.class)))
                .addServletContainerInitializer(new ServletContainerInitializerInfo(
                        ErrorNavigationTargetInitializer.class, Set.of()))
                .addServlet(Servlets.servlet("vaadin", VaadinServlet.class)
                        .addMapping("/*")
                        .setAsyncSupported(true)
                        // long polling on Servlet async: no attempt at JSR 356 websockets, which are not deployed
                        .addInitParam("org.atmosphere.cpr.asyncSupport", "org.atmosphere.container.Servlet30CometSupport")
                        .setLoadOnStartup(1));
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(info);
        manager.deploy();
        HttpHandler ui;
        try {
            ui = manager.start();
        } catch (ServletException e) {
            throw new IllegalStateException("the console's servlet did not start: " + e.getMessage(), e);
        }
        PathHandler paths = Handlers.path(ui).addExactPath("/metrics", metricsHandler(services));
        Undertow undertow = Undertow.builder().addHttpListener(port, host).setHandler(paths).build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            undeploy(manager);
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + rootMessage(e), e);
        }
        return new ConsoleServer(undertow, manager);
    }

    private static HttpHandler metricsHandler(ConsoleServices services) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StoreMetrics metrics = services.metrics(registry);
        HttpHandler scrape = exchange -> {
            metrics.refresh();
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            exchange.getResponseSender().send(registry.scrape());
        };
        // the store is read with JDBC, which blocks: off the I/O threads
        return Handlers.disableCache(new io.undertow.server.handlers.BlockingHandler(scrape));
    }

    /** Where the console listens; with port 0 the port the system chose. */
    public InetSocketAddress address() {
        return address;
    }

    public String url() {
        return "http://" + address.getHostString() + ":" + address.getPort() + "/";
    }

    @Override
    public void close() {
        undertow.stop();
        undeploy(deployment);
    }

    private static void undeploy(DeploymentManager manager) {
        try {
            manager.stop();
        } catch (ServletException ignored) {
            // stopping anyway
        }
        manager.undeploy();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
