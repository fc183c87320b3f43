package org.imdbsentiment.app.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunDirectoryTest {

    @Test
    void runsStartedTogetherGetTheirOwnDirectories(@TempDir Path output) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RunDirectory>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> RunDirectory.create(output, "v1")));
            }
            HashSet<Path> dirs = new HashSet<>();
            for (Future<RunDirectory> f : runs) {
                dirs.add(f.get().path());
            }
            assertEquals(8, dirs.size());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void rewritingAFileLeavesNoTemporaryFiles(@TempDir Path output) throws IOException {
        RunDirectory run = RunDirectory.create(output, "v1");
        run.writeText("a.txt", "one");
        run.writeText("a.txt", "two");
        assertEquals("two", Files.readString(run.resolve("a.txt")));
        try (Stream<Path> files = Files.list(run.path())) {
            assertEquals(1, files.count());
        }
    }
}
