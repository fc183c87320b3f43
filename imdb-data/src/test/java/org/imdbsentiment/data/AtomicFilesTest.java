package org.imdbsentiment.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFilesTest {

    @Test
    void aFailedWriteLeavesTheOldFileWholeAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("best-model.zip");
        AtomicFiles.writeString(model, "the old best model");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(model, tmp -> {
            Files.writeString(tmp, "half of a new mod");
            throw new IOException("No space left on device");
        }));
        assertEquals("No space left on device", e.getMessage());
        assertEquals("the old best model", Files.readString(model));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aCompleteWriteReplacesTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.txt");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
    }
}
