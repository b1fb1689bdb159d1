package dev.ferry.store;

/** A store operation failed; its transaction has been rolled back and nothing of it is visible. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
