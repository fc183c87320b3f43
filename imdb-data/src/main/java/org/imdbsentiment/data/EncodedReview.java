package org.imdbsentiment.data;

/**
 * A review as the model reads it.
 *
 * @param id     the review's id
 * @param tokens vocabulary indices, at least one, at most the configured maximum length
 * @param label  the sentiment
 */
public record EncodedReview(String id, int[] tokens, Sentiment label) {
    public EncodedReview {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("an encoded review has at least one token: " + id);
        }
    }

    public int length() {
        return tokens.length;
    }
}
