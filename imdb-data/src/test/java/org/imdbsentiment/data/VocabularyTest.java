package org.imdbsentiment.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VocabularyTest {
    private static final List<List<String>> CORPUS = List.of(
            List.of("b", "a", "c", "a"),
            List.of("c", "a", "d", "b"),
            List.of("e"));

    @Test
    void padAndUnkComeFirst() {
        Vocabulary v = Vocabulary.build(CORPUS, 10);
        assertEquals(Vocabulary.PAD_TOKEN, v.token(Vocabulary.PAD));
        assertEquals(Vocabulary.UNK_TOKEN, v.token(Vocabulary.UNK));
        assertEquals(0, Vocabulary.PAD);
        assertEquals(1, Vocabulary.UNK);
    }

    @Test
    void ordersByCountThenTokenAndKeepsTheMostFrequent() {
        // a:3, b:2, c:2, d:1, e:1 -> a, then b before c (tie), then d before e (tie).
        assertEquals(List.of("<pad>", "<unk>", "a", "b", "c", "d", "e"), Vocabulary.build(CORPUS, 10).tokens());
        Vocabulary top3 = Vocabulary.build(CORPUS, 3);
        assertEquals(5, top3.size());
        assertEquals(List.of("<pad>", "<unk>", "a", "b", "c"), top3.tokens());
    }

    @Test
    void unknownTokensMapToUnk() {
        Vocabulary v = Vocabulary.build(CORPUS, 3);
        assertEquals(2, v.indexOf("a"));
        assertEquals(Vocabulary.UNK, v.indexOf("e"));
        assertEquals(Vocabulary.UNK, v.indexOf("never-seen"));
        assertFalse(v.contains("e"));
        assertTrue(v.contains("c"));
    }

    @Test
    void sameCorpusInAnotherOrderGivesTheSameVocabulary() {
        List<List<String>> reordered = List.of(CORPUS.get(2), CORPUS.get(1), CORPUS.get(0));
        assertEquals(Vocabulary.build(CORPUS, 4), Vocabulary.build(reordered, 4));
    }

    @Test
    void saveThenLoadGivesAnEqualVocabulary(@TempDir Path dir) throws IOException {
        Vocabulary v = Vocabulary.build(List.of(List.of("don't", "café", "!", "don't")), 10);
        Path file = dir.resolve("vocab.txt");
        v.save(file);
        assertEquals(List.of("<pad>", "<unk>", "don't", "!", "café"), Files.readAllLines(file));
        assertEquals(v, Vocabulary.load(file));
    }

    @Test
    void loadRefusesAFileThatIsNotAVocabulary(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vocab.txt");
        Files.writeString(file, "hello\nworld\n");
        assertThrows(IOException.class, () -> Vocabulary.load(file));
    }

    @Test
    void buildRejectsANonPositiveSize() {
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(CORPUS, 0));
    }
}
