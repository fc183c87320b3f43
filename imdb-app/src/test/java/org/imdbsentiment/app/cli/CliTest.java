package org.imdbsentiment.app.cli;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.app.runs.EpochMetrics;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.data.MiniImdb;
import org.imdbsentiment.data.Progress;
import org.imdbsentiment.data.SharedData;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.imdbsentiment.model.config.Setting;
import org.imdbsentiment.model.config.Settings;
import org.imdbsentiment.model.pipeline.SentimentPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line, run in-process as a user would run it, asserting on what it leaves behind. */
class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Properties system, String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), InputStream.nullInputStream(), system,
                Progress.Factory.NONE).execute(args);
    }

    private int run(String... args) {
        return run(new Properties(), args);
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The one run directory under {@code output} (the test fails if there is not exactly one). */
    static Path onlyRunDirectory(Path output) throws IOException {
        try (Stream<Path> s = Files.list(output)) {
            List<Path> dirs = s.toList();
            assertEquals(1, dirs.size(), dirs.toString());
            return dirs.get(0);
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void trainsOnASliceOfTheRealArchiveAndWritesARunDirectory(@TempDir Path output) throws IOException {
        Path archive = SharedData.require(SharedData.IMDB_ARCHIVE);
        int status = run("--version", "v1", "--data", archive.toString(), "--output", output.toString(),
                "--max-batches", "2", "--epochs", "2", "--seed", "7");
        assertEquals(0, status, errText());

        Path runDir = onlyRunDirectory(output);
        assertTrue(runDir.getFileName().toString().startsWith("v1-"), runDir.toString());
        Properties config = load(runDir.resolve(RunDirectory.CONFIG));
        assertEquals("7", config.getProperty("seed"));
        assertEquals("scratch", config.getProperty("embedding"));
        assertEquals("25000", config.getProperty("vocab-size"));
        assertEquals(archive.toString(), config.getProperty("data"));

        Vocabulary vocabulary = Vocabulary.load(runDir.resolve(RunDirectory.VOCABULARY));
        assertEquals(25_002, vocabulary.size());
        assertEquals("the", vocabulary.token(2));
        assertEquals(5_000, Files.readAllLines(runDir.resolve(RunDirectory.VALIDATION_IDS)).size());

        List<String> epochs = Files.readAllLines(runDir.resolve(RunDirectory.EPOCHS));
        assertEquals(EpochMetrics.CSV_HEADER, epochs.get(0));
        assertEquals(3, epochs.size());
        assertTrue(epochs.get(1).startsWith("1,2,"), epochs.get(1));

        ComputationGraph best = ComputationGraph.load(runDir.resolve(RunDirectory.BEST_MODEL).toFile(), false);
        assertEquals(25_002L * 100 + 4L * 256 * (100 + 256 + 1) + 257, best.numParams());

        String metrics = Files.readString(runDir.resolve(RunDirectory.TEST_METRICS));
        assertTrue(metrics.contains("\"reviews\" : 128"), metrics);
        String summary = Files.readString(runDir.resolve(RunDirectory.SUMMARY));
        assertTrue(summary.contains("\"status\" : \"finished\""), summary);
        assertTrue(summary.contains("\"seed\" : 7"), summary);
        assertTrue(summary.contains("\"git_commit\""), summary);
        assertTrue(summary.contains("\"epochs_run\" : 2"), summary);
    }

    /** `benchmark` of a tiny model on mini data: 3 timed minibatches after 1 warm-up, and {@code extra} options. */
    private int benchmarkMini(Path tmp, String... extra) throws IOException {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 40);
        List<String> args = new java.util.ArrayList<>(List.of("benchmark", "--data", data.toString(), "--validation-size", "16",
                "--batch-size", "8", "--vocab-size", "30", "--embedding-size", "8", "--hidden-size", "8", "--batches", "3",
                "--warmup", "1"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Test
    void benchmarkPrintsOneJsonLineWithTimingsThroughputAndSettings(@TempDir Path tmp) throws IOException {
        int status = benchmarkMini(tmp, "--lstm", "dl4j");
        assertEquals(0, status, errText());
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(0));
        assertEquals(3, json.at("/train/batches").asInt());
        assertEquals(1, json.at("/warmup_batches").asInt());
        assertEquals(3, json.at("/inference/batches").asInt());
        assertEquals(3, json.at("/single_review/batches").asInt());
        assertTrue(json.at("/train/real_tokens_per_s").asLong() > 0, lines.get(0));
        assertTrue(json.at("/train/ms_min").asDouble() <= json.at("/train/ms_median").asDouble(), lines.get(0));
        assertTrue(json.at("/train/padding_overhead").asDouble() >= 1.0, lines.get(0));
        // A vocabulary of 30 words: minibatches of 8 reviews repeat words, and the padding is one id.
        double distinct = json.at("/train/distinct_token_share").asDouble();
        assertTrue(distinct > 0 && distinct < 0.5, lines.get(0));
        assertTrue(json.at("/epoch_estimate_s").asDouble() > 0, lines.get(0));
        assertTrue(json.at("/epoch_real_tokens").asLong() > 0, lines.get(0));
        assertTrue(json.at("/epoch_padded_tokens").asLong() >= json.at("/epoch_real_tokens").asLong(), lines.get(0));
        assertEquals("dl4j", json.at("/settings/lstm").asText());
        assertEquals("bucketed", json.at("/settings/batching").asText());
        assertEquals(1, json.at("/threads").asInt());
        assertEquals("CpuBackend", json.at("/backend").asText());
        assertTrue(json.at("/epoch_estimate_excludes").isMissingNode(), lines.get(0));
        // Before the warm-up, as a run before its first minibatch: DL4J's workspaces sized (TrainingWorkspaces).
        assertTrue(json.at("/workspaces_presized_ms").asDouble() > 0, lines.get(0));
    }

    @Test
    void benchmarkOfATaughtRunSaysItsEpochEstimateLeavesOutTheTeachersReviews(@TempDir Path tmp) throws IOException {
        assertEquals(0, benchmarkMini(tmp, "--teacher", "v5-model.zip"), errText());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8).strip());
        assertEquals("the teacher's unlabelled reviews", json.at("/epoch_estimate_excludes").asText());
    }

    @Test
    void benchmarkOfAFinalFitTimesItsInferenceOnTrainingReviews(@TempDir Path tmp) throws IOException {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 40);
        assertEquals(0, run("benchmark", "--data", data.toString(), "--validation-size", "0", "--batch-size", "8",
                "--vocab-size", "30", "--embedding-size", "8", "--hidden-size", "8", "--batches", "3", "--warmup", "1"),
                errText());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8).strip());
        assertEquals(3, json.at("/inference/batches").asInt());
        assertTrue(json.at("/epoch_estimate_s").asDouble() > 0, json.toString());
    }

    @Test
    void benchmarkTimesDataParallelTrainingWithWorkers(@TempDir Path tmp) throws IOException {
        int status = benchmarkMini(tmp, "--workers", "2");
        assertEquals(0, status, errText());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8).strip());
        assertEquals(2, json.at("/workers").asInt());
        assertEquals("averaging", json.at("/parallel_mode").asText());
        assertEquals(6, json.at("/train/batches").asInt(), "3 minibatches for each of the two workers");
        assertTrue(json.at("/workspaces_presized_ms").isMissingNode(), "ParallelWrapper's workers size their own");
        assertTrue(json.at("/train/real_tokens_per_s").asLong() > 0);
    }

    @Test
    void benchmarkTimesTheWeightAveragesUpdateWithEveryTrainingMinibatch(@TempDir Path tmp) throws IOException {
        assertEquals(0, benchmarkMini(tmp, "--weight-average-decay", "0.9"), errText());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8).strip());
        assertEquals(0.9, json.at("/weight_average/decay").asDouble());
        assertEquals(4, json.at("/weight_average/minibatches_averaged").asInt(), "the warm-up minibatch and the 3 timed");
    }

    @Test
    void benchmarkRefusesZeroBatches(@TempDir Path tmp) throws IOException {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 4);
        assertEquals(2, run("benchmark", "--data", data.toString(), "--batches", "0"));
        assertEquals(1, errText().lines().count(), errText());
        assertTrue(errText().contains("--batches"), errText());
    }

    @Test
    void trainsToTheEndOnAMiniDataSetAndKeepsTheBestEpoch(@TempDir Path tmp) throws IOException {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 40);
        Path output = tmp.resolve("runs");
        int status = run("--data", data.toString(), "--output", output.toString(), "--validation-size", "16",
                "--batch-size", "8", "--vocab-size", "30", "--embedding-size", "8", "--hidden-size", "8",
                "--epochs", "3", "--learning-rate", "0.01");
        assertEquals(0, status, errText());
        Path runDir = onlyRunDirectory(output);
        assertEquals(32, Vocabulary.load(runDir.resolve(RunDirectory.VOCABULARY)).size());
        assertEquals(4, Files.readAllLines(runDir.resolve(RunDirectory.EPOCHS)).size());
        String metrics = Files.readString(runDir.resolve(RunDirectory.TEST_METRICS));
        assertTrue(metrics.contains("\"reviews\" : 80"), metrics);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Run directory: " + runDir));
    }

    @Test
    void v2StartsFromTheSharedGlovePrefixAndReportsItsCoverage(@TempDir Path output) throws IOException {
        Path archive = SharedData.require(SharedData.IMDB_ARCHIVE);
        Path glove = SharedData.require("glove.6B.100d.top2716.txt");
        int status = run("--version", "v2", "--data", archive.toString(), "--glove", glove.toString(),
                "--output", output.toString(), "--max-batches", "1", "--epochs", "1");
        assertEquals(0, status, errText());
        Path runDir = onlyRunDirectory(output);
        assertEquals("glove-trainable", load(runDir.resolve(RunDirectory.CONFIG)).getProperty("embedding"));
        String coverage = Files.readString(runDir.resolve(RunDirectory.GLOVE_COVERAGE));
        assertTrue(coverage.contains("\"lines_read\" : 2716"), coverage);
        assertTrue(coverage.contains("\"vocabulary_size\" : 25002"), coverage);
        assertTrue(coverage.contains("\"most_frequent_unmatched\""), coverage);
        // The prefix holds the 2,716 most frequent GloVe words; most of them are in IMDB's vocabulary.
        int matched = Integer.parseInt(coverage.replaceAll("(?s).*\"matched\" : (\\d+).*", "$1"));
        assertTrue(matched > 2000 && matched <= 2716, coverage);
    }

    private static Path miniGlove(Path dir, int dimension) throws IOException {
        StringBuilder sb = new StringBuilder();
        String[] words = {"a", "film", "number", "wonderful", "awful", "great", "terrible", "!", ".", ","};
        for (int w = 0; w < words.length; w++) {
            sb.append(words[w]);
            for (int d = 0; d < dimension; d++) {
                sb.append(' ').append((w * 0.1 - d * 0.05));
            }
            sb.append('\n');
        }
        return Files.writeString(dir.resolve("glove.txt"), sb.toString());
    }

    /**
     * Trains {@code version} on the mini reviews with the mini GloVe file (16 validation reviews, batches of 8,
     * hidden size 8, then {@code extra}), which must succeed; its run directory.
     */
    private Path trainMiniWithGlove(Path tmp, String version, String... extra) throws IOException {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 40);
        Path output = tmp.resolve("runs");
        List<String> args = new java.util.ArrayList<>(List.of("--version", version, "--data", data.toString(), "--glove",
                miniGlove(tmp, 100).toString(), "--output", output.toString(), "--validation-size", "16",
                "--batch-size", "8", "--hidden-size", "8"));
        args.addAll(List.of(extra));
        assertEquals(0, run(args.toArray(String[]::new)), errText());
        return onlyRunDirectory(output);
    }

    @Test
    void v3TrainsWithAFrozenGloveEmbedding(@TempDir Path tmp) throws IOException {
        Path runDir = trainMiniWithGlove(tmp, "v3", "--epochs", "2");
        ComputationGraph best = ComputationGraph.load(runDir.resolve(RunDirectory.BEST_MODEL).toFile(), false);
        assertTrue(best.getLayer("embedding") instanceof org.deeplearning4j.nn.layers.FrozenLayer);
        String coverage = Files.readString(runDir.resolve(RunDirectory.GLOVE_COVERAGE));
        assertTrue(coverage.contains("\"lines_read\" : 10"), coverage);
        // The mini file lacks frequent words of the mini reviews ("it", "hated"): named in the report.
        assertTrue(coverage.matches("(?s).*\"missing_frequent_words\" : \\[[^]]*\"it\".*"), coverage);
    }

    @Test
    void v4TrainsABidirectionalPooledModelEndToEnd(@TempDir Path tmp) throws IOException {
        Path runDir = trainMiniWithGlove(tmp, "v4", "--epochs", "2", "--teacher", "");
        ModelBundle bundle = ModelBundle.read(runDir.resolve(RunDirectory.MODEL_BUNDLE));
        assertEquals(org.imdbsentiment.model.Architecture.BILSTM_POOL, bundle.config().get(Settings.ARCHITECTURE));
        assertEquals(0.5, bundle.config().get(Settings.DROPOUT));
        assertTrue(bundle.graph().getConfiguration().getVertices().containsKey(org.imdbsentiment.model.SentimentGraph.POOL));
        assertEquals(1, bundle.pipeline().predict(bundle.graph(), List.of("a great film")).size());
        assertAnswersPredictByModel(runDir.resolve(RunDirectory.MODEL_BUNDLE), "v4");
    }

    @Test
    void aV5BundleAnswersPredictByModel(@TempDir Path tmp) throws IOException {
        Path runDir = trainMiniWithGlove(tmp, "v5", "--epochs", "1", "--teacher", "", "--ngram-buckets", "64");
        assertAnswersPredictByModel(runDir.resolve(RunDirectory.MODEL_BUNDLE), "v5");
    }

    /** {@code predict --model bundle --json} answers two reviews with a probability each, from a bundle of {@code version}. */
    private void assertAnswersPredictByModel(Path bundle, String version) throws IOException {
        out.reset();
        assertEquals(0, run("predict", "--model", bundle.toString(), "--json", "a great film", "a dull film"),
                version + ": " + errText());
        String json = out.toString(StandardCharsets.UTF_8);
        assertEquals(2, json.split("\"probability_positive\"", -1).length - 1, version + ": " + json);
        assertEquals(version, ModelBundle.read(bundle).config().version(), version);
    }

    @Test
    void aGloveFileOfTheWrongDimensionIsAOneLineErrorWithTheLine(@TempDir Path tmp) throws IOException {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 4);
        Path glove = miniGlove(tmp, 50);
        int status = run("--version", "v2", "--data", data.toString(), "--glove", glove.toString(),
                "--output", tmp.resolve("runs").toString(), "--validation-size", "2");
        assertEquals(Cli.FAILED, status);
        assertEquals("error: malformed GloVe file " + glove + " line 1: 50 numbers, expected 100", errText().strip());
    }

    @Test
    void aMissingGloveFileIsAOneLineError(@TempDir Path tmp) throws IOException {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 4);
        int status = run("--version", "v3", "--data", data.toString(), "--glove", tmp.resolve("none.txt").toString(),
                "--output", tmp.resolve("runs").toString(), "--validation-size", "2");
        assertEquals(Cli.FAILED, status);
        assertEquals(1, errText().strip().lines().count(), errText());
        assertTrue(errText().startsWith("error: pretrained vectors not found: " + tmp.resolve("none.txt")), errText());
    }

    private Path trainMini(Path tmp, String... extra) throws IOException {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 40);
        Path output = tmp.resolve("runs");
        List<String> args = new java.util.ArrayList<>(List.of("--data", data.toString(), "--output", output.toString(),
                "--validation-size", "16", "--batch-size", "8", "--vocab-size", "30", "--embedding-size", "8",
                "--hidden-size", "8", "--epochs", "2", "--learning-rate", "0.01"));
        args.addAll(List.of(extra));
        assertEquals(0, run(args.toArray(String[]::new)), errText());
        return onlyRunDirectory(output);
    }

    /** The arguments of a 3-epoch final fit of a small model on 80 mini training reviews, output in tmp/runs. */
    private static String[] miniFinalFit(Path tmp, String... more) throws IOException {
        return miniFinalFit(tmp, 3, more);
    }

    private static String[] miniFinalFit(Path tmp, int epochs, String... more) throws IOException {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 40);
        return Stream.concat(Stream.of("--data", data.toString(), "--output", tmp.resolve("runs").toString(),
                "--validation-size", "0", "--batch-size", "8", "--vocab-size", "30", "--embedding-size", "8",
                "--hidden-size", "8", "--epochs", Integer.toString(epochs), "--learning-rate", "0.01"), Stream.of(more))
                .toArray(String[]::new);
    }

    @Test
    void aFinalFitTrainsOnEveryTrainingReviewForExactlyItsEpochsAndKeepsTheLast(@TempDir Path tmp) throws IOException {
        // patience 1 would end a validated run after its first epoch without a better score
        assertEquals(0, run(miniFinalFit(tmp, "--patience", "1")), errText());
        Path runDir = onlyRunDirectory(tmp.resolve("runs"));
        List<EpochMetrics> epochs = RunDirectory.existing(runDir).epochs();
        assertEquals(3, epochs.size());
        assertTrue(epochs.stream().noneMatch(EpochMetrics::validated), epochs.toString());
        assertEquals(List.of(""), Files.readAllLines(runDir.resolve(RunDirectory.VALIDATION_IDS)));
        String summary = Files.readString(runDir.resolve(RunDirectory.SUMMARY));
        assertTrue(summary.contains("\"train\" : 80") && summary.contains("\"validation\" : 0"), summary);
        assertTrue(summary.contains("\"best_epoch\" : 3"), summary);
        assertFalse(summary.contains("best_val_accuracy"), summary);
        // the model kept is the last epoch's, not the first one's: DL4J's trainer counts an epoch after
        // its model is saved, so the third epoch's model says 2 (the first's would say 0)
        assertEquals(2, ComputationGraph.load(runDir.resolve(RunDirectory.BEST_MODEL).toFile(), false)
                .getConfiguration().getEpochCount());
        String metrics = Files.readString(runDir.resolve(RunDirectory.TEST_METRICS));
        assertTrue(metrics.contains("\"reviews\" : 80"), metrics);

        Path compared = tmp.resolve("compared");
        assertEquals(0, run("compare", "--output", compared.toString(), runDir.toString()), errText());
        String results = Files.readString(compared.resolve("results.md"));
        assertTrue(results.contains("| — (final fit, last epoch 3) |"), results);
        assertTrue(results.contains("| 3 | ") && results.contains(" | — | — | "), results);
        assertTrue(Files.readString(compared.resolve("results.json")).contains("\"best_val_accuracy\" : null"));
    }

    @Test
    void aLinearDecayReachesZeroWithTheRunsLastMinibatch(@TempDir Path tmp) throws IOException {
        assertEquals(0, run(miniFinalFit(tmp, "--learning-rate-schedule", "linear-decay")), errText());
        Path runDir = onlyRunDirectory(tmp.resolve("runs"));
        ComputationGraph kept = ComputationGraph.load(runDir.resolve(RunDirectory.BEST_MODEL).toFile(), false);
        // 80 training reviews in minibatches of 8: 10 per epoch, 30 in all, the last at rate 0.01 / 30
        assertEquals(30, kept.getConfiguration().getIterationCount());
        assertEquals(0.0, kept.getLearningRate(SentimentGraph.OUTPUT), 1e-15);
        kept.getConfiguration().setIterationCount(29);
        assertEquals(0.01 / 30, kept.getLearningRate(SentimentGraph.OUTPUT), 1e-12);
        assertTrue(Files.readString(runDir.resolve(RunDirectory.CONFIG)).contains("learning-rate-schedule=linear-decay"));
    }

    /** Settings that follow one model's minibatches, which ParallelWrapper's workers split between copies. */
    @ParameterizedTest
    @CsvSource({"learning-rate-schedule, linear-decay, learning-rate-schedule linear-decay",
            "weight-average-decay, 0.99, weight-average-decay"})
    void settingsThatFollowTheMinibatchesAreRefusedWithSeveralWorkers(String key, String value, String named,
                                                                    @TempDir Path tmp) throws IOException {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 10);
        assertEquals(Cli.USAGE, run("--data", data.toString(), "--output", tmp.resolve("runs").toString(),
                "--workers", "2", "--" + key, value));
        assertEquals("error: " + named + " needs workers 1 (was 2)", errText().strip());
        assertTrue(Files.notExists(tmp.resolve("runs")) || Files.list(tmp.resolve("runs")).findAny().isEmpty());
    }

    @Test
    void aWeightAveragedRunKeepsTheBiasCorrectedAverageOfItsMinibatchesParameters(@TempDir Path tmp) throws IOException {
        // The same seed trains the same first minibatches, so after one and two of them the parameters are p1
        // and p2, and the average with decay d kept after two is (d (1-d) p1 + (1-d) p2) / (1 - d^2).
        INDArray p1 = finalFitParameters(tmp.resolve("one"), "--max-batches", "1");
        INDArray p2 = finalFitParameters(tmp.resolve("two"), "--max-batches", "2");
        INDArray averaged = finalFitParameters(tmp.resolve("averaged"), "--max-batches", "2", "--weight-average-decay", "0.25");
        INDArray expected = p1.mul(0.25).addi(p2).divi(1.25);
        assertTrue(expected.equalsWithEps(averaged, 1e-6), "kept " + averaged + ", expected " + expected);
        assertFalse(p2.equalsWithEps(averaged, 1e-4), "the average is not the last minibatch's parameters");
        Path runDir = onlyRunDirectory(tmp.resolve("averaged/runs"));
        assertTrue(Files.readString(runDir.resolve(RunDirectory.CONFIG)).contains("weight-average-decay=0.25"));
    }

    /** The parameters a one-epoch final fit keeps. */
    private INDArray finalFitParameters(Path tmp, String... more) throws IOException {
        assertEquals(0, run(miniFinalFit(tmp, 1, more)), errText());
        Path runDir = onlyRunDirectory(tmp.resolve("runs"));
        return ComputationGraph.load(runDir.resolve(RunDirectory.BEST_MODEL).toFile(), false).params();
    }

    @Test
    void aTrainedRunHasItsReportAndCharts(@TempDir Path tmp) throws IOException {
        Path runDir = trainMini(tmp);
        String metrics = Files.readString(runDir.resolve(RunDirectory.TEST_METRICS));
        for (String key : List.of("\"roc_auc\"", "\"precision\"", "\"recall\"", "\"f1\"", "\"best_val_accuracy\"")) {
            assertTrue(metrics.contains(key), key + " in " + metrics);
        }
        assertEquals(81, Files.readAllLines(runDir.resolve(RunDirectory.TEST_PREDICTIONS)).size());
        assertTrue(Files.readString(runDir.resolve(RunDirectory.ERRORS)).startsWith("# Most confident mistakes of v1"));
        assertTrue(Files.size(runDir.resolve(RunDirectory.LEARNING_CURVES)) > 1000);
        assertTrue(Files.size(runDir.resolve(RunDirectory.CONFUSION_MATRIX)) > 1000);
    }

    @Test
    void predictGivesTheSameProbabilityAsTheEvaluation(@TempDir Path tmp) throws IOException {
        Path runDir = trainMini(tmp);
        String line = Files.readAllLines(runDir.resolve(RunDirectory.TEST_PREDICTIONS)).stream()
                .filter(l -> l.startsWith("test/pos/3_")).findFirst().orElseThrow();
        double expected = Double.parseDouble(line.substring(line.lastIndexOf(',') + 1));
        String text = Files.readString(tmp.resolve("data/aclImdb/test/pos/3_10.txt"));
        out.reset();
        assertEquals(0, run("predict", "--run", runDir.toString(), "--json", text, "a second review"), errText());
        List<String> lines = out.toString(StandardCharsets.UTF_8).strip().lines().toList();
        assertEquals(2, lines.size());
        double actual = Double.parseDouble(lines.get(0).replaceAll(".*\"probability_positive\":([0-9.Ee-]+).*", "$1"));
        assertEquals(expected, actual, 1e-5);
    }

    @Test
    void predictReadsStandardInput(@TempDir Path tmp) throws IOException {
        Path runDir = trainMini(tmp);
        out.reset();
        var stdin = new java.io.ByteArrayInputStream("great film\n\nawful film\n".getBytes(StandardCharsets.UTF_8));
        int status = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                stdin, new Properties(), Progress.Factory.NONE).execute("predict", "--run", runDir.toString());
        assertEquals(0, status, errText());
        List<String> lines = out.toString(StandardCharsets.UTF_8).strip().lines().toList();
        assertEquals(3, lines.size(), "one output line per input line, the blank one too: " + lines);
        assertTrue(lines.get(1).contains("(line 2 is empty)"), lines.get(1));
        assertTrue(lines.get(2).matches("0\\.\\d{4}  (positive|negative) +awful film"), lines.get(2));
    }

    @Test
    void aVocabularyThatDoesNotMatchTheModelIsRefused(@TempDir Path tmp) throws IOException {
        Path runDir = trainMini(tmp);
        Files.delete(runDir.resolve(RunDirectory.MODEL_BUNDLE)); // a run made before bundles: read from its files
        Vocabulary.of(List.of("just", "three", "words")).save(runDir.resolve(RunDirectory.VOCABULARY));
        assertEquals(Cli.FAILED, run("predict", "--run", runDir.toString(), "some text"));
        assertTrue(errText().contains("do not belong together"), errText());
        assertEquals(1, errText().strip().lines().count());
    }

    @Test
    void predictRefusesEmptyTextAndAMissingRun(@TempDir Path tmp) throws IOException {
        Path runDir = trainMini(tmp);
        assertEquals(Cli.FAILED, run("predict", "--run", runDir.toString(), "   "));
        assertTrue(errText().contains("no review to score"), errText());
        err.reset();
        assertEquals(Cli.FAILED, run("predict", "--run", tmp.resolve("nope").toString(), "text"));
        assertEquals("error: run directory not found: " + tmp.resolve("nope"), errText().strip());
        err.reset();
        assertEquals(Cli.FAILED, run("predict", "--model", tmp.resolve("nope.zip").toString(), "text"));
        assertEquals("error: model bundle not found: " + tmp.resolve("nope.zip"), errText().strip());
        err.reset();
        assertEquals(Cli.USAGE, run("predict", "--model", "a.zip", "--run", runDir.toString(), "text"));
        assertEquals(1, errText().strip().lines().count(), errText());
    }

    @Test
    void evaluateRewritesTheReportOfAnExistingRun(@TempDir Path tmp) throws IOException {
        Path runDir = trainMini(tmp);
        String before = Files.readString(runDir.resolve(RunDirectory.TEST_PREDICTIONS));
        Files.delete(runDir.resolve(RunDirectory.ERRORS));
        out.reset();
        assertEquals(0, run("evaluate", "--run", runDir.toString()), errText());
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Test accuracy"));
        assertEquals(before, Files.readString(runDir.resolve(RunDirectory.TEST_PREDICTIONS)));
        assertTrue(Files.exists(runDir.resolve(RunDirectory.ERRORS)));
    }

    @Test
    void v4WithoutItsWordVectorsSaysHowToMakeThemBeforeReadingAnything(@TempDir Path tmp) {
        Path vectors = tmp.resolve("imdb-word2vec.100d.txt");
        assertEquals(1, run("--version", "v4", "--data", tmp.resolve("no-data").toString(), "--glove", vectors.toString(),
                "--output", tmp.resolve("runs").toString()));
        assertEquals("error: pretrained vectors not found: " + vectors + " (version v4; --glove names GloVe's glove.6B.zip "
                + "or glove.6B.100d.txt, or vectors made once by `imdb-sentiment word2vec --output imdb-word2vec.100d.txt`; "
                + "--glove '' downloads GloVe)", errText().strip());
        assertTrue(Files.notExists(tmp.resolve("runs")), "no run directory");
    }

    @Test
    void skipTestLeavesTheTestSetForLaterAndEvaluateRunsItOnce(@TempDir Path tmp) throws IOException {
        Path runDir = trainMini(tmp, "--skip-test", "true");
        assertTrue(Files.notExists(runDir.resolve(RunDirectory.TEST_METRICS)), "no test metrics");
        assertTrue(Files.notExists(runDir.resolve(RunDirectory.TEST_PREDICTIONS)), "no test predictions");
        String summary = Files.readString(runDir.resolve(RunDirectory.SUMMARY));
        assertTrue(summary.contains("\"status\" : \"finished\""), summary);
        assertFalse(summary.contains("test_accuracy"), summary);
        assertTrue(Files.exists(runDir.resolve(RunDirectory.MODEL_BUNDLE)));
        // chosen on validation: the test set is then evaluated once
        assertEquals(0, run("evaluate", "--run", runDir.toString()), errText());
        assertTrue(Files.exists(runDir.resolve(RunDirectory.TEST_METRICS)));
    }

    @Test
    void theNaiveVersionTrainsWithoutAMask(@TempDir Path tmp) throws IOException {
        Path runDir = trainMini(tmp, "--version", "naive", "--max-length", "20");
        assertEquals("naive", load(runDir.resolve(RunDirectory.CONFIG)).getProperty("padding"));
        // The run's model reads text through the naive pipeline: every batch padded to max-length, no mask.
        ModelBundle bundle = ModelBundle.read(runDir.resolve(RunDirectory.MODEL_BUNDLE));
        SentimentPipeline pipeline = bundle.pipeline();
        assertEquals(org.imdbsentiment.data.Padding.NAIVE, pipeline.padding());
        var batch = pipeline.evaluationBatches(List.of(new org.imdbsentiment.data.EncodedReview("r", new int[] {2, 3},
                org.imdbsentiment.data.Sentiment.POSITIVE))).next();
        assertNull(batch.getFeaturesMaskArray());
        assertEquals(20, batch.getFeatures().size(2));
        // ... and what comes after a review's end reaches the output, as in the study's mistake.
        double shortReview = pipeline.predict(bundle.graph(), List.of("great")).get(0).probabilityPositive();
        var masked = SentimentPipeline.of(bundle.config().with(Settings.PADDING, org.imdbsentiment.data.Padding.MASKED),
                bundle.vocabulary());
        assertNotEquals(shortReview, masked.predict(bundle.graph(), List.of("great")).get(0).probabilityPositive(), 1e-7);
    }

    @Test
    void anUnknownVersionIsAOneLineErrorNamingTheValidOnes(@TempDir Path output) {
        assertEquals(Cli.USAGE, run("--version", "v9", "--output", output.toString()));
        assertEquals("error: unknown version 'v9' (valid: v1, v2, v3, v4, v5, ngrams, naive)", errText().strip());
    }

    @Test
    void anUnknownVersionFromASystemPropertyIsRefusedToo() {
        Properties system = new Properties();
        system.setProperty("version", "v0");
        assertEquals(Cli.USAGE, run(system));
        assertTrue(errText().contains("unknown version 'v0'"), errText());
    }

    @Test
    void anUnknownOptionIsAOneLineError() {
        assertEquals(Cli.USAGE, run("--epoch", "3"));
        assertEquals(1, errText().strip().lines().count(), errText());
        assertTrue(errText().contains("--epoch"), errText());
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheirValidRange() {
        assertEquals(Cli.USAGE, run("--epochs", "-1"));
        assertEquals("error: epochs must be a whole number from 1 to 1000, was '-1'", errText().strip());
        err.reset();
        assertEquals(Cli.USAGE, run("--batch-size", "0"));
        assertTrue(errText().contains("batch-size must be a whole number from 1 to 1024, was '0'"), errText());
        err.reset();
        assertEquals(Cli.USAGE, run("--max-length", "0"));
        assertTrue(errText().contains("max-length must be a whole number from 1 to 4096"), errText());
        err.reset();
        assertEquals(Cli.USAGE, run("--batching", "sorted"));
        assertTrue(errText().contains("batching must be one of bucketed, random"), errText());
        err.reset();
        assertEquals(Cli.USAGE, run("--seed", "abc"));
        assertTrue(errText().contains("seed must be a whole number"), errText());
    }

    @Test
    void aStepThatCannotFitInMemoryIsRefusedBeforeAnythingIsReadOrMade(@TempDir Path tmp) {
        Path output = tmp.resolve("runs");
        assertEquals(Cli.USAGE, run("--batch-size", "1024", "--max-length", "4096", "--data",
                tmp.resolve("not-read.tar.gz").toString(), "--output", output.toString()));
        assertEquals(1, errText().strip().lines().count(), errText());
        assertTrue(errText().contains("needs up to") && errText().contains("lower batch-size or max-length"), errText());
        assertTrue(Files.notExists(output));
    }

    @Test
    void pretrainedVectorsOfAnUnknownSizeAreRefusedBeforeAnythingIsRead(@TempDir Path tmp) {
        Path output = tmp.resolve("runs");
        assertEquals(Cli.USAGE, run("--version", "v2", "--embedding-size", "50", "--data",
                tmp.resolve("not-read.tar.gz").toString(), "--output", output.toString()));
        assertEquals("error: embedding glove-trainable needs embedding-size [100] (the GloVe vectors this project "
                + "reads), was 50", errText().strip());
        assertTrue(Files.notExists(output));
    }

    @Test
    void anImpossibleValidationSizeIsAUsageErrorBeforeAnyRunDirectory(@TempDir Path tmp) {
        Path output = tmp.resolve("runs");
        assertEquals(Cli.USAGE, run("--validation-size", "25000", "--output", output.toString()));
        assertTrue(errText().contains("validation-size must be a whole number from 0 to 24999"), errText());
        assertTrue(Files.notExists(output));
    }

    @Test
    void aMissingDataPathIsAOneLineErrorAndExitsNonZero(@TempDir Path tmp) {
        int status = run("--data", tmp.resolve("missing.tar.gz").toString(), "--output", tmp.resolve("runs").toString());
        assertEquals(Cli.FAILED, status);
        assertEquals(1, errText().strip().lines().count(), errText());
        assertTrue(errText().startsWith("error: IMDB data not found"), errText());
    }

    @Test
    void helpListsEverySettingWithItsRangeAndTheSubcommands() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (Setting<?> s : Settings.ALL) {
            assertTrue(help.contains("--" + s.key() + "=<" + s.key() + ">") || help.contains("--" + s.key() + "[=<"),
                    "--" + s.key() + " in " + help);
            assertTrue(help.replaceAll("\\s+", " ").contains(s.range()), s.range());
        }
        for (String command : List.of("evaluate", "predict", "compare", "bundle", "keep", "settings", "ui", "benchmark")) {
            assertTrue(help.contains("  " + command + " "), command);
        }
    }
}
