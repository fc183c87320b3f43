package org.imdbsentiment.data;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the labelled review files of the aclImdb layout,
 * {@code aclImdb/<train|test>/<pos|neg>/<number>_<rating>.txt}, and ignores everything else
 * ({@code unsup/}, {@code *.feat}, {@code README}, {@code imdb.vocab}, {@code urls_*.txt}).
 */
final class ReviewFileName {
    private static final Pattern PATH =
            Pattern.compile("(?:.*/)?aclImdb/(train|test)/(pos|neg)/(\\d+)_(\\d+)\\.txt");
    private static final Pattern ID = Pattern.compile("(?:train|test)/(?:pos|neg)/(\\d+)_\\d+");

    /** Where a recognised file belongs. */
    record Parsed(String split, Sentiment label, String id, int rating) {
    }

    private ReviewFileName() {
    }

    /** Parses a path with forward slashes, relative to anything above {@code aclImdb/}. */
    static Optional<Parsed> parse(String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        String split = m.group(1);
        String folder = m.group(2);
        String id = split + "/" + folder + "/" + m.group(3) + "_" + m.group(4);
        return Optional.of(new Parsed(split, Sentiment.ofFolder(folder), id, Integer.parseInt(m.group(4))));
    }

    /** The review number in an id such as {@code train/pos/123_9}. */
    static int number(String id) {
        Matcher m = ID.matcher(id);
        return m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }
}
