package org.imdbsentiment.data;

/**
 * The label of a review. The numeric encoding used by the model is decided here, once:
 * {@link #NEGATIVE} is 0 and {@link #POSITIVE} is 1, the target of the single sigmoid output.
 */
public enum Sentiment {
    NEGATIVE(0, "neg"),
    POSITIVE(1, "pos");

    private final int value;
    private final String folder;

    Sentiment(int value, String folder) {
        this.value = value;
        this.folder = folder;
    }

    /** The model's target: 0 for negative, 1 for positive. */
    public int value() {
        return value;
    }

    /** The sub-folder of {@code aclImdb/<split>/} that holds reviews with this label. */
    public String folder() {
        return folder;
    }

    /** The label of a model probability of "positive": positive when {@code p > 0.5}. */
    public static Sentiment ofProbability(double positiveProbability) {
        return positiveProbability > 0.5 ? POSITIVE : NEGATIVE;
    }

    public static Sentiment ofFolder(String folder) {
        for (Sentiment s : values()) {
            if (s.folder.equals(folder)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not a label folder: " + folder + " (expected pos or neg)");
    }
}
