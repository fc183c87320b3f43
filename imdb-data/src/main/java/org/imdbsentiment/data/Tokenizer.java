package org.imdbsentiment.data;

import java.util.List;
import java.util.function.Function;

/**
 * Turns a review's text into tokens. Training and prediction must use the same instance (or an
 * equal one): the vocabulary saved with a model only makes sense for the tokenizer that built it.
 * Implementations never return {@code null}; an empty text gives an empty list.
 */
@FunctionalInterface
public interface Tokenizer extends Function<String, List<String>> {

    /** The tokens of {@code text}, in order. */
    List<String> tokenize(String text);

    @Override
    default List<String> apply(String text) {
        return tokenize(text);
    }
}
