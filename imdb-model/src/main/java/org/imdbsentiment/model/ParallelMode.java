package org.imdbsentiment.model;

/** How the workers of one data-parallel training run (DL4J's ParallelWrapper) share what they learn. */
public enum ParallelMode {
    /** Parameters (and updater state) averaged across workers every averaging-frequency minibatches. */
    AVERAGING("averaging"),
    /** DL4J's threshold-encoded gradient sharing: each worker applies the others' quantised updates. */
    SHARED_GRADIENTS("shared-gradients");

    private final String key;

    ParallelMode(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
