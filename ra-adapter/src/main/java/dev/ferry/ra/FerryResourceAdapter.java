package dev.ferry.ra;

import dev.ferry.jms.connection.FerryConnectionFactory;
import dev.ferry.jms.engine.Broker;
import dev.ferry.jms.xa.FerryXAConnectionFactory;
import dev.ferry.ra.inbound.EndpointActivation;
import dev.ferry.ra.inbound.FerryActivationSpec;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;

import javax.transaction.xa.XAResource;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ferry inside an application server (JCA 2.1 §5): starts the broker of its {@code ferry.*} configuration when
 * the server starts the adapter, so that a broken store fails the deployment and not the first message; runs
 * message-driven beans on the server's {@link WorkManager}; stops everything with the adapter.
 *
 * <p>Equality is by configuration: the server compares resource adapter beans (IronJacamar's validator refuses
 * a {@code ResourceAdapter} without {@code equals}/{@code hashCode}).
 */
public class FerryResourceAdapter implements ResourceAdapter, Serializable {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(FerryResourceAdapter.class.getName());

    private String jdbcUrl;
    private String jdbcUser;
    private String jdbcPassword;
    private String datasource;
    private String properties;

    private transient volatile Runtime running;

    /** What exists between {@link #start} and {@link #stop}. */
    private static final class Runtime {
        final FerryConfig config;
        final Broker broker;
        final WorkManager workManager;
        final Map<MessageEndpointFactory, EndpointActivation> activations = new LinkedHashMap<>();
        XAConnection recovery; // guarded by this Runtime

        Runtime(FerryConfig config, Broker broker, WorkManager workManager) {
            this.config = config;
            this.broker = broker;
            this.workManager = workManager;
        }
    }

    // ---- config properties (ra.xml) -----------------------------------------------------------------------

    /** {@code ferry.jdbc.url}. */
    public String getJdbcUrl() {
        return jdbcUrl;
    }

    public void setJdbcUrl(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** {@code ferry.jdbc.user}. */
    public String getJdbcUser() {
        return jdbcUser;
    }

    public void setJdbcUser(String jdbcUser) {
        this.jdbcUser = jdbcUser;
    }

    /** {@code ferry.jdbc.password}. */
    public String getJdbcPassword() {
        return jdbcPassword;
    }

    public void setJdbcPassword(String jdbcPassword) {
        this.jdbcPassword = jdbcPassword;
    }

    /** {@code ferry.datasource}: JNDI name of a (non-JTA) container DataSource. */
    public String getDatasource() {
        return datasource;
    }

    public void setDatasource(String datasource) {
        this.datasource = datasource;
    }

    /** Any other {@code ferry.*} properties, one {@code key=value} per line. */
    public String getProperties() {
        return properties;
    }

    public void setProperties(String properties) {
        this.properties = properties;
    }

    // ---- lifecycle ----------------------------------------------------------------------------------------

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        FerryConfig config;
        try {
            config = configuration();
        } catch (IllegalArgumentException e) {
            throw new ResourceAdapterInternalException("Ferry resource adapter: invalid configuration: "
                    + e.getMessage(), e);
        }
        Broker broker;
        try {
            broker = Broker.acquire(config);
        } catch (JMSException e) {
            throw new ResourceAdapterInternalException("Ferry resource adapter cannot start its broker: "
                    + e.getMessage(), e);
        }
        running = new Runtime(config, broker, context.getWorkManager());
        LOG.log(System.Logger.Level.INFO, "Ferry resource adapter started: {0}", broker);
    }

    /** The configuration these config properties, the server's {@code ferry.*} system properties and the defaults give. */
    public FerryConfig configuration() {
        Map<String, String> named = new LinkedHashMap<>();
        named.put(FerryProperties.JDBC_URL.key(), jdbcUrl);
        named.put(FerryProperties.JDBC_USER.key(), jdbcUser);
        named.put(FerryProperties.JDBC_PASSWORD.key(), jdbcPassword);
        named.put(FerryProperties.DATASOURCE.key(), datasource);
        return AdapterSettings.resolve(named, properties, System.getProperties());
    }

