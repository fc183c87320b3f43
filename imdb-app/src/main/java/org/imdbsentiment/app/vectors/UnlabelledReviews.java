package org.imdbsentiment.app.vectors;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.imdbsentiment.data.DataException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The unlabelled IMDB reviews, {@code aclImdb/train/unsup/<id>_0.txt}: from the official archive, a
 * separate archive holding only them ({@code aclImdb_v1-unsup.tar.gz}), or an extracted directory.
 * Read in the order of their review numbers, so the same files always give the same corpus. Unlabelled: for word
 * vectors and for a teacher's pseudo-labels, never for evaluation.
 */
public final class UnlabelledReviews {
    private static final String FOLDER = "train/unsup/";

    private UnlabelledReviews() {
    }

    /** One unlabelled review: its file name under {@code train/unsup/} ({@code <number>_0.txt}) and its text. */
    public record Named(String name, String text) {
    }

    /** The unlabelled texts under {@code source}; none when it holds no {@code train/unsup/}. */
    public static List<String> read(Path source) {
        return readNamed(source).stream().map(Named::text).toList();
    }

    /** The unlabelled reviews under {@code source} with their file names, in review-number order. */
    public static List<Named> readNamed(Path source) {
        if (!Files.exists(source)) {
            throw new DataException("unlabelled reviews not found: " + source);
        }
        TreeMap<String, String> byName = new TreeMap<>(java.util.Comparator.comparingLong(UnlabelledReviews::number)
                .thenComparing(java.util.Comparator.naturalOrder()));
        try {
            if (Files.isDirectory(source)) {
                Path root = Files.isDirectory(source.resolve("aclImdb")) ? source.resolve("aclImdb") : source;
                Path folder = root.resolve(FOLDER);
                if (Files.isDirectory(folder)) {
                    try (Stream<Path> files = Files.list(folder)) {
                        for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
                            byName.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
                        }
                    }
                }
            } else {
                try (InputStream raw = new BufferedInputStream(Files.newInputStream(source));
                     TarArchiveInputStream tar = new TarArchiveInputStream(gzipOrPlain(raw))) {
                    TarArchiveEntry e;
                    while ((e = tar.getNextEntry()) != null) {
                        String name = e.getName();
                        int at = name.indexOf(FOLDER);
                        if (e.isFile() && at >= 0 && name.endsWith(".txt")) {
                            byName.put(name.substring(at + FOLDER.length()),
                                    new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new DataException("cannot read unlabelled reviews from " + source + ": " + e.getMessage(), e);
        }
        List<Named> named = new ArrayList<>(byName.size());
        byName.forEach((name, text) -> named.add(new Named(name, text)));
        return named;
    }

    /** The review number of {@code <id>_<rating>.txt}; names without one sort last. */
    private static long number(String fileName) {
        int end = fileName.indexOf('_');
        try {
            return Long.parseLong(end < 0 ? fileName : fileName.substring(0, end));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static InputStream gzipOrPlain(InputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GzipCompressorInputStream(in) : in;
    }
}
