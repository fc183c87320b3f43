package org.imdbsentiment.model.pipeline;

import java.util.List;

/**
 * Why a model gave a text its probability, by occlusion: each token the model read, and how much
 * P(positive) drops when that token alone is replaced by UNK (negative: the token pushed towards
 * negative). Tokens are listed by the size of their contribution, largest first.
 *
 * @param prediction the text's prediction
 * @param tokens     the tokens the model read (after truncation), by |contribution|, largest first
 */
public record Explanation(Prediction prediction, List<TokenContribution> tokens) {

    /**
     * @param token        the token's text
     * @param position     its position among the tokens the model reads (after truncation; from 0)
     * @param contribution P(positive) minus P(positive) with this token replaced by UNK
     */
    public record TokenContribution(String token, int position, double contribution) {
    }
}
