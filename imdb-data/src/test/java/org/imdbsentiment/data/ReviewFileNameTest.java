package org.imdbsentiment.data;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReviewFileNameTest {

    @ParameterizedTest
    @CsvSource({
            "aclImdb/train/neg/0_1.txt,    train, NEGATIVE, train/neg/0_1,    1",
            "aclImdb/train/neg/12_4.txt,   train, NEGATIVE, train/neg/12_4,   4",
            "aclImdb/test/pos/3_7.txt,     test,  POSITIVE, test/pos/3_7,     7",
            "x/y/aclImdb/test/pos/9_10.txt, test, POSITIVE, test/pos/9_10,    10",
    })
    void aRatingThatFitsItsFolderIsAUsableReview(String path, String split, Sentiment label, String id, int rating) {
        ReviewFileName.Parsed p = ReviewFileName.parse(path).orElseThrow();
        assertEquals(split, p.split());
        assertEquals(label, p.label());
        assertEquals(id, p.id());
        assertEquals(rating, p.rating());
        assertTrue(p.problem().isEmpty(), p.problem().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "aclImdb/train/pos/20000_1.txt       | rating 1 is negative (1-4) but the file is in pos/",
            "aclImdb/test/neg/7_8.txt            | rating 8 is positive (7-10) but the file is in neg/",
            "aclImdb/test/neg/14_99.txt          | rating 99 is outside 1..10",
            "aclImdb/train/neg/3_0.txt           | rating 0 is outside 1..10",
            "aclImdb/train/pos/3_11.txt          | rating 11 is outside 1..10",
            "aclImdb/train/neg/5_5.txt           | rating 5 is neutral: labelled reviews are rated 1-4 (neg) or 7-10 (pos)",
            "aclImdb/train/pos/6_6.txt           | rating 6 is neutral: labelled reviews are rated 1-4 (neg) or 7-10 (pos)",
            "aclImdb/train/pos/1_99999999999.txt | rating 99999999999 is outside 1..10",
            "aclImdb/train/pos/99999999999_8.txt | review number 99999999999 is too large",
    })
    void aRatingThatBreaksTheDatasetRulesIsRecognisedButNotUsable(String path, String problem) {
        ReviewFileName.Parsed p = ReviewFileName.parse(path).orElseThrow();
        assertEquals(problem, p.problem().orElse("(usable)"));
        assertEquals(path.substring(path.indexOf("aclImdb/") + "aclImdb/".length()), p.file());
    }

    @ParameterizedTest
    @ValueSource(strings = {"aclImdb/train/unsup/0_0.txt", "aclImdb/train/labeledBow.feat", "aclImdb/README",
            "aclImdb/imdb.vocab", "aclImdb/train/urls_pos.txt", "aclImdb/train/pos/notes.txt"})
    void filesOutsideTheLabelFoldersAreNotReviews(String path) {
        assertTrue(ReviewFileName.parse(path).isEmpty());
    }
}
