package org.imdbsentiment.data;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real data in {@code ../shared/data/} beside the project. A test that needs it fails when it
 * is missing under CI ({@code CI=true}) and is skipped elsewhere, with the reason.
 */
public final class SharedData {
    public static final String IMDB_ARCHIVE = "aclImdb_v1-labeled.tar.gz";

    private SharedData() {
    }

    /** The file, found from the module's or the project's directory. */
    public static Path require(String name) {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        String why = "shared data file " + name + " not found in a shared/data/ folder above " + cwd;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why + " (required under CI=true)");
        }
        Assumptions.abort(why);
        return null;
    }
}
