package org.imdbsentiment.model;

/** What a run taught by a teacher trains its unlabelled reviews towards. */
public enum TeacherTargets {
    /** The teacher's label: 1 where its P(positive) is above 0.5, else 0 (self-training, pseudo-labels). */
    LABELS("labels"),
    /** The teacher's P(positive) itself, which keeps how sure it was (knowledge distillation). */
    PROBABILITIES("probabilities");

    private final String key;

    TeacherTargets(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
