package dev.ferry.jms.security;

/** The security configuration cannot be used: the message names the file, line or property at fault. */
public class SecurityConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SecurityConfigurationException(String message) {
        super(message);
    }

    public SecurityConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
