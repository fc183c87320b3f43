package org.imdbsentiment.data;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The labelled IMDB reviews: the official 25,000 training and 25,000 test reviews, each list in a
 * fixed order (negative before positive, then by the review number) whatever order the files had
 * on disk or in the archive.
 *
 * @param invalidUtf8  ids of the reviews whose file was not valid UTF-8 (their malformed bytes were
 *                     read as U+FFFD)
 * @param skippedFiles review files in a label folder that were not used because their name breaks the
 *                     dataset's rules (a rating outside 1..10, a neutral 5 or 6, or a rating that
 *                     contradicts its folder), as {@code <split>/<pos|neg>/<name>.txt}, sorted
 */
public record ImdbCorpus(List<Review> train, List<Review> test, Set<String> invalidUtf8, List<String> skippedFiles) {

    /** Negative before positive, then by review number: the same for an archive and a directory. */
    static final Comparator<Review> FILE_ORDER = Comparator.comparing(Review::label)
            .thenComparingInt(r -> ReviewFileName.number(r.id()));

    public ImdbCorpus {
        train = train.stream().sorted(FILE_ORDER).toList();
        test = test.stream().sorted(FILE_ORDER).toList();
        invalidUtf8 = Set.copyOf(invalidUtf8);
        skippedFiles = skippedFiles.stream().sorted().toList();
    }

    /** A corpus from which no file was skipped. */
    public ImdbCorpus(List<Review> train, List<Review> test, Set<String> invalidUtf8) {
        this(train, test, invalidUtf8, List.of());
    }

    public List<Review> split(String name) {
        return switch (name) {
            case "train" -> train;
            case "test" -> test;
            default -> throw new IllegalArgumentException("unknown split: " + name);
        };
    }

    /** How many review files were skipped for their names (see {@link #skippedFiles()}). */
    public int skippedCount() {
        return skippedFiles.size();
    }

    /** The files of one split ({@code "train"} or {@code "test"}) that were skipped for their names. */
    public List<String> skippedFiles(String split) {
        split(split); // refuses an unknown split
        return skippedFiles.stream().filter(f -> f.startsWith(split + "/")).toList();
    }
}
