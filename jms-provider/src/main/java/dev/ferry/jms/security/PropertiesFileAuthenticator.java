package dev.ferry.jms.security;

import dev.ferry.jms.engine.Authenticator;
import dev.ferry.store.config.FerryProperties;
import jakarta.jms.JMSSecurityException;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/**
 * Authenticates connections against the users file ({@code ferry.security.users}). A connection made without a
 * user name acts as {@code ferry.security.defaultUser} when one is configured (the "guest" of other brokers, no
 * password checked), and is refused otherwise. A refused name or password gets one message for both, so that
 * the answer does not tell which user names exist.
 */
public final class PropertiesFileAuthenticator implements Authenticator {

    static final String INVALID_CREDENTIALS = "invalid user name or password";

    private final Map<String, UserAccount> accounts;
    private final String defaultUser;
    /**
     * Checked for unknown users, so that they take as long to refuse as a wrong password: the hash of a real
     * account (its result is ignored), so that it costs the same iterations.
     */
    private final PasswordHash decoy;

    public PropertiesFileAuthenticator(Map<String, UserAccount> accounts, String defaultUser) {
        this.accounts = Map.copyOf(accounts);
        this.defaultUser = defaultUser;
        this.decoy = this.accounts.isEmpty() ? PasswordHash.of(randomPassword(), PasswordHash.MIN_ITERATIONS)
                : this.accounts.values().iterator().next().passwordHash();
    }

    /**
     * Reads the users file now, so that a broken file stops the broker at startup.
     *
     * @throws SecurityConfigurationException naming the file and line at fault
     */
    public static PropertiesFileAuthenticator fromFile(Path usersFile, String defaultUser) {
        return new PropertiesFileAuthenticator(UsersFile.read(usersFile), defaultUser);
    }

    @Override
    public String authenticate(String user, String password) throws JMSSecurityException {
        if (user == null) {
            if (defaultUser != null) {
                return defaultUser;
            }
            throw new JMSSecurityException("credentials are required: create the connection with a user name and "
                    + "password (security is on and " + FerryProperties.SECURITY_DEFAULT_USER.key() + " is not set)");
        }
        UserAccount account = accounts.get(user);
        char[] given = password == null ? new char[0] : password.toCharArray();
        // computed in every case, so that a refusal takes as long as an acceptance
        boolean passwordMatches = (account == null ? decoy : account.passwordHash()).matches(given);
        if (account == null || password == null || !passwordMatches) {
            throw new JMSSecurityException(INVALID_CREDENTIALS);
        }
        return account.name();
    }

    /** The accounts read from the file, by user name. */
    public Map<String, UserAccount> accounts() {
        return accounts;
    }

    private static char[] randomPassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('!' + random.nextInt(94));
        }
        return password;
    }

    @Override
    public String toString() {
        return "PropertiesFileAuthenticator[" + accounts.size() + " users, default user " + defaultUser + "]";
    }
}
