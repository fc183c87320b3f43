package org.imdbsentiment.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Says why a path the user gave cannot be used, in words they can act on. */
final class MissingPath {
    /** Links followed before giving up (the kernel's own limit is 40). */
    private static final int MAX_LINKS = 40;

    private MissingPath() {
    }

    /**
     * {@code "<path> does not exist"}, or for a dangling symbolic link {@code "<path> is a symbolic
     * link to <target>, which does not exist"}, where a relative target (or a chain of links) is
     * followed by the absolute path it ends at.
     */
    static String describe(Path path) {
        if (!Files.isSymbolicLink(path)) {
            return Files.exists(path) ? path + " is neither a directory nor a regular file" : path + " does not exist";
        }
        try {
            Path written = Files.readSymbolicLink(path);
            Path end = path.toAbsolutePath().resolveSibling(written).normalize();
            for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(end); i++) {
                end = end.resolveSibling(Files.readSymbolicLink(end)).normalize();
            }
            String target = end.equals(written) ? written.toString() : written + " (" + end + ")";
            return path + " is a symbolic link to " + target + ", which does not exist";
        } catch (IOException e) {
            return path + " is a symbolic link that cannot be read (" + e.getMessage() + ")";
        }
    }
}
