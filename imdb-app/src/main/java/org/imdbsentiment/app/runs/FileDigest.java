package org.imdbsentiment.app.runs;

import com.google.common.hash.Hashing;
import org.imdbsentiment.data.DataException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sha256 of an input file, for a run's provenance. */
public final class FileDigest {
    private FileDigest() {
    }

    /** Lower-case hex sha256 of a regular file; {@code null} for a directory (an extracted aclImdb/). */
    public static String sha256(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return com.google.common.io.Files.asByteSource(file.toFile()).hash(Hashing.sha256()).toString();
        } catch (IOException e) {
            throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
