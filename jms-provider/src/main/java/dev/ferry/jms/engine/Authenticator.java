package dev.ferry.jms.engine;

import jakarta.jms.JMSSecurityException;

/**
 * Decides who a connection acts as. Called once per {@code createConnection}/{@code createContext}; the result is
 * the connection's effective user.
 */
@FunctionalInterface
public interface Authenticator {

    /** Security off: every caller is accepted as the user it names (possibly {@code null}). */
    Authenticator OPEN = (user, password) -> user;

    /**
     * @return the effective user name
     * @throws JMSSecurityException when the credentials are refused
     */
    String authenticate(String user, String password) throws JMSSecurityException;
}
