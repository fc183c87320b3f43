package org.imdbsentiment.app.cli;

import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.data.MiniImdb;
import org.imdbsentiment.model.TestMetrics;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.imdbsentiment.model.config.Settings;
import org.imdbsentiment.model.pipeline.Prediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model bundles, kept run records and the settings table, used through the command line as a user would. */
class ModelBundleCommandsTest {
    private final CliRunner cli = new CliRunner();

    private Cli.Outcome run(String... args) {
        return cli.run(args);
    }

    private String errText() {
        return cli.err();
    }

    /** A small run on a mini archive (so its data has a sha256); returns the run directory. */
    private static Path train(Path tmp, String output, String... extra) throws IOException {
        Path data = tmp.resolve("data.tar.gz");
        if (!Files.exists(data)) {
            MiniImdb.writeArchive(data, 40);
        }
        return CliRunner.trainMini(data, tmp.resolve(output), extra);
    }

    private static double probabilityIn(Path runDir, String id) throws IOException {
        String line = Files.readAllLines(runDir.resolve(RunDirectory.TEST_PREDICTIONS)).stream()
                .filter(l -> l.startsWith(id + ",")).findFirst().orElseThrow();
        return Double.parseDouble(line.substring(line.lastIndexOf(',') + 1));
    }

    @Test
    void aFinishedRunWritesABundleThatScoresTextAloneAsTheRunDid(@TempDir Path tmp) throws IOException {
        Path runDir = train(tmp, "runs");
        Path elsewhere = Files.copy(runDir.resolve(RunDirectory.MODEL_BUNDLE), tmp.resolve("shipped.zip"));
        String id = Files.readAllLines(runDir.resolve(RunDirectory.TEST_PREDICTIONS)).get(1).split(",")[0];
        double expected = probabilityIn(runDir, id);
        String text = MiniImdb.files(40).get("aclImdb/" + id + ".txt");
        assertNotNull(text, id);
        deleteTree(runDir);

        Cli.Outcome o = run("predict", "--model", elsewhere.toString(), "--json", text);
        assertEquals(0, o.status(), errText());
        @SuppressWarnings("unchecked")
        List<Prediction> p = (List<Prediction>) o.result();
        assertEquals(expected, p.get(0).probabilityPositive(), 1e-6);

        // A run's plain best-model.zip names the same model when it sits in its run directory.
        Path other = train(tmp, "other");
        Cli.Outcome viaBest = run("predict", "--model", other.resolve(RunDirectory.BEST_MODEL).toString(), "--json", text);
        Cli.Outcome viaBundle = run("predict", "--model", other.resolve(RunDirectory.MODEL_BUNDLE).toString(), "--json", text);
        assertEquals(0, viaBest.status(), errText());
        assertEquals(viaBundle.result(), viaBest.result());
        Path loose = Files.copy(other.resolve(RunDirectory.BEST_MODEL), tmp.resolve(RunDirectory.BEST_MODEL));
        assertEquals(Cli.FAILED, run("predict", "--model", loose.toString(), "text").status());
        assertTrue(errText().contains("is not a model bundle"), errText());

        ModelBundle bundle = ModelBundle.read(elsewhere);
        assertEquals(runDir.getFileName().toString(), bundle.id());
        assertEquals(64, bundle.provenance().dataSha256().length());
        assertFalse(bundle.provenance().gitCommit().isBlank());
        assertEquals(42L, bundle.provenance().seed());
        assertEquals(8, bundle.config().get(Settings.EMBEDDING_SIZE));
        assertTrue(bundle.testMetrics().isComplete());
        assertEquals(80, bundle.testMetrics().reviews());
    }

    @Test
    void evaluateWithABundleReportsTheTestNumbersAndWritesNothing(@TempDir Path tmp) throws IOException {
        Path runDir = train(tmp, "runs");
        List<String> before = listing(runDir);
        Cli.Outcome o = run("evaluate", "--model", runDir.resolve(RunDirectory.MODEL_BUNDLE).toString(),
                "--data", tmp.resolve("data.tar.gz").toString());
        assertEquals(0, o.status(), errText());
        TestMetrics fromRun = ModelBundle.read(runDir.resolve(RunDirectory.MODEL_BUNDLE)).testMetrics();
        assertEquals(fromRun.confusionMatrix(), o.result(TestMetrics.class).confusionMatrix());
        assertEquals(before, listing(runDir));
        assertTrue(cli.out().startsWith("Test accuracy"));

        Cli.Outcome partial = run("evaluate", "--run", runDir.toString(), "--max-batches", "1");
        assertEquals(0, partial.status(), errText());
        assertEquals(8, partial.result(TestMetrics.class).reviews());
        assertFalse(partial.result(TestMetrics.class).isComplete());
        assertTrue(cli.out().contains("partial"), cli.out());
    }

