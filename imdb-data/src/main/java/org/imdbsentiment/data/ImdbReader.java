package org.imdbsentiment.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the labelled IMDB reviews from either form a user may have:
 * <ul>
 *   <li>the {@code .tar.gz} archive (the official {@code aclImdb_v1.tar.gz} or the labelled-only
 *       copy), or the same tar uncompressed, streamed entry by entry, never extracted to disk;</li>
 *   <li>an extracted {@code aclImdb/} directory (or its parent).</li>
 * </ul>
 * Unlabelled reviews ({@code train/unsup}) and the bag-of-words files are skipped.
 */
public final class ImdbReader {
    private static final Logger log = LoggerFactory.getLogger(ImdbReader.class);
    private static final String[] SPLITS = {"train", "test"};

    private ImdbReader() {
    }

    /** Reads an archive or a directory, whichever {@code path} is. */
    public static ImdbCorpus read(Path path) throws IOException {
        return read(path, Progress.Factory.NONE);
    }

    /** Reads an archive (showing its progress in MB) or a directory, whichever {@code path} is. */
    public static ImdbCorpus read(Path path, Progress.Factory progress) throws IOException {
        if (Files.isDirectory(path)) {
            return readDirectory(path);
        }
        if (Files.isRegularFile(path)) {
            return readArchive(path, progress);
        }
        throw new DataException("IMDB data not found: " + MissingPath.describe(path)
                + " (give an aclImdb/ directory or an aclImdb_v1.tar.gz archive)");
    }

    /** How an archive's tar stream is stored, told by its first bytes rather than its name. */
    private enum Packing {
        GZIP("gzip stream"), TAR("tar archive");

        final String stream;

        Packing(String stream) {
            this.stream = stream;
        }
    }

