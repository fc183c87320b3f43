package org.imdbsentiment.data;

/**
 * Bad or missing input data, with a message a user can act on (what, where, what to do). The app
 * prints the message alone, on one line, and exits with a non-zero status.
 */
public class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
