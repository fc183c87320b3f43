package org.imdbsentiment.app;

import org.deeplearning4j.datasets.iterator.EarlyTerminationDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingGraphTrainer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.ImdbCorpus;
import org.imdbsentiment.data.ImdbData;
import org.imdbsentiment.data.Review;
import org.imdbsentiment.data.ReviewDataSetIterator;
import org.imdbsentiment.data.TextEncoder;
import org.imdbsentiment.data.TrainValidationSplit;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.data.WordTokenizer;
import org.imdbsentiment.data.Padding;
import org.imdbsentiment.model.BinaryEvaluation;
import org.imdbsentiment.model.ClassificationReport;
import org.imdbsentiment.model.ScoredReview;
import org.imdbsentiment.model.EmbeddingCoverage;
import org.imdbsentiment.model.Evaluator;
import org.imdbsentiment.model.ExperimentConfig;
import org.imdbsentiment.model.SentimentGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One training run, end to end: data, split, vocabulary, model, early stopping on validation
 * accuracy, and the best model's evaluation on the test set. Everything it makes goes into a new
 * run directory: resolved config, vocabulary, validation ids, per-epoch metrics, best model, test
 * metrics and a summary with seed and git commit.
 */
final class Experiment {
    private static final Logger log = LoggerFactory.getLogger(Experiment.class);

    private Experiment() {
    }

    /** What a finished run reports. */
    record Result(RunDirectory runDirectory, List<EpochMetrics> epochs, int bestEpoch, BinaryEvaluation test) {
    }

    static Result run(ExperimentConfig config, String commandLine) throws IOException {
        ExperimentConfig.Training training = config.training();
        ComputeThreads.apply(training.threads());
        String commit = GitCommit.describe();
        RunDirectory run = RunDirectory.create(config.data().output(), config.version());
        log.info("Run {} (commit {}), settings {}", run, commit, config.toSettings());
        saveConfig(run, config);

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("version", config.version());
        summary.put("embedding", config.model().embedding().key());
        summary.put("seed", training.seed());
        summary.put("git_commit", commit);
        summary.put("started", Instant.now().toString());
        summary.put("command", commandLine);
        summary.put("machine", Machine.describe());
        summary.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        summary.put("threads", training.threads());
        summary.put("status", "running");
        run.writeJson(RunDirectory.SUMMARY, summary);
        try {
            return train(config, run, summary);
        } catch (RuntimeException | IOException e) {
            summary.put("status", "failed");
            summary.put("error", e.toString());
            run.writeJson(RunDirectory.SUMMARY, summary);
            throw e;
        }
    }

