package org.imdbsentiment.data;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the labelled review files of the aclImdb layout,
 * {@code aclImdb/<train|test>/<pos|neg>/<number>_<rating>.txt}, tells which of them break the
 * dataset's rating rules, and ignores everything else ({@code unsup/}, {@code *.feat}, {@code README},
 * {@code imdb.vocab}, {@code urls_*.txt}).
 */
final class ReviewFileName {
    private static final Pattern PATH =
            Pattern.compile("(?:.*/)?aclImdb/(train|test)/(pos|neg)/(\\d+)_(\\d+)\\.txt");
    private static final Pattern ID = Pattern.compile("(?:train|test)/(?:pos|neg)/(\\d+)_\\d+");

    /**
     * A file in a label folder: where it belongs and, when the dataset's rules exclude it, why.
     *
     * @param problem empty for a usable labelled review, else why it is not used
     */
    record Parsed(String split, Sentiment label, String id, int rating, Optional<String> problem) {
        /** The file's path below {@code aclImdb/}, e.g. {@code train/pos/10_9.txt}. */
        String file() {
            return id + ".txt";
        }
    }

    private ReviewFileName() {
    }

    /**
     * Parses a path with forward slashes, relative to anything above {@code aclImdb/}: empty for a file
     * that is not in a label folder, else the file with, when the dataset's rules exclude it, why.
     * The rules (the dataset's README): ratings 1-4 are negative and live in {@code neg/}, 7-10 are
     * positive and live in {@code pos/}; 5 and 6 (neutral) and anything outside 1..10 are not labelled
     * reviews.
     */
    static Optional<Parsed> parse(String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        String split = m.group(1);
        String folder = m.group(2);
        String id = split + "/" + folder + "/" + m.group(3) + "_" + m.group(4);
        Sentiment label = Sentiment.ofFolder(folder);
        int number = parseSmall(m.group(3));
        int rating = parseSmall(m.group(4));
        Optional<String> problem = number < 0 ? Optional.of("review number " + m.group(3) + " is too large")
                : ratingProblem(m.group(4), rating, label);
        return Optional.of(new Parsed(split, label, id, rating, problem));
    }

    private static Optional<String> ratingProblem(String digits, int rating, Sentiment folder) {
        if (rating < 1 || rating > 10) {
            return Optional.of("rating " + digits + " is outside 1..10");
        }
        if (rating == 5 || rating == 6) {
            return Optional.of("rating " + rating + " is neutral: labelled reviews are rated 1-4 (neg) or 7-10 (pos)");
        }
        Sentiment byRating = rating <= 4 ? Sentiment.NEGATIVE : Sentiment.POSITIVE;
        if (byRating != folder) {
            return Optional.of("rating " + rating + " is " + byRating.name().toLowerCase(Locale.ROOT)
                    + (byRating == Sentiment.NEGATIVE ? " (1-4)" : " (7-10)")
                    + " but the file is in " + folder.folder() + "/");
        }
        return Optional.empty();
    }

    /** The value of a run of digits, or -1 when it does not fit an int. */
    private static int parseSmall(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The review number in an id such as {@code train/pos/123_9}. */
    static int number(String id) {
        Matcher m = ID.matcher(id);
        return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }
}
