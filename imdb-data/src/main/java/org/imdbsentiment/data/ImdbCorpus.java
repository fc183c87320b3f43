package org.imdbsentiment.data;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The labelled IMDB reviews: the official 25,000 training and 25,000 test reviews, each list in a
 * fixed order (negative before positive, then by the review number) whatever order the files had
 * on disk or in the archive.
 *
 * @param invalidUtf8 ids of the reviews whose file was not valid UTF-8 (their malformed bytes were
 *                    read as U+FFFD)
 */
public record ImdbCorpus(List<Review> train, List<Review> test, Set<String> invalidUtf8) {

    /** Negative before positive, then by review number: the same for an archive and a directory. */
    static final Comparator<Review> FILE_ORDER = Comparator.comparing(Review::label)
            .thenComparingInt(r -> ReviewFileName.number(r.id()));

    public ImdbCorpus {
        train = train.stream().sorted(FILE_ORDER).toList();
        test = test.stream().sorted(FILE_ORDER).toList();
        invalidUtf8 = Set.copyOf(invalidUtf8);
    }

    public List<Review> split(String name) {
        return switch (name) {
            case "train" -> train;
            case "test" -> test;
            default -> throw new IllegalArgumentException("unknown split: " + name);
        };
    }
}
