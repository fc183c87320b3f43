package org.imdbsentiment.model;

/** What reads the embedded review and hands one vector to the output layer. */
public enum Architecture {
    /** One LSTM, read at each review's last real step (v1, v2, v3: the study's model). */
    LAST_STEP("last-step"),
    /**
     * A bidirectional LSTM (DL4J's {@code Bidirectional} around the LSTM layer, outputs concatenated),
     * then max and mean pooling over every real step, concatenated (v4).
     */
    BILSTM_POOL("bilstm-pool"),
    /**
     * A bag of n-grams alone: the mean of learned vectors of each review's unigrams and hashed bigrams
     * (fastText-style), read by the output layer. The word embedding and the LSTM are not used.
     */
    NGRAMS("ngrams"),
    /** bilstm-pool and the bag of n-grams side by side, concatenated before the output layer (v5). */
    HYBRID("hybrid"),
    /**
     * bilstm-pool and the bag of n-grams side by side, each read by its own logit and trained on its own
     * loss; P(positive) is the sigmoid of the two logits' mean, as an ensemble of the two would give it.
     */
    HYBRID_HEADS("hybrid-heads");

    private final String key;

    Architecture(String key) {
        this.key = key;
    }

    /** Whether the graph has the word embedding and the recurrent layer. */
    public boolean recurrent() {
        return this != NGRAMS;
    }

    /** Whether the graph has the bag-of-n-grams branch. */
    public boolean ngrams() {
        return this == NGRAMS || this == HYBRID || this == HYBRID_HEADS;
    }

    public String key() {
        return key;
    }
}
