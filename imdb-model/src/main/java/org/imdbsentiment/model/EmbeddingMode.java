package org.imdbsentiment.model;

/** Where the word representations come from: the axis along which v1, v2 and v3 differ. */
public enum EmbeddingMode {
    /** Learned from scratch (v1). */
    SCRATCH,
    /** Initialised from GloVe, then trained with the rest of the model (v2). */
    GLOVE_TRAINABLE,
    /** Initialised from GloVe and frozen (v3). */
    GLOVE_FROZEN;

    /** The spelling used in configuration files: {@code scratch}, {@code glove-trainable}, {@code glove-frozen}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static EmbeddingMode ofKey(String key) {
        for (EmbeddingMode m : values()) {
            if (m.key().equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown embedding '" + key + "' (valid: scratch, glove-trainable, glove-frozen)");
    }
}
