package org.imdbsentiment.data;

import java.util.List;

/** Which tokens of a review longer than max-length are kept. */
public enum Truncation {
    /** The first max-length tokens (the study's choice). */
    HEAD("head"),
    /**
     * The first quarter of max-length from the start and the rest from the end: reviews often state
     * their verdict in the last sentences (Sun et al. 2019 kept head and tail for long texts too).
     */
    HEAD_TAIL("head-tail");

    private final String key;

    Truncation(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The kept tokens, in their order; the list itself when it is not longer than {@code maxLength}. */
    public <T> List<T> apply(List<T> tokens, int maxLength) {
        if (tokens.size() <= maxLength) {
            return tokens;
        }
        return switch (this) {
            case HEAD -> tokens.subList(0, maxLength);
            case HEAD_TAIL -> {
                int head = maxLength / 4;
                List<T> kept = new java.util.ArrayList<>(maxLength);
                kept.addAll(tokens.subList(0, head));
                kept.addAll(tokens.subList(tokens.size() - (maxLength - head), tokens.size()));
                yield kept;
            }
        };
    }
}
