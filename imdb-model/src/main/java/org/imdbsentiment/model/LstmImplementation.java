package org.imdbsentiment.model;

import java.util.Locale;

/**
 * Which code computes the LSTM layer. Both have the same parameters, initialisation, masking and
 * outputs (checked to float precision by the tests); they differ in speed only.
 */
public enum LstmImplementation {
    /** {@link org.imdbsentiment.model.lstm.FastLstm}: GEMMs over all steps plus fused gate loops. */
    FAST,
    /** DL4J's own {@link org.deeplearning4j.nn.conf.layers.LSTM}, as in the runs before the speed work. */
    DL4J;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
