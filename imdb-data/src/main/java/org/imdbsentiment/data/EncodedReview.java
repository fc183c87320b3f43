package org.imdbsentiment.data;

/**
 * A review as the model reads it.
 *
 * @param id             the review's id
 * @param tokens         vocabulary indices, at least one, at most the configured maximum length
 * @param label          the sentiment; {@code null} for unlabelled text (prediction)
 * @param originalLength how many tokens the text had before truncation (0: none, read as one UNK)
 * @param target         what training fits the model's P(positive) to, in [0, 1]; null: the label's value (a
 *                       teacher's probability where a run distils one)
 */
public record EncodedReview(String id, int[] tokens, Sentiment label, int originalLength, Double target) {
    public EncodedReview {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("an encoded review has at least one token: " + id);
        }
        if (target != null && !(target >= 0 && target <= 1)) {
            throw new IllegalArgumentException("a review's target is a probability, was " + target + ": " + id);
        }
    }

    /** A review trained towards its label. */
    public EncodedReview(String id, int[] tokens, Sentiment label, int originalLength) {
        this(id, tokens, label, originalLength, null);
    }

    /** The same review trained towards {@code probability} instead of its label. */
    public EncodedReview withTarget(double probability) {
        return new EncodedReview(id, tokens, label, originalLength, probability);
    }

    /** A review whose tokens are all there is of it. */
    public EncodedReview(String id, int[] tokens, Sentiment label) {
        this(id, tokens, label, tokens.length);
    }

    /** Whether the text had no token at all (it is read as a single UNK). */
    public boolean empty() {
        return originalLength == 0;
    }

    /** Whether tokens beyond the maximum length were cut off. */
    public boolean truncated() {
        return originalLength > tokens.length;
    }

    public int length() {
        return tokens.length;
    }
}
