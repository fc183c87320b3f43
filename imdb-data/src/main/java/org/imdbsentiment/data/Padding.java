package org.imdbsentiment.data;

import java.util.Locale;

/** How reviews of different lengths are made into one minibatch. */
public enum Padding {
    /**
     * Each batch is padded to its own longest review and carries a mask of the real steps, so that
     * padding never reaches the output (DL4J's counterpart of packed sequences).
     */
    MASKED,
    /**
     * Every review is padded to the maximum length and no mask is given: the model reads the padding
     * and classifies from the state after the last padded step. The reference study's mistake, kept
     * as an ablation (it scored about 51%).
     */
    NAIVE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
