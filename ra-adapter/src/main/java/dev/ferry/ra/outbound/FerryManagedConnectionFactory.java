package dev.ferry.ra.outbound;

import dev.ferry.jms.xa.FerryXAConnection;
import dev.ferry.ra.FerryResourceAdapter;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.SecurityException;
import jakarta.resource.spi.security.PasswordCredential;

import javax.security.auth.Subject;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.Set;

/**
 * The outbound side (JCA 2.1 §6): managed connections are physical Ferry XA connections of the adapter's broker,
 * pooled by the server; applications see a {@link ContainerConnectionFactory}. Config properties {@code UserName}
 * and {@code Password} are the credentials used when the application gives none.
 */
public class FerryManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;

    private String userName;
    private String password;
    private transient FerryResourceAdapter adapter;
    private transient PrintWriter logWriter;

    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public Object createConnectionFactory(ConnectionManager manager) {
        return new ContainerConnectionFactory(this, manager);
    }

    /** Outside a server (JCA non-managed mode): every request opens its own managed connection. */
    @Override
    public Object createConnectionFactory() {
        return new ContainerConnectionFactory(this, null);
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        String[] credentials = credentials(subject, info);
        try {
            FerryXAConnection physical = (FerryXAConnection) adapter().xaConnectionFactory()
                    .createXAConnection(credentials[0], credentials[1]);
            return new FerryManagedConnection(this, physical, credentials[0], credentials[1]);
        } catch (JMSSecurityException e) {
            throw new SecurityException("Ferry refused the credentials of user " + credentials[0] + ": "
                    + e.getMessage(), e);
        } catch (JMSException e) {
            throw new ResourceAdapterInternalException("cannot open a Ferry connection: " + e.getMessage(), e);
        }
    }

    /** Subject credentials (container-managed sign-on) first, then the request's, then the config properties. */
    private String[] credentials(Subject subject, ConnectionRequestInfo info) {
        if (subject != null) {
            for (PasswordCredential credential : subject.getPrivateCredentials(PasswordCredential.class)) {
                if (this.equals(credential.getManagedConnectionFactory())) {
                    return new String[] {credential.getUserName(), new String(credential.getPassword())};
                }
            }
        }
        if (info instanceof ConnectionRequest && ((ConnectionRequest) info).user != null) {
            return new String[] {((ConnectionRequest) info).user, ((ConnectionRequest) info).password};
        }
        return new String[] {userName, password};
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info) {
        String[] credentials = credentials(subject, info);
        for (Object candidate : (Set<Object>) candidates) {
            if (candidate instanceof FerryManagedConnection
                    && ((FerryManagedConnection) candidate).hasCredentials(credentials[0], credentials[1])) {
                return (ManagedConnection) candidate;
            }
        }
        return null;
    }

    FerryResourceAdapter adapter() throws ResourceAdapterInternalException {
        if (adapter == null) {
            throw new ResourceAdapterInternalException("the managed connection factory is not associated with the "
                    + "Ferry resource adapter");
        }
        return adapter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return adapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
        if (!(adapter instanceof FerryResourceAdapter)) {
            throw new ResourceAdapterInternalException("Ferry's managed connection factory belongs to the Ferry "
                    + "resource adapter, not " + adapter);
        }
        this.adapter = (FerryResourceAdapter) adapter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FerryManagedConnectionFactory
                && Objects.equals(userName, ((FerryManagedConnectionFactory) other).userName)
                && Objects.equals(password, ((FerryManagedConnectionFactory) other).password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userName, password);
    }
}
