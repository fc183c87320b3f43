package org.imdbsentiment.data;

/**
 * A review as the model reads it.
 *
 * @param id             the review's id
 * @param tokens         vocabulary indices, at least one, at most the configured maximum length
 * @param label          the sentiment; {@code null} for unlabelled text (prediction)
 * @param originalLength how many tokens the text had before truncation (0: none, read as one UNK)
 */
public record EncodedReview(String id, int[] tokens, Sentiment label, int originalLength) {
    public EncodedReview {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("an encoded review has at least one token: " + id);
        }
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
