package dev.ferry.console.security;

/** An action was refused because the user lacks the role it needs; checked on the server for every action. */
public class AccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message) {
        super(message);
    }
}
