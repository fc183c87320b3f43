package org.imdbsentiment.glove;

/** A GloVe file that is missing or malformed; the message names the file (and line) and what is wrong. */
public class GloveException extends RuntimeException {
    public GloveException(String message) {
        super(message);
    }

    public GloveException(String message, Throwable cause) {
        super(message, cause);
    }
}