    @Test
    void bundleMakesAModelFileForARunMadeBeforeBundlesAndNeverOverwrites(@TempDir Path tmp) throws IOException {
        Path runDir = train(tmp, "runs");
        Path bundle = runDir.resolve(RunDirectory.MODEL_BUNDLE);
        byte[] original = Files.readAllBytes(bundle);
        Files.delete(bundle); // as a run made before runs wrote model.zip
        Cli.Outcome o = run("predict", "--run", runDir.toString(), "a film");
        assertEquals(0, o.status(), errText());
        assertEquals(0, run("bundle", "--run", runDir.toString()).status(), errText());
        assertTrue(Files.size(bundle) > 0);
        assertEquals(Cli.FAILED, run("bundle", "--run", runDir.toString()).status());
        assertTrue(errText().contains("already exists; not overwritten"), errText());
        ModelBundle remade = ModelBundle.read(bundle);
        ModelBundle first = ModelBundle.read(Files.write(tmp.resolve("original.zip"), original));
        assertEquals(first.graph().params(), remade.graph().params());
        assertEquals(first.vocabulary(), remade.vocabulary());
        assertEquals(first.config(), remade.config());
        assertEquals(first.testMetrics(), remade.testMetrics());
    }

    @Test
    void keptRunRecordsRegenerateTheSameComparison(@TempDir Path tmp) throws IOException {
        Path a = train(tmp, "a");
        // Run names are unique within one output directory; these two may share a second.
        Path b = Files.move(train(tmp, "b", "--seed", "6"), tmp.resolve("b").resolve("v1-seed6-run"));
        assertEquals(0, run("compare", "--output", tmp.resolve("from-runs").toString(), a.toString(), b.toString()).status(),
                errText());
        Path kept = tmp.resolve("docs/runs");
        assertEquals(0, run("keep", "--into", kept.toString(), a.toString(), b.toString()).status(), errText());
        for (String f : List.of(RunDirectory.CONFIG, RunDirectory.SUMMARY, RunDirectory.EPOCHS, RunDirectory.TEST_METRICS,
                RunDirectory.ERRORS)) {
            assertTrue(Files.isRegularFile(kept.resolve(a.getFileName()).resolve(f)), f);
        }
        assertFalse(Files.exists(kept.resolve(a.getFileName()).resolve(RunDirectory.BEST_MODEL)));
        assertFalse(Files.exists(kept.resolve(a.getFileName()).resolve(RunDirectory.TEST_PREDICTIONS)));
        assertEquals(0, run("compare", "--output", tmp.resolve("from-kept").toString(),
                kept.resolve(a.getFileName()).toString(), kept.resolve(b.getFileName()).toString()).status(), errText());
        assertEquals(tableRows(tmp.resolve("from-runs/results.md")), tableRows(tmp.resolve("from-kept/results.md")));
        // The two runs' rows, and the line of their two seeds' mean and standard deviation.
        assertEquals(3, tableRows(tmp.resolve("from-kept/results.md")).size());

        assertEquals(Cli.FAILED, run("keep", "--into", kept.toString(), a.toString()).status());
        assertTrue(errText().contains("already exists"), errText());
    }

    @Test
    void compareNamesARunThatHasNoFinishedEpoch(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("v1-broken"));
        Files.writeString(dir.resolve(RunDirectory.CONFIG), "version=v1\n");
        Files.writeString(dir.resolve(RunDirectory.SUMMARY), "{\"status\":\"failed\"}");
        assertEquals(Cli.FAILED, run("compare", "--output", tmp.resolve("out").toString(), dir.toString()).status());
        assertEquals("error: run " + dir + " has no finished epoch (status: failed): nothing to compare; leave it out",
                errText().strip());
        assertEquals(Cli.USAGE, run("compare").status());
    }

    @Test
    void settingsListsTheTableTheReadmeShows() throws IOException {
        Cli.Outcome o = run("settings");
        assertEquals(0, o.status(), errText());
        String table = Settings.markdownTable();
        assertTrue(o.result(String.class).startsWith(table));
        Path readme = Path.of("..", "README.md");
        assertTrue(Files.readString(readme).contains(table),
                "README.md's settings table is out of date: paste the output of `imdb-sentiment settings` into it");
    }

    /** The table rows of a results.md, without the run-directory-dependent parts. */
    private static List<String> tableRows(Path md) throws IOException {
        return Files.readAllLines(md).stream().filter(l -> l.startsWith("| v1")).toList();
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName() + ":" + p.toFile().length()).sorted().toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
