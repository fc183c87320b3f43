package org.imdbsentiment.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void headTailKeepsTheFirstQuarterAndTheEnd() {
        Vocabulary digits = Vocabulary.of(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"));
        TextEncoder headTail = new TextEncoder(new WordTokenizer(), digits, 8, Truncation.HEAD_TAIL);
        // a..j are ids 2..11; 8 kept of 10: the first 2, then the last 6
        assertArrayEquals(new int[] {2, 3, 6, 7, 8, 9, 10, 11}, headTail.encode("a b c d e f g h i j"));
        assertEquals(List.of("a", "b", "e", "f", "g", "h", "i", "j"), headTail.keptTokens("a b c d e f g h i j"));
        // a review that fits is kept whole, whatever the rule
        assertArrayEquals(new int[] {2, 3, 4}, headTail.encode("a b c"));
        assertEquals(List.of("a", "b", "c", "d"), Truncation.HEAD.apply(List.of("a", "b", "c", "d", "e"), 4));
        assertEquals(List.of("e"), Truncation.HEAD_TAIL.apply(List.of("a", "b", "c", "d", "e"), 1));
    }

    @Test
    void keptPositionsAreTheTokensApplyKeeps() {
        List<Integer> tokens = java.util.stream.IntStream.range(0, 23).boxed().toList();
        for (Truncation truncation : Truncation.values()) {
            for (int max : new int[] {1, 2, 4, 7, 22, 23, 40}) {
                int[] kept = truncation.kept(tokens.size(), max);
                assertEquals(truncation.apply(tokens, max), java.util.Arrays.stream(kept).boxed().toList(),
                        truncation + " to " + max);
            }
        }
        assertArrayEquals(new int[] {0, 1, 17, 18, 19, 20, 21, 22}, Truncation.HEAD_TAIL.kept(23, 8));
        assertArrayEquals(new int[] {0, 1, 2}, Truncation.HEAD_TAIL.kept(3, 8));
    }

    @Test
    void truncatingTwiceKeepsWhatTruncatingOnceKeeps() {
        List<Integer> tokens = java.util.stream.IntStream.range(0, 1000).boxed().toList();
        for (Truncation truncation : Truncation.values()) {
            for (int longer : new int[] {400, 401, 999, 1000, 4096}) {
                assertEquals(truncation.apply(tokens, 400), truncation.apply(truncation.apply(tokens, longer), 400),
                        truncation + " via " + longer);
            }
        }
    }

    @Test
    void aReviewWithoutTokensBecomesOneUnk() {
        assertArrayEquals(new int[] {Vocabulary.UNK}, encoder.encode(""));
        assertArrayEquals(new int[] {Vocabulary.UNK}, encoder.encode("<br /><br />  "));
    }
}
