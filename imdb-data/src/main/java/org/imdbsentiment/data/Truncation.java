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
        int[] at = kept(tokens.size(), maxLength);
        List<T> kept = new java.util.ArrayList<>(at.length);
        for (int i : at) {
            kept.add(tokens.get(i));
        }
        return kept;
    }

    /**
     * The positions (ascending) of the tokens kept of a review of {@code length} tokens: all of them
     * when it is not longer than {@code maxLength}. Truncating to a longer length first and then to
     * {@code maxLength} keeps the same tokens as truncating to {@code maxLength} at once.
     */
    public int[] kept(int length, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be >= 1, was " + maxLength);
        }
        int n = Math.min(length, maxLength);
        int head = length <= maxLength ? n : switch (this) {
            case HEAD -> maxLength;
            case HEAD_TAIL -> maxLength / 4;
        };
        int[] at = new int[n];
        for (int i = 0; i < n; i++) {
            at[i] = i < head ? i : length - (n - i);
        }
        return at;
    }
}
