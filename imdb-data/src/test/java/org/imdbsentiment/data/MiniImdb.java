package org.imdbsentiment.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny synthetic aclImdb data set for tests, as a directory tree or a .tar.gz archive, in the
 * official layout, with the files a reader must skip (unsup reviews, .feat files, README).
 */
public final class MiniImdb {
    private MiniImdb() {
    }

    /** Relative path (from above aclImdb/) to content, in a deliberately unsorted order. */
    public static Map<String, String> files(int perClass) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("aclImdb/README", "Large Movie Review Dataset v1.0");
        files.put("aclImdb/imdb.vocab", "the\nand\n");
        for (String split : new String[] {"test", "train"}) {
            for (int i = perClass - 1; i >= 0; i--) {
                files.put("aclImdb/" + split + "/pos/" + i + "_" + (7 + i % 4) + ".txt",
                        "A wonderful, great film number " + i + "! Loved it.<br /><br />Superb.");
                files.put("aclImdb/" + split + "/neg/" + i + "_" + (1 + i % 4) + ".txt",
                        "An awful, terrible film number " + i + ". Hated it.");
            }
            files.put("aclImdb/" + split + "/labeledBow.feat", "0:1 1:2");
        }
        files.put("aclImdb/train/unsup/0_0.txt", "unlabelled review");
        return files;
    }

    public static Path writeDirectory(Path parent, int perClass) throws IOException {
        return writeDirectory(parent, files(perClass));
    }

    /** Writes {@code files} (relative path from above aclImdb/ to content) under {@code parent}. */
    public static Path writeDirectory(Path parent, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = parent.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
        return parent.resolve("aclImdb");
    }

    public static Path writeArchive(Path file, int perClass) throws IOException {
        return writeArchive(file, files(perClass));
    }

    /** Writes {@code files} (relative path from above aclImdb/ to content) as a .tar.gz archive. */
    public static Path writeArchive(Path file, Map<String, String> files) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out)) {
            writeTar(gz, files);
        }
        return file;
    }

    /** Writes the mini data set as a plain, uncompressed .tar archive. */
    public static Path writePlainTar(Path file, int perClass) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeTar(out, files(perClass));
        }
        return file;
    }

    private static void writeTar(OutputStream out, Map<String, String> files) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        for (Map.Entry<String, String> e : files.entrySet()) {
            byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
            entry.setSize(bytes.length);
            tar.putArchiveEntry(entry);
            tar.write(bytes);
            tar.closeArchiveEntry();
        }
        tar.finish(); // the end-of-archive records; closing is left to the caller's stream
    }
}
