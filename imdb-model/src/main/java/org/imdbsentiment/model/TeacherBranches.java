package org.imdbsentiment.model;

/**
 * Which sides of a {@link Architecture#HYBRID_HEADS} model a teacher's reviews train: each side has its
 * own logit and loss, so the reviews a teacher labels can train one side and not the other.
 */
public enum TeacherBranches {
    /** Every side learns from the teacher's reviews and the labelled ones alike. */
    ALL("all"),
    /**
     * Only the LSTM side's logit learns from the teacher's reviews; the n-gram side learns from the
     * labelled reviews alone, so it keeps errors of its own rather than the teacher's, and the mean of
     * the two logits averages two views that disagree where the teacher was wrong.
     */
    LSTM("lstm");

    private final String key;

    TeacherBranches(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
