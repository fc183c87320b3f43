package org.imdbsentiment.app.cli;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.app.ImdbSentiment;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.data.MiniImdb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input, interrupted training and lost results: each case ends in a one-line error and a
 * non-zero exit, or in a correct recovery (docs/robustness.md lists them).
 */
class RobustnessTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), java.io.InputStream.nullInputStream(), new Properties(),
                org.imdbsentiment.data.Progress.Factory.NONE).execute(args);
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A mini data set and the settings of a small, quick model on it. */
    private static List<String> settings(Path data, Path output, int epochs) {
        return settings(data, output, epochs, 40);
    }

    private static List<String> settings(Path data, Path output, int epochs, int validationSize) {
        return new ArrayList<>(List.of("--data", data.toString(), "--output", output.toString(),
                "--validation-size", Integer.toString(validationSize), "--batch-size", "16", "--vocab-size", "40", "--embedding-size", "8",
                "--hidden-size", "8", "--epochs", Integer.toString(epochs), "--patience", Integer.toString(epochs),
                "--learning-rate", "0.01", "--seed", "5"));
    }

    /** epochs.csv without its wall-time columns. */
    private static List<String> metricsOf(Path runDir) throws IOException {
        return Files.readAllLines(runDir.resolve(RunDirectory.EPOCHS)).stream()
                .map(l -> l.replaceAll(",[^,]*,[^,]*$", "")).toList();
    }

    @Test
    void theSameSeedGivesTheSameEpochs(@TempDir Path tmp) throws IOException {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 60);
        assertEquals(0, run(settings(data, tmp.resolve("a"), 3).toArray(String[]::new)), errText());
        assertEquals(0, run(settings(data, tmp.resolve("b"), 3).toArray(String[]::new)), errText());
        assertEquals(metricsOf(CliTest.onlyRunDirectory(tmp.resolve("a"))), metricsOf(CliTest.onlyRunDirectory(tmp.resolve("b"))));
    }

    @Test
    void aRunKilledMidTrainingResumesToTheSameResultAsAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 150);
        int epochs = 40;
        // A decaying learning rate, which reads the minibatch count the checkpoint must carry over, and a weight
        // average, whose state the checkpoint must carry over too (validation and test use the average).
        List<String> decaying = List.of("--learning-rate-schedule", "linear-decay", "--weight-average-decay", "0.9");
        List<String> uninterrupted = settings(data, tmp.resolve("whole"), epochs);
        uninterrupted.addAll(decaying);
        assertEquals(0, run(uninterrupted.toArray(String[]::new)), errText());
        Path whole = CliTest.onlyRunDirectory(tmp.resolve("whole"));

        // The same command in a separate JVM, killed with SIGKILL once two epochs are checkpointed.
        Path output = tmp.resolve("killed");
        List<String> killed = settings(data, output, epochs);
        killed.addAll(decaying);
        Process p = app(killed, tmp.resolve("app.log"));
        Path runDir = waitForCheckpoint(output, 2, p);
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(Files.readString(runDir.resolve(RunDirectory.SUMMARY)).contains("\"status\" : \"running\""));
        // The best model on disk is a whole model file.
        ComputationGraph.load(runDir.resolve(RunDirectory.BEST_MODEL).toFile(), false);

        // A temporary file that a kill during a write would leave behind.
        Path stale = Files.writeString(runDir.resolve(".checkpoint.zip.0b1c-dead.tmp"), "half a file");
        List<String> resume = settings(data, output, epochs);
        resume.addAll(decaying);
        resume.addAll(List.of("--resume", runDir.toString()));
        assertEquals(0, run(resume.toArray(String[]::new)), errText());
        assertEquals(metricsOf(whole), metricsOf(runDir));
        assertTrue(Files.notExists(stale), "stale temporary files are removed on resume");
        assertEquals(Files.readString(whole.resolve(RunDirectory.TEST_PREDICTIONS)),
                Files.readString(runDir.resolve(RunDirectory.TEST_PREDICTIONS)));
        String summary = Files.readString(runDir.resolve(RunDirectory.SUMMARY));
        assertTrue(summary.contains("\"status\" : \"finished\""), summary);
        assertTrue(summary.contains("\"resumed\""), summary);
        // The epoch limit is the run's own, not the epochs left when it was resumed.
        assertTrue(summary.contains("\"termination\" : \"EpochLimit(40 epochs)\""), summary);
        assertTrue(Files.notExists(runDir.resolve(RunDirectory.CHECKPOINT)));
    }

    @Test
    void anInterruptedRunSaysSoAndHowToResume(@TempDir Path tmp) throws Exception {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 150);
        Path output = tmp.resolve("runs");
        Path log = tmp.resolve("app.log");
        Process p = app(settings(data, output, 40), log);
        Path runDir = waitForCheckpoint(output, 1, p);
        p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C (SIGINT)
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(Files.readString(runDir.resolve(RunDirectory.SUMMARY)).contains("\"status\" : \"interrupted\""));
        assertTrue(Files.readString(log).contains("--resume " + runDir), Files.readString(log));
    }

    @Test
    void resumingWithOtherSettingsIsRefusedNamingThem(@TempDir Path tmp) throws Exception {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 20);
        assertEquals(0, run(settings(data, tmp.resolve("runs"), 2, 4).toArray(String[]::new)), errText());
        Path runDir = CliTest.onlyRunDirectory(tmp.resolve("runs"));
        List<String> other = settings(data, tmp.resolve("runs"), 2, 4);
        other.set(other.indexOf("--seed") + 1, "6");
        other.addAll(List.of("--resume", runDir.toString()));
        assertEquals(Cli.USAGE, run(other.toArray(String[]::new)));
        assertTrue(errText().contains("seed=5 in the run, 6 now"), errText());
        List<String> same = settings(data, tmp.resolve("runs"), 2, 4);
        same.addAll(List.of("--resume", runDir.toString()));
        assertEquals(Cli.FAILED, run(same.toArray(String[]::new)));
        assertTrue(errText().contains("has already finished"), errText());
    }

    @Test
    void emptyBlankInvalidAndVeryLongReviewsAreCountedAndTrainingGoesOn(@TempDir Path tmp) throws IOException {
        Path root = MiniImdb.writeDirectory(tmp.resolve("data"), 20);
        Files.writeString(root.resolve("test/pos/0_7.txt"), "");
        Files.writeString(root.resolve("test/neg/0_1.txt"), "  \n\t <br /><br /> ");
        Files.write(root.resolve("test/pos/1_8.txt"), new byte[] {'o', 'k', ' ', (byte) 0xFF, ' ', 'f', 'i', 'n', 'e'});
        Files.writeString(root.resolve("test/neg/1_2.txt"), "bad ".repeat(12_000));
        List<String> args = settings(root, tmp.resolve("runs"), 1, 4);
        assertEquals(0, run(args.toArray(String[]::new)), errText());
        String summary = Files.readString(CliTest.onlyRunDirectory(tmp.resolve("runs")).resolve(RunDirectory.SUMMARY));
        String test = summary.replaceAll("(?s).*\"test\" : \\{([^}]*)}.*", "$1");
        assertTrue(test.contains("\"empty_read_as_unk\" : 2"), summary);
        assertTrue(test.contains("\"truncated\" : 1"), summary);
        assertTrue(test.contains("\"invalid_utf8\" : 1"), summary);
        assertTrue(test.contains("\"longest_tokens\" : 12000"), summary);
    }

    @Test
    void anUnwritableOutputIsAOneLineErrorAndEarlierRunsStayIntact(@TempDir Path tmp) throws IOException {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 10);
        Path runs = tmp.resolve("runs");
        assertEquals(0, run(settings(data, runs, 1, 4).toArray(String[]::new)), errText());
        Path earlier = CliTest.onlyRunDirectory(runs);
        List<String> before = listing(earlier);
        Path notADirectory = Files.writeString(tmp.resolve("file"), "x");
        assertEquals(Cli.FAILED, run(settings(data, notADirectory.resolve("runs"), 1, 4).toArray(String[]::new)));
        assertEquals(1, errText().strip().lines().count(), errText());
        assertTrue(errText().startsWith("error: cannot create a run directory under " + notADirectory.resolve("runs")), errText());
        assertEquals(before, listing(earlier));
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName() + ":" + p.toFile().length()).sorted().toList();
        }
    }

    /** Runs the app in a new JVM with this test's class path. */
    private static Process app(List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ImdbSentiment.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    /** Waits until the run under {@code output} has checkpointed {@code epochs} epochs; returns its directory. */
    private static Path waitForCheckpoint(Path output, int epochs, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), "the app ended before it was stopped");
            if (Files.isDirectory(output)) {
                try (Stream<Path> s = Files.list(output)) {
                    for (Path dir : s.toList()) {
                        Path csv = dir.resolve(RunDirectory.EPOCHS);
                        if (Files.exists(dir.resolve(RunDirectory.CHECKPOINT)) && Files.exists(csv)
                                && Files.readAllLines(csv).size() > epochs) {
                            Thread.sleep(200); // the checkpoint follows epochs.csv
                            return dir;
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint of " + epochs + " epochs within 3 minutes");
    }
}
