package org.imdbsentiment.model;

/** What reads the embedded review and hands one vector to the output layer. */
public enum Architecture {
    /** One LSTM, read at each review's last real step (v1, v2, v3: the study's model). */
    LAST_STEP("last-step"),
    /**
     * A bidirectional LSTM (DL4J's {@code Bidirectional} around the LSTM layer, outputs concatenated),
     * then max and mean pooling over every real step, concatenated (v4).
     */
    BILSTM_POOL("bilstm-pool");

    private final String key;

    Architecture(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
