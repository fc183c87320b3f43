package org.imdbsentiment.app.reports;

import org.imdbsentiment.app.runs.EpochMetrics;
import org.imdbsentiment.app.runs.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest {

    private static Path fakeRun(Path root, String name, String version, String embedding, String epochsCsv,
                                String metrics) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve(RunDirectory.CONFIG), "version=" + version + "\nembedding=" + embedding + "\n");
        Files.writeString(dir.resolve(RunDirectory.SUMMARY), "{\"status\":\"finished\",\"git_commit\":\"abc\","
                + "\"command\":\"imdb-sentiment --version " + version + "\"}");
        Files.writeString(dir.resolve(RunDirectory.EPOCHS), EpochMetrics.CSV_HEADER + "\n" + epochsCsv);
        if (metrics != null) {
            Files.writeString(dir.resolve(RunDirectory.TEST_METRICS), metrics);
        }
        return dir;
    }

    @Test
    void writesTheTableWithShiftsAgainstV1AndTheCurves(@TempDir Path tmp) throws IOException {
        Path v1 = fakeRun(tmp, "v1-run", "v1", "scratch",
                "1,10,0.69,0.60,0.70,100,10\n2,10,0.50,0.45,0.80,100,10\n3,10,0.40,0.50,0.79,100,10\n",
                "{\"accuracy\":0.8,\"roc_auc\":0.88,\"confusion_matrix\":{\"tn\":10,\"fp\":2,\"fn\":3,\"tp\":9}}");
        Path v2 = fakeRun(tmp, "v2-run", "v2", "glove-trainable", "1,10,0.60,0.50,0.85,100,10\n",
                "{\"accuracy\":0.85,\"roc_auc\":0.9,\"confusion_matrix\":{\"tn\":11,\"fp\":1,\"fn\":5,\"tp\":7}}");
        Path out = tmp.resolve("docs");
        Comparison.write(List.of(v1, v2), out, "imdb-sentiment compare v1-run v2-run");

        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| v1 | embeddings learned from scratch | — | 3 | 80.00% (epoch 2) | 80.00% | 0.8800 | 2 | 3 | — |"), md);
        assertTrue(md.contains("| v2 | GloVe init, trainable | — | 1 | 85.00% (epoch 1) | 85.00% | 0.9000 | 1 | 5 | -1 / +2 |"), md);
        assertTrue(md.contains("imdb-sentiment compare v1-run v2-run"), md);
        assertTrue(md.contains("| 2 | 0.5000 | 0.4500 | 80.00% | 100 | 10 |"), md);
        String json = Files.readString(out.resolve("results.json"));
        assertTrue(json.contains("\"shift_vs_v1\" : {"), json);
        assertTrue(Files.size(out.resolve("validation-curves.png")) > 1000);
    }

    @Test
    void anUnfinishedRunShowsItsEpochs(@TempDir Path tmp) throws IOException {
        Path run = fakeRun(tmp, "v3-run", "v3", "glove-frozen", "1,10,0.69,0.60,0.70,100,10\n", null);
        Files.writeString(run.resolve(RunDirectory.SUMMARY), "{\"status\":\"running\"}");
        Comparison.write(List.of(run), tmp.resolve("out"), "compare", List.of("v3 was stopped by hand."));
        String md = Files.readString(tmp.resolve("out/results.md"));
        assertTrue(md.contains("Notes:\n\n- v3 was stopped by hand.\n"), md);
        assertTrue(md.contains("| v3 | GloVe, frozen | — | 1 (running) | 70.00% (epoch 1) | — | — | — | — | — |"), md);
    }

    @Test
    void eachRunSaysWhichBackendThreadsAndLstmImplementationItUsed(@TempDir Path tmp) throws IOException {
        Path fast = fakeRun(tmp, "fast-run", "v1", "scratch", "1,10,0.69,0.60,0.70,100,10\n", null);
        Files.writeString(fast.resolve(RunDirectory.CONFIG), "version=v1\nembedding=scratch\nlstm=fast\n");
        Files.writeString(fast.resolve(RunDirectory.SUMMARY), "{\"backend\":\"CpuBackend\",\"threads\":1}");
        // A run from before the lstm setting existed used DL4J's layer.
        Path old = fakeRun(tmp, "old-run", "v2", "glove-trainable", "1,10,0.69,0.60,0.70,100,10\n", null);
        Comparison.write(List.of(fast, old), tmp.resolve("out"), "compare");
        String md = Files.readString(tmp.resolve("out/results.md"));
        assertTrue(md.contains("- compute: CpuBackend, 1 thread(s), lstm fast\n"), md);
        assertTrue(md.contains("- compute: backend not recorded, ? thread(s), lstm dl4j\n"), md);
    }

    @Test
    void naiveRunsNameTheirEmbeddingWhenItIsNotV1s(@TempDir Path tmp) throws IOException {
        Path naive = fakeRun(tmp, "naive-run", "naive", "scratch", "1,10,0.69,0.60,0.55,100,10\n", null);
        Path frozen = fakeRun(tmp, "naive-frozen-run", "naive", "glove-frozen", "1,10,0.69,0.60,0.52,100,10\n", null);
        Files.writeString(naive.resolve(RunDirectory.CONFIG), "version=naive\nembedding=scratch\npadding=naive\n");
        Files.writeString(frozen.resolve(RunDirectory.CONFIG), "version=naive\nembedding=glove-frozen\npadding=naive\n");
        Comparison.write(List.of(naive, frozen), tmp.resolve("out"), "compare");
        String md = Files.readString(tmp.resolve("out/results.md"));
        assertTrue(md.contains("| naive | no mask: padded to max length, last padded step | — |"), md);
        assertTrue(md.contains("| naive-glove-frozen | no mask: padded to max length, last padded step; GloVe, frozen | — |"), md);
    }

    @Test
    void runsOnOtherVectorsAndArchitecturesSayWhich(@TempDir Path tmp) throws IOException {
        Path glove = fakeRun(tmp, "g", "v4", "glove-trainable", "1,10,0.69,0.60,0.90,100,10\n", null);
        Path w2v = fakeRun(tmp, "w", "v4", "glove-trainable", "1,10,0.69,0.60,0.91,100,10\n", null);
        Path v5 = fakeRun(tmp, "h", "v5", "glove-trainable", "1,10,0.69,0.60,0.92,100,10\n", null);
        Path ngrams = fakeRun(tmp, "n", "ngrams", "scratch", "1,10,0.69,0.60,0.89,100,10\n", null);
        Path trigrams = fakeRun(tmp, "t", "ngrams", "scratch", "1,10,0.69,0.60,0.89,100,10\n", null);
        for (Path run : List.of(glove, w2v, v5, ngrams, trigrams)) {
            Files.writeString(run.resolve(RunDirectory.CONFIG), "hidden-size=128\nmax-length=400\narchitecture="
                    + (run == v5 ? "hybrid-heads\nngram-weighting=nb" : run == ngrams || run == trigrams ? "ngrams" : "bilstm-pool") + "\n"
                    + (run == trigrams ? "ngram-order=3\n" : run == ngrams ? "ngram-order=2\n" : ""),
                    java.nio.file.StandardOpenOption.APPEND);
        }
        String coverage = "{\"file\":\"%s\",\"vocabulary_size\":10,\"matched\":9,\"matched_percent\":90.0}";
        Files.writeString(glove.resolve(RunDirectory.GLOVE_COVERAGE), coverage.formatted("../shared/data/glove.6B.100d.341k.zip"));
        Files.writeString(w2v.resolve(RunDirectory.GLOVE_COVERAGE), coverage.formatted("vectors/imdb-word2vec.100d.txt"));
        Files.writeString(v5.resolve(RunDirectory.GLOVE_COVERAGE), coverage.formatted("vectors/imdb-word2vec.100d.txt"));
        Comparison.write(List.of(glove, w2v, v5, ngrams, trigrams), tmp.resolve("out"), "compare");
        String md = Files.readString(tmp.resolve("out/results.md"));
        // v4 names the word2vec vectors as its own: the run on GloVe is the one that says so
        assertTrue(md.contains("| v4-glove | BiLSTM 128x2, max+mean pooled; GloVe init, trainable, 400 tokens | 9 / 10 (90.00%) |"), md);
        assertTrue(md.contains("| v4 | BiLSTM 128x2, max+mean pooled; imdb-word2vec init, trainable, 400 tokens |"), md);
        assertTrue(md.contains("| v5 | BiLSTM 128x2 pooled and bag of n-grams (NB-weighted), a logit and a loss each, "
                + "log-odds averaged; imdb-word2vec init, trainable, 400 tokens |"), md);
        // the ngrams file says ngram-order=3: a bigram run is labelled by its difference
        assertTrue(md.contains("| ngrams | bag of unigrams + hashed bigrams + trigrams alone, 400 tokens | — |"), md);
        assertTrue(md.contains("| ngrams-ngram-order2 | bag of unigrams + hashed bigrams alone, 400 tokens | — |"), md);
    }

    @Test
    void labelsCanBeGivenForTheRunAVersionWasChosenFrom(@TempDir Path tmp) throws IOException {
        Path a = fakeRun(tmp, "a", "v4", "glove-trainable", "1,10,0.69,0.60,0.90,100,10\n", null);
        Path b = fakeRun(tmp, "b", "v4", "glove-trainable", "1,10,0.69,0.60,0.91,100,10\n", null);
        Comparison.write(List.of(a, b), tmp.resolve("out"), "compare", List.of(), Map.of(b, "v4", a, "v4-glove"));
        String md = Files.readString(tmp.resolve("out/results.md"));
        assertTrue(md.contains("| v4 | GloVe init, trainable"), md);
        assertTrue(md.contains("| v4-glove | GloVe init, trainable"), md);
        assertTrue(md.indexOf("| v4-glove |") < md.indexOf("| v4 |"), "order of the runs kept");
        IllegalArgumentException same = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Comparison.write(List.of(a, b), tmp.resolve("out2"), "compare", List.of(), Map.of(a, "v4-2")));
        assertTrue(same.getMessage().contains("share a label"), same.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Comparison.write(List.of(a), tmp.resolve("out3"), "compare", List.of(), Map.of(a, "v4 glove")));
    }

    @Test
    void runsOfOneVersionWithOtherSeedsAreLabelledWithTheirSeed(@TempDir Path tmp) throws IOException {
        Path a = fakeRun(tmp, "a", "v1", "scratch", "1,10,0.69,0.60,0.70,100,10\n", null);
        Path b = fakeRun(tmp, "b", "v1", "scratch", "1,10,0.69,0.60,0.71,100,10\n", null);
        Files.writeString(b.resolve(RunDirectory.CONFIG), "version=v1\nembedding=scratch\nseed=7\n");
        Comparison.write(List.of(a, b), tmp.resolve("out"), "compare");
        String md = Files.readString(tmp.resolve("out/results.md"));
        assertTrue(md.contains("| v1 | embeddings learned from scratch |"), md);
        assertTrue(md.contains("| v1-seed7 | embeddings learned from scratch |"), md);
        assertTrue(md.contains("## v1-seed7: embeddings learned from scratch"), md);
    }

    @Test
    void runsThatDifferOnlyInTheirSeedGetMeanAndStandardDeviation(@TempDir Path tmp) throws IOException {
        String metrics = "{\"accuracy\":%s,\"roc_auc\":0.9,\"confusion_matrix\":{\"tn\":1,\"fp\":1,\"fn\":1,\"tp\":1}}";
        Path a = fakeRun(tmp, "a", "v1", "scratch", "1,10,0.69,0.60,0.80,100,10\n", metrics.formatted("0.80"));
        Path b = fakeRun(tmp, "b", "v1", "scratch", "1,10,0.69,0.60,0.82,100,10\n", metrics.formatted("0.84"));
        Files.writeString(b.resolve(RunDirectory.CONFIG), "version=v1\nembedding=scratch\nseed=7\n");
        Path c = fakeRun(tmp, "c", "v2", "glove-trainable", "1,10,0.69,0.60,0.85,100,10\n", null);
        Comparison.write(List.of(a, b, c), tmp.resolve("out"), "compare");
        String md = Files.readString(tmp.resolve("out/results.md"));
        // Test 80% and 84%: mean 82%, sample sd 2.83 points; validation 80% and 82%: 81%, 1.41.
        assertTrue(md.contains("| v1 | 7, 42 | 81.00% ± 1.41 (n = 2) | 82.00% ± 2.83 (n = 2) |"), md);
        // the same line whatever the order of the runs
        Comparison.write(List.of(b, c, a), tmp.resolve("out2"), "compare");
        assertTrue(Files.readString(tmp.resolve("out2/results.md")).contains("| v1 | 7, 42 | 81.00% ± 1.41 (n = 2) |"));
        assertFalse(md.contains("| v2 | 42"), "a configuration with one seed has no line: " + md);
    }

    @Test
    void bestEpochIsTheFirstWithTheHighestValidationAccuracy() {
        assertEquals(2, EpochMetrics.best(List.of(new EpochMetrics(1, 1, 0, 0, 0.5, 0, 0),
                new EpochMetrics(2, 1, 0, 0, 0.7, 0, 0), new EpochMetrics(3, 1, 0, 0, 0.7, 0, 0))));
    }

    @Test
    void twoRunsOfTheSameVersionAndSeedKeepTheirOwnLabelsAndCharts(@TempDir Path tmp) throws IOException {
        Path a = fakeRun(tmp, "a", "v1", "scratch", "1,10,0.69,0.60,0.70,100,10\n", null);
        Path b = fakeRun(tmp, "b", "v1", "scratch", "1,10,0.69,0.60,0.71,100,10\n", null);
        Files.write(a.resolve(RunDirectory.LEARNING_CURVES), new byte[] {1});
        Files.write(b.resolve(RunDirectory.LEARNING_CURVES), new byte[] {2});
        Comparison.write(List.of(a, b), tmp.resolve("out"), "compare");
        String md = Files.readString(tmp.resolve("out/results.md"));
        assertTrue(md.contains("| v1 | embeddings learned from scratch |"), md);
        assertTrue(md.contains("| v1-2 | embeddings learned from scratch |"), md);
        assertEquals(1, Files.readAllBytes(tmp.resolve("out/v1-learning-curves.png"))[0]);
        assertEquals(2, Files.readAllBytes(tmp.resolve("out/v1-2-learning-curves.png"))[0]);
    }

    @Test
    void aSettingTheRunRecordedOtherThanItsVersionIsInItsLabel(@TempDir Path tmp) throws IOException {
        Path a = fakeRun(tmp, "a", "v1", "scratch", "1,10,0.69,0.60,0.70,100,10\n", null);
        Files.writeString(a.resolve(RunDirectory.CONFIG), "version=v1\nembedding=scratch\nlstm=dl4j\nmax-length=400\nthreads=2\n");
        Comparison.write(List.of(a), tmp.resolve("out"), "compare");
        String md = Files.readString(tmp.resolve("out/results.md"));
        assertTrue(md.contains("| v1-max-length400-lstmdl4j |"), md);
    }

    @Test
    void validatedRunsOfAFinalFitVersionAreLabelledValidatedAndItsFinalFitsHaveNoValidationColumn(@TempDir Path tmp)
            throws IOException {
        String metrics = "{\"accuracy\":%s,\"roc_auc\":0.9,\"confusion_matrix\":{\"tn\":1,\"fp\":1,\"fn\":1,\"tp\":1}}";
        // v4's file says validation-size=0 and epochs=5: its validated runs recorded the defaults
        Path validated = fakeRun(tmp, "a", "v4", "glove-trainable", "1,10,0.69,0.60,0.80,100,10\n", metrics.formatted("0.80"));
        Files.writeString(validated.resolve(RunDirectory.CONFIG), "version=v4\nembedding=glove-trainable\n"
                + "validation-size=5000\nepochs=15\nseed=1\n");
        Path otherLimit = fakeRun(tmp, "b", "v4", "glove-trainable", "1,10,0.69,0.60,0.80,100,10\n", null);
        Files.writeString(otherLimit.resolve(RunDirectory.CONFIG), "version=v4\nembedding=glove-trainable\n"
                + "validation-size=5000\nepochs=3\n");
        Path finalFit = fakeRun(tmp, "c", "v4", "glove-trainable", "1,12,0.50,NaN,NaN,100,0\n2,12,0.40,NaN,NaN,100,0\n",
                metrics.formatted("0.90"));
        Files.writeString(finalFit.resolve(RunDirectory.CONFIG), "version=v4\nembedding=glove-trainable\n"
                + "validation-size=0\nepochs=2\n");
        Comparison.write(List.of(validated, otherLimit, finalFit), tmp.resolve("out"), "compare");
        String md = Files.readString(tmp.resolve("out/results.md"));
        assertTrue(md.contains("\n| v4-validated-seed1 | "), md);
        assertTrue(md.contains("\n| v4-validation-size5000-epochs3 | "), md);
        assertTrue(md.contains("\n| v4 | ") && md.contains("; final fit: every training review, 2 epochs | ")
                && md.contains("| 2 | — (final fit, last epoch 2) | 90.00% |"), md);
        assertTrue(md.contains("- wall time per epoch: 100 s training, no validation (mean of 2)"), md);
        assertTrue(Files.exists(tmp.resolve("out/validation-curves.png")));
    }

    @Test
    void aRunThatKeptAWeightAverageSaysSoAndOneThatPredatesTheSettingIsLabelledApart(@TempDir Path tmp) throws IOException {
        String metrics = "{\"accuracy\":0.9,\"roc_auc\":0.9,\"confusion_matrix\":{\"tn\":1,\"fp\":1,\"fn\":1,\"tp\":1}}";
        // v5's file says weight-average-decay=0.998; an earlier run's kept config says 0.0 (added by hand)
        Path averaged = fakeRun(tmp, "a", "v5", "glove-trainable", "1,12,0.50,NaN,NaN,100,0\n", metrics);
        Files.writeString(averaged.resolve(RunDirectory.CONFIG), "version=v5\nembedding=glove-trainable\n"
                + "validation-size=0\nweight-average-decay=0.998\n");
        Path earlier = fakeRun(tmp, "b", "v5", "glove-trainable", "1,12,0.50,NaN,NaN,100,0\n", metrics);
        Files.writeString(earlier.resolve(RunDirectory.CONFIG), "version=v5\nembedding=glove-trainable\n"
                + "validation-size=0\nweight-average-decay=0.0\n");
        Comparison.write(List.of(averaged, earlier), tmp.resolve("out"), "compare");
        String md = Files.readString(tmp.resolve("out/results.md"));
        assertTrue(md.contains("\n| v5 | ") && md.contains("; weights averaged (EMA 0.998); final fit: every training review"), md);
        String earlierRow = md.lines().filter(l -> l.startsWith("| v5-weight-average-decay0.0 | ")).findFirst().orElseThrow();
        assertFalse(earlierRow.contains("weights averaged"), earlierRow);
    }

    @Test
    void aTaughtRunNamesItsTeachersRunInItsLabelAndSaysWhatItLearnedFrom(@TempDir Path tmp) throws IOException {
        // v1 names no teacher: a taught v1 says whose labels it learned from
        Path taught = fakeRun(tmp, "a", "v1", "scratch", "1,10,0.69,0.60,0.80,100,10\n", null);
        Files.writeString(taught.resolve(RunDirectory.CONFIG), "version=v1\nembedding=scratch\n"
                + "teacher=elsewhere/v5-20261130-134022/model.zip\n");
        Files.writeString(taught.resolve(RunDirectory.TEACHER), "{\"teacher_run\" : \"v5-20261130-134022\"}");
        // v4 names one (v5-model.zip): a run taught by another file of it is plain v4, one without a teacher says so
        Path v4 = fakeRun(tmp, "b", "v4", "glove-trainable", "1,10,0.69,0.60,0.80,100,10\n", null);
        Files.writeString(v4.resolve(RunDirectory.CONFIG), "version=v4\nembedding=glove-trainable\n"
                + "teacher=runs/v5-20261130-142829\nteacher-targets=probabilities\n");
        Path untaught = fakeRun(tmp, "c", "v4", "glove-trainable", "1,10,0.69,0.60,0.80,100,10\n", null);
        Files.writeString(untaught.resolve(RunDirectory.CONFIG), "version=v4\nembedding=glove-trainable\nteacher=\n");
        Comparison.write(List.of(taught, v4, untaught), tmp.resolve("out"), "compare");
        String md = Files.readString(tmp.resolve("out/results.md"));
        assertTrue(md.contains("\n| v1-teacher-v5-20261130-134022 | ") && md.contains("\n| v4 | ")
                && md.contains("\n| v4-no-teacher | "), md);
        assertTrue(md.contains("; + unlabelled reviews labelled by v5-20261130-134022")
                && md.contains("; + unlabelled reviews fitted to the probabilities of v5-20261130-142829"), md);
        assertEquals("teacher.zip", Comparison.teacherName(Path.of("teacher.zip")));
    }

    @Test
    void aRunWhoseTeacherTaughtOneSideOnlySaysSo(@TempDir Path tmp) throws IOException {
        Path run = fakeRun(tmp, "a", "v5", "glove-trainable", "1,10,0.69,0.60,0.80,100,10\n", null);
        Files.writeString(run.resolve(RunDirectory.CONFIG), "version=v5\nembedding=glove-trainable\n"
                + "architecture=hybrid-heads\nteacher=runs/v5-20261130-184938\nteacher-targets=probabilities\n"
                + "teacher-branches=lstm\n");
        Comparison.write(List.of(run), tmp.resolve("out"), "compare");
        String md = Files.readString(tmp.resolve("out/results.md"));
        assertTrue(md.contains("; + unlabelled reviews fitted to the probabilities of v5-20261130-184938 (LSTM side only)"), md);
    }
}