    /**
     * Reads a {@code .tar.gz} archive or, told apart by its first bytes, a plain {@code .tar}. A plain
     * tar has no checksum, so it must end with the end-of-archive marker (two zero records), or it is
     * refused as truncated rather than read in part.
     */
    public static ImdbCorpus readArchive(Path archive, Progress.Factory progress) throws IOException {
        Packing packing = packing(archive);
        if (packing == Packing.TAR && !endsWithEndOfArchiveMarker(archive)) {
            throw truncated(archive, "no end-of-archive marker", null);
        }
        List<Review> train = new ArrayList<>();
        List<Review> test = new ArrayList<>();
        Set<String> invalid = new HashSet<>();
        List<ReviewFileName.Parsed> skipped = new ArrayList<>();
        try (Progress shown = progress.start("read " + archive.getFileName(), Files.size(archive) >> 20, "MB");
             InputStream in = new BufferedInputStream(new CountingInputStream(Files.newInputStream(archive), shown), 1 << 16);
             InputStream unpacked = packing == Packing.GZIP ? new GzipCompressorInputStream(in) : in;
             TarArchiveInputStream tar = new TarArchiveInputStream(unpacked, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (!e.isFile()) {
                    continue;
                }
                var parsed = ReviewFileName.parse(e.getName());
                if (parsed.isEmpty()) {
                    continue;
                }
                if (parsed.get().problem().isPresent()) {
                    skipped.add(parsed.get());
                    continue;
                }
                add(parsed.get(), tar.readAllBytes(), train, test, invalid);
            }
            // Read what follows the tar's end (padding, the gzip trailer), so a cut there is noticed too.
            unpacked.transferTo(OutputStream.nullOutputStream());
        } catch (EOFException e) {
            throw truncated(archive, "unexpected end of the " + packing.stream, e);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).startsWith("Truncated TAR archive")) {
                throw truncated(archive, "unexpected end of the tar archive", e);
            }
            String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new DataException("cannot read IMDB archive " + archive + ": " + problem
                    + " (is it a complete .tar.gz? delete it and download again)", e);
        }
        return checked(corpus(train, test, invalid, skipped), archive.toString());
    }

    private static Packing packing(Path archive) throws IOException {
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(archive)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (GzipCompressorInputStream.matches(head, n)) {
            return Packing.GZIP;
        }
        if (n == head.length && TarArchiveInputStream.matches(head, n)) {
            return Packing.TAR;
        }
        throw new DataException("cannot read IMDB archive " + archive + ": "
                + (n == 0 ? "it is empty" : "it is neither gzip-compressed (.tar.gz) nor a .tar archive")
                + "; expected aclImdb_v1.tar.gz or an extracted aclImdb/ directory"
                + " (if it is a download, delete it and download again)");
    }

    /** Whether a plain tar's size is whole records and it ends with two zero records. */
    private static boolean endsWithEndOfArchiveMarker(Path tar) throws IOException {
        long size = Files.size(tar);
        if (size % 512 != 0 || size < 3 * 512) {
            return false;
        }
        ByteBuffer tail = ByteBuffer.allocate(2 * 512);
        try (SeekableByteChannel ch = Files.newByteChannel(tar)) {
            ch.position(size - tail.capacity());
            while (tail.hasRemaining() && ch.read(tail) >= 0) {
                // read on
            }
        }
        for (byte b : tail.array()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static DataException truncated(Path archive, String how, Exception cause) {
        return new DataException(archive + " is truncated or corrupt (" + how + "): download it again", cause);
    }

    public static ImdbCorpus readDirectory(Path dir) throws IOException {
        Path root = Files.isDirectory(dir.resolve("aclImdb")) ? dir.resolve("aclImdb") : dir;
        List<Review> train = new ArrayList<>();
        List<Review> test = new ArrayList<>();
        Set<String> invalid = new HashSet<>();
        List<ReviewFileName.Parsed> skipped = new ArrayList<>();
        for (String split : SPLITS) {
            for (Sentiment label : Sentiment.values()) {
                Path folder = root.resolve(split).resolve(label.folder());
                if (!Files.isDirectory(folder)) {
                    throw new DataException("not an aclImdb directory: " + root + " has no "
                            + split + "/" + label.folder() + "/ sub-folder");
                }
                List<Path> files;
                try (Stream<Path> s = Files.list(folder)) {
                    files = s.sorted().toList();
                }
                for (Path f : files) {
                    var parsed = ReviewFileName.parse("aclImdb/" + split + "/" + label.folder() + "/" + f.getFileName());
                    if (parsed.isEmpty()) {
                        continue;
                    }
                    if (parsed.get().problem().isPresent()) {
                        skipped.add(parsed.get());
                        continue;
                    }
                    add(parsed.get(), Files.readAllBytes(f), train, test, invalid);
                }
            }
        }
        return checked(corpus(train, test, invalid, skipped), root.toString());
    }

    /** Reports the bytes read, in whole megabytes. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private final Progress progress;
        private long bytes;

        CountingInputStream(InputStream in, Progress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                long before = bytes >> 20;
                bytes += n;
                progress.advance((bytes >> 20) - before);
            }
            return n;
        }
    }

    private static void add(ReviewFileName.Parsed p, byte[] bytes, List<Review> train, List<Review> test,
                            Set<String> invalidUtf8) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // Reviews are UTF-8; a malformed byte becomes U+FFFD rather than stopping the run, and is counted.
            text = new String(bytes, StandardCharsets.UTF_8);
            invalidUtf8.add(p.id());
        }
        Review r = new Review(p.id(), text, p.label(), p.rating());
        ("train".equals(p.split()) ? train : test).add(r);
    }

    /** How many skipped files a warning names as examples. */
    private static final int SKIPPED_EXAMPLES = 3;

    private static ImdbCorpus corpus(List<Review> train, List<Review> test, Set<String> invalid,
                                     List<ReviewFileName.Parsed> skipped) {
        if (!skipped.isEmpty()) {
            List<String> examples = skipped.stream()
                    .sorted(Comparator.comparing(ReviewFileName.Parsed::file))
                    .limit(SKIPPED_EXAMPLES)
                    .map(p -> p.file() + " (" + p.problem().orElseThrow() + ")")
                    .toList();
            log.warn("skipped {} review files whose name breaks the dataset's rules (ratings 1-4 in neg/, 7-10 in pos/),"
                    + " e.g. {}", skipped.size(), String.join(", ", examples));
        }
        return new ImdbCorpus(train, test, invalid, skipped.stream().map(ReviewFileName.Parsed::file).toList());
    }

    private static ImdbCorpus checked(ImdbCorpus corpus, String where) {
        if (corpus.train().isEmpty() && corpus.test().isEmpty()) {
            throw new DataException("no labelled reviews in " + where
                    + " (expected aclImdb/{train,test}/{pos,neg}/<id>_<rating>.txt)");
        }
        if (corpus.test().isEmpty()) {
            throw new DataException(where + " has " + corpus.train().size() + " training reviews but no test set"
                    + " (expected aclImdb/test/pos/ and aclImdb/test/neg/ holding <id>_<rating>.txt files)");
        }
        if (corpus.train().isEmpty()) {
            throw new DataException(where + " has " + corpus.test().size() + " test reviews but no training set"
                    + " (expected aclImdb/train/pos/ and aclImdb/train/neg/ holding <id>_<rating>.txt files)");
        }
        for (String split : SPLITS) {
            checkClasses(split, corpus, where);
        }
        log.info("Read {} training and {} test reviews from {}", corpus.train().size(), corpus.test().size(), where);
        if (!corpus.invalidUtf8().isEmpty()) {
            log.warn("{} review files are not valid UTF-8; their malformed bytes were read as U+FFFD", corpus.invalidUtf8().size());
        }
        return corpus;
    }

    /** A share under which a class makes a split strongly imbalanced (worth a warning, not an error). */
    static final double IMBALANCE_WARNING_SHARE = 0.25;

    /**
     * Refuses a split without one of the two classes (a classifier trained on one class learns nothing,
     * and ROC AUC on one class is undefined); warns when one class is under a quarter of the split.
     */
    private static void checkClasses(String split, ImdbCorpus corpus, String where) {
        List<Review> reviews = corpus.split(split);
        long positive = reviews.stream().filter(r -> r.label() == Sentiment.POSITIVE).count();
        long negative = reviews.size() - positive;
        String counts = positive + " positive and " + negative + " negative reviews";
        if (positive == 0 || negative == 0) {
            Sentiment missing = positive == 0 ? Sentiment.POSITIVE : Sentiment.NEGATIVE;
            String folder = split + "/" + missing.folder() + "/";
            List<String> skipped = corpus.skippedFiles(split).stream().filter(f -> f.startsWith(folder)).toList();
            String hint = skipped.isEmpty() ? "is aclImdb/" + split + "/" + missing.folder() + " empty?"
                    : "all " + skipped.size() + " review files in aclImdb/" + folder + " were skipped for a rating"
                    + " that breaks the dataset's rules, e.g. " + skipped.get(0).substring(folder.length());
            throw new DataException("the " + split + " split in " + where + " has " + counts
                    + ": both classes are needed (" + hint + ")");
        }
        if (Math.min(positive, negative) < IMBALANCE_WARNING_SHARE * reviews.size()) {
            log.warn("the {} split in {} is strongly imbalanced: {} ({}% positive); accuracy flatters a model"
                    + " that favours the majority class", split, where, counts, Math.round(100.0 * positive / reviews.size()));
        }
    }
}
