package org.imdbsentiment.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes a file so that readers only ever see the old whole file or the new whole file: the content
 * goes to a temporary name beside the target and is renamed over it once complete. If writing fails
 * (an exception, a full disk, a kill), the target is untouched and the temporary file is removed
 * (or, after a kill, left under a name that ends in {@code .tmp}, which nothing reads).
 */
public final class AtomicFiles {

    /** Writes the content of a file, given its (temporary) path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            writer.writeTo(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, tmp -> Files.writeString(tmp, text, java.nio.charset.StandardCharsets.UTF_8));
    }
}
