package org.imdbsentiment.model.bundle;

/** A model bundle that cannot be read or does not fit together; the message is one line for a user. */
public class BundleException extends RuntimeException {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
