package dev.ferry.jms.engine;

import dev.ferry.store.config.FerryConfig;

/**
 * Service-provider hook ({@link java.util.ServiceLoader}) through which a security module supplies the
 * {@link Authenticator} of a broker when it is created.
 */
public interface AuthenticatorFactory {

    /** The authenticator for this configuration, or {@code null} when this factory does not apply to it. */
    Authenticator create(FerryConfig config);
}
