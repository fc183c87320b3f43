package org.imdbsentiment.model;

import java.util.Locale;

/** Where the word representations come from: the axis along which v1, v2 and v3 differ. */
public enum EmbeddingMode {
    /** Learned from scratch (v1). */
    SCRATCH(false),
    /** Initialised from GloVe, then trained with the rest of the model (v2). */
    GLOVE_TRAINABLE(true),
    /** Initialised from GloVe and frozen (v3). */
    GLOVE_FROZEN(true);

    private final boolean pretrained;

    EmbeddingMode(boolean pretrained) {
        this.pretrained = pretrained;
    }

    /** Whether the embedding starts from pretrained vectors (which the run must then load). */
    public boolean pretrained() {
        return pretrained;
    }

    /** The spelling used in configuration files: {@code scratch}, {@code glove-trainable}, {@code glove-frozen}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
