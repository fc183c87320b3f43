package org.imdbsentiment.data;

/** Failures told in one line, as every command and the server report them. */
public final class Messages {
    private Messages() {
    }

    /** A failure as one line: its message (or its type), and its cause's where that adds something. */
    public static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getMessage();
        }
        return flatten(message);
    }

    /** The text with its line breaks (and the blanks around them) made single spaces. */
    public static String flatten(String text) {
        return String.valueOf(text).replaceAll("\\s*\\R\\s*", " ");
    }
}
