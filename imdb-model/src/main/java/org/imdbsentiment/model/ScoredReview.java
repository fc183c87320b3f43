package org.imdbsentiment.model;

import org.imdbsentiment.data.Sentiment;

/**
 * A model's verdict on one review.
 *
 * @param id          the review's id
 * @param label       its true sentiment
 * @param probability the model's P(positive)
 */
public record ScoredReview(String id, Sentiment label, double probability) {

    public Sentiment predicted() {
        return Sentiment.ofProbability(probability);
    }

    public boolean correct() {
        return predicted() == label;
    }
}
