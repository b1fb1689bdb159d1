package dev.ferry.jms.security;

import dev.ferry.jms.engine.Authenticator;
import dev.ferry.jms.engine.AuthenticatorFactory;
import dev.ferry.store.config.FerryConfig;
import dev.ferry.store.config.FerryProperties;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Builds the {@link Authenticator} a configuration asks for. Registered as the broker's
 * {@link AuthenticatorFactory} service, so every broker started with {@code ferry.security.users} set
 * authenticates against that file; without it security is off ({@link Authenticator#OPEN}).
 */
public final class SecurityConfigurer implements AuthenticatorFactory {

    /**
     * The authenticator of the configuration: {@link Authenticator#OPEN} when {@code ferry.security.users} is
     * unset, else one that checks the users file, read now.
     *
     * @throws SecurityConfigurationException when the file cannot be used, or a default user is configured
     *                                        without a users file (it would silently mean nothing)
     */
    public static Authenticator authenticatorFor(FerryConfig config) {
        String users = config.get(FerryProperties.SECURITY_USERS);
        String defaultUser = config.get(FerryProperties.SECURITY_DEFAULT_USER);
        if (users != null && users.isBlank()) {
            throw new SecurityConfigurationException(FerryProperties.SECURITY_USERS.key()
                    + " is empty: give the path of the users file, or remove the property to leave security off");
        }
        if (users == null) {
            if (defaultUser != null) {
                throw new SecurityConfigurationException(FerryProperties.SECURITY_DEFAULT_USER.key()
                        + " is set but security is off: set " + FerryProperties.SECURITY_USERS.key()
                        + " to a users file to turn it on, or remove the default user");
            }
            return Authenticator.OPEN;
        }
        Path file;
        try {
            file = Path.of(users.trim());
        } catch (InvalidPathException e) {
            throw new SecurityConfigurationException("invalid path '" + users + "' in "
                    + FerryProperties.SECURITY_USERS.key() + ": " + e.getMessage(), e);
        }
        return PropertiesFileAuthenticator.fromFile(file, defaultUser == null || defaultUser.isEmpty()
                ? null : defaultUser);
    }

    /** Service entry point: {@code null} (does not apply) when security is off, as the hook's contract asks. */
    @Override
    public Authenticator create(FerryConfig config) {
        Authenticator authenticator = authenticatorFor(config);
        return authenticator == Authenticator.OPEN ? null : authenticator;
    }
}
