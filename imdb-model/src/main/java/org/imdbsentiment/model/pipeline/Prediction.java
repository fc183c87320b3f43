package org.imdbsentiment.model.pipeline;

import org.imdbsentiment.data.Sentiment;

/**
 * A model's verdict on one text.
 *
 * @param probabilityPositive P(positive)
 * @param label               positive when {@code probabilityPositive > 0.5}
 * @param tokens              how many tokens the text had (before truncation; 0 for a text without any)
 * @param truncated           whether tokens beyond the model's max-length were cut off
 */
public record Prediction(double probabilityPositive, Sentiment label, int tokens, boolean truncated) {
}
