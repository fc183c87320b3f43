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

    /** A short name that a saved model records, to find the same tokenizer again. */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * The version of the rules: raised whenever the same text could give other tokens, so that a
     * model saved under other rules is refused instead of reading text differently.
     */
    default int rulesVersion() {
        return 1;
    }

    @Override
    default List<String> apply(String text) {
        return tokenize(text);
    }
}
