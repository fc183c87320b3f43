package org.imdbsentiment.model;

/** How Adam's learning rate moves during a run. */
public enum LearningRateSchedule {
    /** The same rate from the first minibatch to the last. */
    CONSTANT("constant"),
    /** Falling linearly, minibatch by minibatch, to 0 at the end of the run's {@code epochs} epochs. */
    LINEAR_DECAY("linear-decay");

    private final String key;

    LearningRateSchedule(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
