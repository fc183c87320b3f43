package org.imdbsentiment.model.pipeline;

import org.imdbsentiment.data.Sentiment;

/**
 * A model's verdict on one text.
 *
 * @param probabilityPositive P(positive)
 * @param label               positive when {@code probabilityPositive > 0.5}
 * @param tokens              how many tokens the text had (before truncation; 0 for a text without any)
 * @param truncated           whether tokens were cut off before the model read them: beyond {@code max-length},
 *                            or for a model whose n-gram side reads more ({@code ngram-max-length}), beyond
 *                            that (its LSTM side still reads {@code max-length} of them)
 */
public record Prediction(double probabilityPositive, Sentiment label, int tokens, boolean truncated) {
}
