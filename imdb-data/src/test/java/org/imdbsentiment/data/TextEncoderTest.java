package org.imdbsentiment.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class TextEncoderTest {
    private final Vocabulary vocabulary = Vocabulary.of(List.of("good", "movie", "!"));
    private final TextEncoder encoder = new TextEncoder(new WordTokenizer(), vocabulary, 4);

    @Test
    void mapsTokensToIndicesAndUnknownsToUnk() {
        assertArrayEquals(new int[] {2, 3, 4}, encoder.encode("Good movie!"));
        assertArrayEquals(new int[] {2, Vocabulary.UNK, 3}, encoder.encode("good bad movie"));
    }

    @Test
    void truncatesToTheFirstMaxLengthTokens() {
        assertArrayEquals(new int[] {2, 2, 3, 3}, encoder.encode("good good movie movie ! !"));
    }

    @Test
    void aReviewWithoutTokensBecomesOneUnk() {
        assertArrayEquals(new int[] {Vocabulary.UNK}, encoder.encode(""));
        assertArrayEquals(new int[] {Vocabulary.UNK}, encoder.encode("<br /><br />  "));
    }
}