    private static Result train(ExperimentConfig config, RunDirectory run, Map<String, Object> summary)
            throws IOException {
        ExperimentConfig.Training training = config.training();
        ImdbCorpus corpus = ImdbData.load(config.data().source(), config.data().cacheDir());
        TrainValidationSplit split = TrainValidationSplit.of(corpus.train(), config.data().validationSize(), training.seed());
        run.writeText(RunDirectory.VALIDATION_IDS,
                String.join("\n", split.validation().stream().map(Review::id).toList()) + "\n");

        WordTokenizer tokenizer = new WordTokenizer();
        Map<String, Long> trainingCounts = Vocabulary.countTokens(
                split.train().parallelStream().map(r -> tokenizer.tokenize(r.text())).toList());
        Vocabulary vocabulary = Vocabulary.fromCounts(trainingCounts, config.data().vocabSize());
        vocabulary.save(run.resolve(RunDirectory.VOCABULARY));
        log.info("Vocabulary: {} tokens ({} most frequent of the training split + PAD + UNK)",
                vocabulary.size(), vocabulary.size() - 2);

        TextEncoder encoder = new TextEncoder(tokenizer, vocabulary, config.data().maxLength());
        List<EncodedReview> train = encoder.encodeAll(split.train());
        List<EncodedReview> validation = encoder.encodeAll(split.validation());
        List<EncodedReview> test = encoder.encodeAll(corpus.test());
        log.info("Reviews: {} train, {} validation, {} test", train.size(), validation.size(), test.size());

        int batch = training.batchSize();
        Padding padding = config.data().padding();
        int maxLength = config.data().maxLength();
        ReviewDataSetIterator trainBatches = ReviewDataSetIterator.forTraining(train, batch, training.batching(), training.seed())
                .withPadding(padding, maxLength);
        ReviewDataSetIterator validationBatches = ReviewDataSetIterator.forEvaluation(validation, batch, training.seed())
                .withPadding(padding, maxLength);
        ReviewDataSetIterator testBatches = ReviewDataSetIterator.forEvaluation(test, batch, training.seed())
                .withPadding(padding, maxLength);
        int cap = training.maxBatches();
        DataSetIterator trainInput = cap == 0 ? trainBatches : new EarlyTerminationDataSetIterator(trainBatches, cap);
        int batchesPerEpoch = cap == 0 ? trainBatches.batchesPerEpoch() : Math.min(cap, trainBatches.batchesPerEpoch());

        Optional<INDArray> pretrained = Optional.empty();
        if (config.model().embedding().pretrained()) {
            GloveEmbedding.Loaded glove = GloveEmbedding.load(config.data().glove(), config.data().cacheDir(),
                    config.model().embeddingSize(), vocabulary, trainingCounts, training.seed());
            run.writeJson(RunDirectory.GLOVE_COVERAGE, coverageReport(glove));
            summary.put("glove", Map.of("file", glove.source().toString(), "lines_read", glove.linesRead(),
                    "matched", glove.coverage().matched(), "matched_percent", glove.coverage().matchedPercent(),
                    "token_percent", glove.coverage().tokenPercent()));
            pretrained = Optional.of(glove.embedding().matrix());
        }
        ComputationGraph graph = SentimentGraph.build(config.model(), vocabulary.size(), training.learningRate(),
                training.seed(), pretrained);
        log.info("Model: {} parameters\n{}", graph.numParams(), graph.summary());

        ValidationScore validationScore = new ValidationScore(validationBatches, cap);
        EpochRecorder recorder = new EpochRecorder(run, validationScore, batchesPerEpoch);
        graph.setListeners(recorder);
        EarlyStoppingConfiguration<ComputationGraph> es = new EarlyStoppingConfiguration.Builder<ComputationGraph>()
                .epochTerminationConditions(
                        new MaxEpochsTerminationCondition(training.epochs()),
                        new ScoreImprovementEpochTerminationCondition(training.patience()))
                .scoreCalculator(validationScore)
                .evaluateEveryNEpochs(1)
                .modelSaver(new AtomicGraphSaver(run.resolve(RunDirectory.BEST_MODEL)))
                .build();
        EarlyStoppingGraphTrainer trainer = new EarlyStoppingGraphTrainer(es, graph, trainInput, recorder);
        EarlyStoppingResult<ComputationGraph> result = trainer.fit();
        if (result.getTerminationReason() == EarlyStoppingResult.TerminationReason.Error) {
            throw new IllegalStateException("training failed: " + result.getTerminationDetails());
        }

        List<EpochMetrics> epochs = recorder.epochs();
        int bestEpoch = result.getBestModelEpoch() + 1;
        double bestValAccuracy = epochs.get(bestEpoch - 1).valAccuracy();
        ComputationGraph best = result.getBestModel();
        log.info("Best epoch {} (validation accuracy {}%); evaluating on {} test reviews", bestEpoch,
                String.format("%.2f", 100 * bestValAccuracy), test.size());
        long t0 = System.nanoTime();
        List<ScoredReview> scored = Evaluator.score(best, testBatches, cap);
        double testSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, String> texts = new HashMap<>();
        corpus.test().forEach(r -> texts.put(r.id(), r.text()));
        ClassificationReport report = RunEvaluation.write(run, config.version(), scored, texts, epochs, bestEpoch, testSeconds);
        BinaryEvaluation testEval = report.counts();
        log.info("Test: {}, ROC AUC {}", testEval, String.format("%.4f", report.rocAuc()));

        summary.put("status", "finished");
        summary.put("finished", Instant.now().toString());
        summary.put("reviews", Map.of("train", train.size(), "validation", validation.size(), "test", test.size()));
        summary.put("vocabulary_size", vocabulary.size());
        summary.put("parameters", graph.numParams());
        summary.put("epochs_run", epochs.size());
        summary.put("termination", result.getTerminationReason() + ": " + result.getTerminationDetails());
        summary.put("best_epoch", bestEpoch);
        summary.put("best_val_accuracy", bestValAccuracy);
        summary.put("test_accuracy", testEval.accuracy());
        summary.put("train_seconds_per_epoch", epochs.stream().mapToDouble(EpochMetrics::trainSeconds).average().orElse(0));
        run.writeJson(RunDirectory.SUMMARY, summary);
        log.info("Run directory: {}", run);
        return new Result(run, epochs, bestEpoch, testEval);
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

    private static void saveConfig(RunDirectory run, ExperimentConfig config) throws IOException {
        StringWriter w = new StringWriter();
        w.write("# Resolved settings of this run, every key included (see ConfigKey for their meaning).\n");
        config.toSettings().forEach((k, v) -> w.write(k + "=" + v.replace("\\", "\\\\") + "\n"));
        run.writeText(RunDirectory.CONFIG, w.toString());
    }
}