    @Override
    public void stop() {
        Runtime runtime = running;
        if (runtime == null) {
            return;
        }
        running = null;
        List<EndpointActivation> toStop;
        synchronized (runtime.activations) {
            toStop = new ArrayList<>(runtime.activations.values());
            runtime.activations.clear();
        }
        toStop.forEach(EndpointActivation::stop);
        synchronized (runtime) {
            closeQuietly(runtime.recovery);
            runtime.recovery = null;
        }
        runtime.broker.release();
        LOG.log(System.Logger.Level.INFO, "Ferry resource adapter stopped");
    }

    // ---- inbound ------------------------------------------------------------------------------------------

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws ResourceException {
        Runtime runtime = runtime();
        if (!(spec instanceof FerryActivationSpec)) {
            throw new NotSupportedException("Ferry activates message endpoints with its own ActivationSpec, not "
                    + (spec == null ? "null" : spec.getClass().getName()));
        }
        FerryActivationSpec ferrySpec = (FerryActivationSpec) spec;
        ferrySpec.validate();
        EndpointActivation activation = new EndpointActivation(xaConnectionFactory(), runtime.workManager,
                endpointFactory, ferrySpec);
        activation.start();
        synchronized (runtime.activations) {
            runtime.activations.put(endpointFactory, activation);
        }
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        Runtime runtime = running;
        if (runtime == null) {
            return;
        }
        EndpointActivation activation;
        synchronized (runtime.activations) {
            activation = runtime.activations.remove(endpointFactory);
        }
        if (activation != null) {
            activation.stop();
        }
    }

    /**
     * The resource through which the server's transaction manager recovers in-doubt transactions after a crash
     * (JCA 2.1 §12.5.3.2): prepared branches live in Ferry's store, and {@code recover} on any resource of the
     * store lists all of them, whatever activation or node prepared them, so one resource serves every spec.
     */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) throws ResourceException {
        Runtime runtime = runtime();
        synchronized (runtime) {
            try {
                if (runtime.recovery == null) {
                    runtime.recovery = xaConnectionFactory().createXAConnection();
                }
                return new XAResource[] {runtime.recovery.createXASession().getXAResource()};
            } catch (JMSException e) {
                closeQuietly(runtime.recovery);
                runtime.recovery = null;
                throw new ResourceAdapterInternalException("cannot open Ferry's recovery connection: "
                        + e.getMessage(), e);
            }
        }
    }

    private static void closeQuietly(XAConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing Ferry's recovery connection failed", e);
            }
        }
    }

    // ---- what the outbound and inbound parts use ----------------------------------------------------------

    /** A plain Ferry connection factory for the adapter's broker (same configuration, so the same broker). */
    public FerryConnectionFactory connectionFactory() throws ResourceAdapterInternalException {
        return new FerryConnectionFactory(runtime().config);
    }

    /** An XA connection factory for the adapter's broker: pooled container connections and transacted MDBs. */
    public FerryXAConnectionFactory xaConnectionFactory() throws ResourceAdapterInternalException {
        return new FerryXAConnectionFactory(runtime().config);
    }

    private Runtime runtime() throws ResourceAdapterInternalException {
        Runtime runtime = running;
        if (runtime == null) {
            throw new ResourceAdapterInternalException("the Ferry resource adapter is not started");
        }
        return runtime;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof FerryResourceAdapter)) {
            return false;
        }
        FerryResourceAdapter that = (FerryResourceAdapter) other;
        return Objects.equals(jdbcUrl, that.jdbcUrl) && Objects.equals(jdbcUser, that.jdbcUser)
                && Objects.equals(jdbcPassword, that.jdbcPassword) && Objects.equals(datasource, that.datasource)
                && Objects.equals(properties, that.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jdbcUrl, jdbcUser, jdbcPassword, datasource, properties);
    }

    @Override
    public String toString() {
        Runtime runtime = running;
        return "FerryResourceAdapter[" + (runtime == null ? "stopped" : runtime.config) + "]";
    }
}
