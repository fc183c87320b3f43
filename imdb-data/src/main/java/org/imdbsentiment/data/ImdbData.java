package org.imdbsentiment.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the IMDB reviews, in this order: the path the user gave (an {@code aclImdb/} directory or a
 * {@code .tar.gz} archive); else the verified copy in the cache directory; else a fresh download
 * of {@link RemoteFile#ACL_IMDB} into the cache.
 */
public final class ImdbData {
    private static final Logger log = LoggerFactory.getLogger(ImdbData.class);

    private ImdbData() {
    }

    /** Where the reviews will be read from, downloading them if needed. */
    public static Path locate(Optional<Path> given, Path cacheDir, Progress.Factory progress) throws IOException {
        if (given.isPresent()) {
            Path p = given.get();
            if (!Files.exists(p)) {
                throw new DataException("IMDB data not found: " + MissingPath.describe(p)
                        + " (give an aclImdb/ directory or an aclImdb_v1.tar.gz archive)");
            }
            return p;
        }
        Path cached = new Downloader(cacheDir, progress).fetch(RemoteFile.ACL_IMDB);
        log.info("Using IMDB archive {}", cached);
        return cached;
    }

    /** Locates and reads the corpus. */
    public static ImdbCorpus load(Optional<Path> given, Path cacheDir) throws IOException {
        return load(given, cacheDir, Progress.Factory.NONE);
    }

    /** Locates and reads the corpus, showing the progress of a download and of reading. */
    public static ImdbCorpus load(Optional<Path> given, Path cacheDir, Progress.Factory progress) throws IOException {
        return ImdbReader.read(locate(given, cacheDir, progress), progress);
    }
}
