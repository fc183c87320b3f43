package org.imdbsentiment.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.datasets.iterator.EarlyTerminationDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingGraphTrainer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.ImdbCorpus;
import org.imdbsentiment.data.Padding;
import org.imdbsentiment.data.Progress;
import org.imdbsentiment.data.Review;
import org.imdbsentiment.data.ReviewDataSetIterator;
import org.imdbsentiment.data.TrainValidationSplit;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.model.BinaryEvaluation;
import org.imdbsentiment.model.ClassificationReport;
import org.imdbsentiment.model.ConfigException;
import org.imdbsentiment.model.ConfigKey;
import org.imdbsentiment.model.EmbeddingCoverage;
import org.imdbsentiment.model.Evaluator;
import org.imdbsentiment.model.ExperimentConfig;
import org.imdbsentiment.model.ScoredReview;
import org.imdbsentiment.model.SentimentGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One training run, end to end: data, split, vocabulary, model, early stopping on validation
 * accuracy, and the best model's evaluation on the test set. Everything it makes goes into a new
 * run directory: resolved config, vocabulary, validation ids, per-epoch metrics, best model, test
 * report and a summary with seed, git commit, command and machine. After every epoch a checkpoint
 * is saved, and {@link #resume} continues an interrupted run from it.
 */
final class Experiment {
    private static final Logger log = LoggerFactory.getLogger(Experiment.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Settings that may differ when a run is resumed: they change where things are, not the results. */
    private static final Set<String> RESUME_MAY_CHANGE = Set.of(ConfigKey.THREADS.key(), ConfigKey.DATA.key(),
            ConfigKey.GLOVE.key(), ConfigKey.CACHE_DIR.key(), ConfigKey.OUTPUT.key());

    private Experiment() {
    }

    /** How a run is watched, not what it computes (not part of its config). */
    record Options(boolean dashboard, boolean keepDashboard, Progress.Factory progress) {
        static final Options NONE = new Options(false, false, Progress.Factory.NONE);
    }

    /** What a finished run reports. */
    record Result(RunDirectory runDirectory, List<EpochMetrics> epochs, int bestEpoch, BinaryEvaluation test) {
    }

    /** Starts a new run in a new directory. */
    static Result run(ExperimentConfig config, String commandLine, Options options) throws IOException {
        ComputeThreads.apply(config.training().threads());
        String commit = GitCommit.describe();
        RunDirectory run = RunDirectory.create(config.data().output(), config.version());
        log.info("Run {} (commit {}), settings {}", run, commit, config.toSettings());
        saveConfig(run, config);

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("version", config.version());
        summary.put("embedding", config.model().embedding().key());
        summary.put("seed", config.training().seed());
        summary.put("git_commit", commit);
        summary.put("started", Instant.now().toString());
        summary.put("command", commandLine);
        summary.put("machine", Machine.describe());
        summary.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        summary.put("threads", config.training().threads());
        return guarded(config, run, summary, Optional.empty(), options);
    }

    /**
     * Continues the run in {@code runDir} from its last completed epoch, with the same best model and
     * early-stopping state. {@code given} must be the run's own settings (the same command), except
     * for where data lives and the thread count.
     */
    static Result resume(Path runDir, ExperimentConfig given, String commandLine, Options options) throws IOException {
        RunDirectory run = RunDirectory.existing(runDir);
        ExperimentConfig saved = run.readConfig();
        Map<String, String> differences = new TreeMap<>();
        saved.toSettings().forEach((k, v) -> {
            String now = given.toSettings().get(k);
            if (!RESUME_MAY_CHANGE.contains(k) && !v.equals(now)) {
                differences.put(k, v + " in the run, " + now + " now");
            }
        });
        if (!differences.isEmpty()) {
            throw new ConfigException("cannot resume " + runDir + " with other settings: " + differences
                    + " (give the command that started it)");
        }
        Map<String, Object> summary = readSummary(run);
        if ("finished".equals(summary.get("status"))) {
            throw new DataException("run " + runDir + " has already finished; nothing to resume");
        }
        Checkpoint.Loaded checkpoint = Checkpoint.load(run.path()).orElseThrow(() -> new DataException(
                "run " + runDir + " has no checkpoint (it stopped before its first epoch ended): start it again"));
        ComputeThreads.apply(given.training().threads());
        Map<String, String> settings = new LinkedHashMap<>(saved.toSettings());
        RESUME_MAY_CHANGE.forEach(k -> settings.put(k, given.toSettings().get(k)));
        ExperimentConfig config = ExperimentConfig.of(settings);
        @SuppressWarnings("unchecked")
        List<Object> resumes = (List<Object>) summary.computeIfAbsent("resumed", k -> new ArrayList<>());
        resumes.add(Map.of("at", Instant.now().toString(), "after_epoch", checkpoint.checkpoint().completedEpochs(),
                "command", commandLine, "git_commit", GitCommit.describe()));
        log.info("Resuming {} after epoch {} (best epoch {})", run, checkpoint.checkpoint().completedEpochs(),
                checkpoint.checkpoint().bestEpoch());
        return guarded(config, run, summary, Optional.of(checkpoint), options);
    }

    /** Runs {@link #train}, recording in run.json whether it finished, failed or was interrupted. */
    private static Result guarded(ExperimentConfig config, RunDirectory run, Map<String, Object> summary,
                                  Optional<Checkpoint.Loaded> checkpoint, Options options) throws IOException {
        summary.put("status", "running");
        summary.remove("error");
        run.writeJson(RunDirectory.SUMMARY, summary);
        Thread onInterrupt = new Thread(() -> {
            summary.put("status", "interrupted");
            try {
                run.writeJson(RunDirectory.SUMMARY, summary);
            } catch (IOException ignored) {
                // the process is going away; the checkpoint is what matters
            }
            System.err.println("Interrupted. Continue from the last completed epoch by adding --resume " + run.path());
        }, "interrupted-run");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            return train(config, run, summary, checkpoint, options);
        } catch (RuntimeException | IOException e) {
            summary.put("status", "failed");
            summary.put("error", e.toString());
            run.writeJson(RunDirectory.SUMMARY, summary);
            throw e;
        } finally {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        }
    }

    private static Result train(ExperimentConfig config, RunDirectory run, Map<String, Object> summary,
                                Optional<Checkpoint.Loaded> checkpoint, Options options) throws IOException {
        ExperimentConfig.Training training = config.training();
        PreparedData data = PreparedData.load(config, options.progress());
        ImdbCorpus corpus = data.corpus();
        TrainValidationSplit split = data.split();
        Map<String, Long> trainingCounts = data.trainingCounts();
        Vocabulary vocabulary = data.vocabulary();
        if (checkpoint.isEmpty()) {
            run.writeText(RunDirectory.VALIDATION_IDS,
                    String.join("\n", split.validation().stream().map(Review::id).toList()) + "\n");
            vocabulary.save(run.resolve(RunDirectory.VOCABULARY));
        } else if (!vocabulary.equals(Vocabulary.load(run.resolve(RunDirectory.VOCABULARY)))) {
            throw new DataException("the data now gives another vocabulary than " + run.resolve(RunDirectory.VOCABULARY)
                    + ": resume with the data the run started with");
        }
        log.info("Vocabulary: {} tokens ({} most frequent of the training split + PAD + UNK)",
                vocabulary.size(), vocabulary.size() - 2);
        List<EncodedReview> train = data.train();
        List<EncodedReview> validation = data.validation();
        List<EncodedReview> test = data.test();
        log.info("Reviews: {} train, {} validation, {} test", train.size(), validation.size(), test.size());
        summary.put("data_quality", dataQuality(corpus, Map.of("train", train, "validation", validation, "test", test)));

        int batch = training.batchSize();
        Padding padding = config.data().padding();
        int maxLength = config.data().maxLength();
        int completed = checkpoint.map(c -> c.checkpoint().completedEpochs()).orElse(0);
        ReviewDataSetIterator trainBatches = ReviewDataSetIterator.forTraining(train, batch, training.batching(), training.seed())
                .withPadding(padding, maxLength);
        trainBatches.skipEpochs(completed);
        ReviewDataSetIterator validationBatches = ReviewDataSetIterator.forEvaluation(validation, batch, training.seed())
                .withPadding(padding, maxLength);
        ReviewDataSetIterator testBatches = ReviewDataSetIterator.forEvaluation(test, batch, training.seed())
                .withPadding(padding, maxLength);
        int cap = training.maxBatches();
        DataSetIterator trainInput = cap == 0 ? trainBatches : new EarlyTerminationDataSetIterator(trainBatches, cap);
        int batchesPerEpoch = cap == 0 ? trainBatches.batchesPerEpoch() : Math.min(cap, trainBatches.batchesPerEpoch());

        ComputationGraph graph = checkpoint.isPresent() ? checkpoint.get().graph()
                : newGraph(config, vocabulary, trainingCounts, run, summary, options.progress());
        log.info("Model: {} parameters\n{}", graph.numParams(), graph.summary());

        List<EpochMetrics> earlier = checkpoint.isEmpty() ? List.of()
                : EpochMetrics.parseCsv(Files.readAllLines(run.resolve(RunDirectory.EPOCHS))).subList(0, completed);
        int bestSoFar = checkpoint.map(c -> c.checkpoint().bestEpoch()).orElse(0);
        double bestScoreSoFar = checkpoint.map(c -> c.checkpoint().bestScore()).orElse(Double.NEGATIVE_INFINITY);
        ValidationScore validationScore = new ValidationScore(validationBatches, cap);
        EpochRecorder recorder = new EpochRecorder(run, validationScore, batchesPerEpoch, earlier, bestSoFar,
                bestScoreSoFar, options.progress());
        PatienceCondition patience = new PatienceCondition(training.patience(), recorder);
        boolean done = completed >= training.epochs() || (completed > 0 && patience.terminate(0, 0, false));
        graph.setListeners(recorder);
        try (Dashboard dashboard = options.dashboard() ? Dashboard.forTraining(run.path(), graph, options.keepDashboard()) : null) {
            if (!done) {
                EarlyStoppingConfiguration<ComputationGraph> es = new EarlyStoppingConfiguration.Builder<ComputationGraph>()
                        .epochTerminationConditions(new MaxEpochsTerminationCondition(training.epochs() - completed), patience)
                        .scoreCalculator(validationScore)
                        .evaluateEveryNEpochs(1)
                        .modelSaver(new AtomicGraphSaver(run.resolve(RunDirectory.BEST_MODEL), bestScoreSoFar))
                        .build();
                EarlyStoppingResult<ComputationGraph> result = new EarlyStoppingGraphTrainer(es, graph, trainInput, recorder).fit();
                if (result.getTerminationReason() == EarlyStoppingResult.TerminationReason.Error) {
                    throw new IllegalStateException("training failed: " + result.getTerminationDetails());
                }
                summary.put("termination", result.getTerminationDetails());
            }
            summary.put("reviews", Map.of("train", train.size(), "validation", validation.size(), "test", test.size()));
            summary.put("vocabulary_size", vocabulary.size());
            summary.put("parameters", graph.numParams());
            return evaluate(config, run, summary, corpus, recorder, testBatches, options.progress());
        }
    }

    /** The best model on the test set; completes the run's summary. */
    private static Result evaluate(ExperimentConfig config, RunDirectory run, Map<String, Object> summary,
                                   ImdbCorpus corpus, EpochRecorder recorder, ReviewDataSetIterator testBatches,
                                   Progress.Factory progress) throws IOException {
        int cap = config.training().maxBatches();
        List<EpochMetrics> epochs = recorder.epochs();
        int bestEpoch = recorder.bestEpoch();
        double bestValAccuracy = epochs.get(bestEpoch - 1).valAccuracy();
        ComputationGraph best = ComputationGraph.load(run.resolve(RunDirectory.BEST_MODEL).toFile(), false);
        log.info("Best epoch {} (validation accuracy {}%); evaluating on {} test reviews", bestEpoch,
                String.format("%.2f", 100 * bestValAccuracy), testBatches.numExamples());
        long t0 = System.nanoTime();
        List<ScoredReview> scored;
        try (Progress shown = progress.start("test", cap == 0 ? testBatches.batchesPerEpoch() : cap, "batches")) {
            scored = Evaluator.score(best, testBatches, cap, shown);
        }
        double testSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, String> texts = new HashMap<>();
        corpus.test().forEach(r -> texts.put(r.id(), r.text()));
        ClassificationReport report = RunEvaluation.write(run, config.version(), scored, texts, epochs, bestEpoch, testSeconds);
        BinaryEvaluation testEval = report.counts();
        log.info("Test: {}, ROC AUC {}", testEval, String.format("%.4f", report.rocAuc()));

        summary.put("status", "finished");
        summary.put("finished", Instant.now().toString());
        summary.put("epochs_run", epochs.size());
        summary.put("best_epoch", bestEpoch);
        summary.put("best_val_accuracy", bestValAccuracy);
        summary.put("test_accuracy", testEval.accuracy());
        summary.put("train_seconds_per_epoch", epochs.stream().mapToDouble(EpochMetrics::trainSeconds).average().orElse(0));
        run.writeJson(RunDirectory.SUMMARY, summary);
        // The run is complete: the best model, not the last epoch's, is what it keeps.
        Files.deleteIfExists(run.resolve(Checkpoint.FILE));
        log.info("Run directory: {}", run);
        return new Result(run, epochs, bestEpoch, testEval);
    }

    private static ComputationGraph newGraph(ExperimentConfig config, Vocabulary vocabulary,
                                             Map<String, Long> trainingCounts, RunDirectory run,
                                             Map<String, Object> summary, Progress.Factory progress) throws IOException {
        Optional<INDArray> pretrained = Optional.empty();
        if (config.model().embedding().pretrained()) {
            GloveEmbedding.Loaded glove = GloveEmbedding.load(config.data().glove(), config.data().cacheDir(),
                    config.model().embeddingSize(), vocabulary, trainingCounts, config.training().seed(), progress);
            run.writeJson(RunDirectory.GLOVE_COVERAGE, coverageReport(glove));
            summary.put("glove", Map.of("file", glove.source().toString(), "lines_read", glove.linesRead(),
                    "matched", glove.coverage().matched(), "matched_percent", glove.coverage().matchedPercent(),
                    "token_percent", glove.coverage().tokenPercent()));
            pretrained = Optional.of(glove.embedding().matrix());
        }
        return SentimentGraph.build(config.model(), vocabulary.size(), config.training().learningRate(),
                config.training().seed(), pretrained);
    }

    /**
     * What the documented rules did to the text: reviews without any token (read as one UNK),
     * reviews cut at max-length, and files that were not valid UTF-8 (read with U+FFFD).
     */
    private static Map<String, Object> dataQuality(ImdbCorpus corpus, Map<String, List<EncodedReview>> splits) {
        Map<String, Object> q = new LinkedHashMap<>();
        for (String name : List.of("train", "validation", "test")) {
            List<EncodedReview> reviews = splits.get(name);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reviews", reviews.size());
            m.put("empty_read_as_unk", reviews.stream().filter(EncodedReview::empty).count());
            m.put("truncated", reviews.stream().filter(EncodedReview::truncated).count());
            m.put("invalid_utf8", reviews.stream().filter(r -> corpus.invalidUtf8().contains(r.id())).count());
            m.put("longest_tokens", reviews.stream().mapToInt(EncodedReview::originalLength).max().orElse(0));
            q.put(name, m);
        }
        log.info("Data quality: {}", q);
        return q;
    }

    private static Map<String, Object> coverageReport(GloveEmbedding.Loaded glove) {
        EmbeddingCoverage c = glove.coverage();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("file", glove.source().toString());
        report.put("lines_read", glove.linesRead());
        report.put("vocabulary_size", c.vocabularySize());
        report.put("matched", c.matched());
        report.put("matched_percent", c.matchedPercent());
        report.put("training_tokens", c.trainingTokens());
        report.put("covered_training_tokens", c.coveredTokens());
        report.put("token_percent", c.tokenPercent());
        report.put("unmatched_init_std", glove.embedding().initStd());
        Map<String, Long> unmatched = new LinkedHashMap<>();
        c.topUnmatched().forEach(e -> unmatched.put(e.getKey(), e.getValue()));
        report.put("most_frequent_unmatched", unmatched);
        return report;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readSummary(RunDirectory run) throws IOException {
        Path p = run.resolve(RunDirectory.SUMMARY);
        return Files.isRegularFile(p) ? new LinkedHashMap<>(JSON.readValue(p.toFile(), Map.class)) : new LinkedHashMap<>();
    }

    private static void saveConfig(RunDirectory run, ExperimentConfig config) throws IOException {
        StringWriter w = new StringWriter();
        w.write("# Resolved settings of this run, every key included (see ConfigKey for their meaning).\n");
        config.toSettings().forEach((k, v) -> w.write(k + "=" + v.replace("\\", "\\\\") + "\n"));
        run.writeText(RunDirectory.CONFIG, w.toString());
    }
}
