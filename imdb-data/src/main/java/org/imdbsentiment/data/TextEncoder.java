package org.imdbsentiment.data;

import java.util.List;
import java.util.Objects;

/**
 * The text pipeline shared by training and prediction: tokenizer, then truncation to
 * {@code maxLength} tokens (which ones are kept: {@link Truncation}), then vocabulary lookup. A text without any
 * token becomes a single {@link Vocabulary#UNK}, so that no row of a batch is entirely masked
 * (DL4J's last-time-step vertex fails on such a row).
 */
public record TextEncoder(Tokenizer tokenizer, Vocabulary vocabulary, int maxLength, Truncation truncation) {

    public TextEncoder {
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(truncation, "truncation");
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be >= 1, was " + maxLength);
        }
    }

    /** Keeping a review's first {@code maxLength} tokens. */
    public TextEncoder(Tokenizer tokenizer, Vocabulary vocabulary, int maxLength) {
        this(tokenizer, vocabulary, maxLength, Truncation.HEAD);
    }

    /** The tokens of a text that reach the model, in order. */
    public List<String> keptTokens(String text) {
        return truncation.apply(tokenizer.tokenize(text), maxLength);
    }

    /** Token indices, between 1 and {@code maxLength} of them; never {@link Vocabulary#PAD}. */
    public int[] encode(String text) {
        return indices(tokenizer.tokenize(text));
    }

    private int[] indices(List<String> tokens) {
        if (tokens.isEmpty()) {
            return new int[] {Vocabulary.UNK};
        }
        List<String> kept = truncation.apply(tokens, maxLength);
        int[] ids = new int[kept.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocabulary.indexOf(kept.get(i));
        }
        return ids;
    }

    public EncodedReview encode(Review review) {
        return encode(review.id(), review.text(), review.label());
    }

    /** A text under {@code id}; {@code label} is {@code null} for unlabelled text. */
    public EncodedReview encode(String id, String text, Sentiment label) {
        List<String> tokens = tokenizer.tokenize(text);
        return new EncodedReview(id, indices(tokens), label, tokens.size());
    }

    public List<EncodedReview> encodeAll(List<Review> reviews) {
        return reviews.parallelStream().map(this::encode).toList();
    }
}
