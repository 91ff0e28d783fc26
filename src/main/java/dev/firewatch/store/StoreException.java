package dev.firewatch.store;

/** The store could not do what was asked; the message says why in words an operator can act on. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
