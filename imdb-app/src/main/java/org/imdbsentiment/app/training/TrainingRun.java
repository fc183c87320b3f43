package org.imdbsentiment.app.training;

import org.deeplearning4j.datasets.iterator.EarlyTerminationDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingGraphTrainer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.app.dashboard.Dashboard;
import org.imdbsentiment.app.reports.RunEvaluation;
import org.imdbsentiment.app.runs.BuildInfo;
import org.imdbsentiment.app.runs.EpochMetrics;
import org.imdbsentiment.app.runs.FileDigest;
import org.imdbsentiment.app.runs.GloveCoverage;
import org.imdbsentiment.app.runs.Machine;
import org.imdbsentiment.app.runs.RunBundle;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.app.runs.RunSummary;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.ImdbCorpus;
import org.imdbsentiment.data.ImdbData;
import org.imdbsentiment.data.Progress;
import org.imdbsentiment.data.Review;
import org.imdbsentiment.data.ReviewDataSetIterator;
import org.imdbsentiment.data.Sentiment;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.glove.GloveResource;
import org.imdbsentiment.model.LearningRateSchedule;
import org.imdbsentiment.model.ScoredReview;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.ngram.NaiveBayesRatios;
import org.imdbsentiment.model.ngram.NgramBag;
import org.imdbsentiment.model.ngram.NgramWeighting;
import org.imdbsentiment.model.TeacherTargets;
import org.imdbsentiment.model.TestMetrics;
import org.imdbsentiment.model.config.ConfigException;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.config.Setting;
import org.imdbsentiment.model.config.Settings;
import org.imdbsentiment.model.FastLayers;
import org.imdbsentiment.model.lstm.LstmThreads;
import org.imdbsentiment.model.pipeline.SentimentPipeline;
import org.imdbsentiment.model.workspace.TrainingWorkspaces;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * One training run, end to end: data, split, vocabulary, model, early stopping on validation
 * accuracy, and the best model's evaluation on the test set. With validation-size 0 (a final fit) it
 * trains on every training review for exactly {@code epochs} epochs and keeps the last. Everything
 * it makes goes into a new run directory: resolved config, vocabulary, validation ids, per-epoch
 * metrics, best model, test report, a self-contained model bundle and a summary with seed, commit,
 * data checksum, command and machine. After every epoch a checkpoint is saved, and {@link #resume} continues an interrupted run
 * from it.
 */
public final class TrainingRun {
    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

    private TrainingRun() {
    }

    /** What a finished run reports. */
    /** {@code test} is null when the run skipped the test set. */
    public record Result(RunDirectory runDirectory, List<EpochMetrics> epochs, int bestEpoch, TestMetrics test) {
    }

    /** Starts a new run in a new directory. */
    public static Result start(ExperimentConfig config, String commandLine, Progress.Factory progress) throws IOException {
        checkBeforeStart(config);
        ComputeThreads.forTraining(config.get(Settings.THREADS), config.get(Settings.LSTM_THREADS));
        Path data = ImdbData.locate(config.get(Settings.DATA), config.cacheDir(), progress);
        BuildInfo build = BuildInfo.current();
        RunDirectory run = RunDirectory.create(config.get(Settings.OUTPUT), config.version());
        log.info("Run {} (commit {}), settings {}", run, build.gitCommit(), config.toSettings());
        run.writeConfig(config);
        RunSummary summary = RunSummary.of(s -> {
            s.version = config.version();
            s.embedding = config.get(Settings.EMBEDDING).key();
            s.seed = config.get(Settings.SEED);
            s.projectVersion = build.projectVersion();
            s.gitCommit = build.gitCommit();
            s.started = Instant.now().toString();
            s.command = commandLine;
            s.machine = Machine.current();
            s.backend = Nd4j.getBackend().getClass().getSimpleName();
            s.threads = config.get(Settings.THREADS);
            s.dataFile = data.toString();
            s.dataSha256 = FileDigest.sha256(data);
        });
        return guarded(config, data, run, summary, Optional.empty(), progress);
    }

    /**
     * Continues the run in {@code runDir} from its last completed epoch, with the same best model and
     * early-stopping state. {@code given} must have the run's own values of every setting that
     * changes results ({@link Setting.Group#changesResults()}); where and how it runs may differ.
     */
    public static Result resume(Path runDir, ExperimentConfig given, String commandLine, Progress.Factory progress)
            throws IOException {
        RunDirectory run = RunDirectory.existing(runDir);
        ExperimentConfig saved = run.config();
        Map<String, String> differences = new TreeMap<>();
        Map<String, String> now = given.resultSettings();
        saved.resultSettings().forEach((k, v) -> {
            if (!v.equals(now.get(k))) {
                differences.put(k, v + " in the run, " + now.get(k) + " now");
            }
        });
        if (!differences.isEmpty()) {
            throw new ConfigException("cannot resume " + runDir + " with other settings: " + differences
                    + " (give the command that started it)");
        }
        RunSummary summary = run.summary().orElseThrow(() -> new DataException("run " + runDir + " has no "
                + RunDirectory.SUMMARY + ": not a run this version can resume"));
        if (summary.isFinished()) {
            throw new DataException("run " + runDir + " has already finished; nothing to resume");
        }
        Checkpoint.Loaded checkpoint = Checkpoint.load(run).orElseThrow(() -> new DataException(
                "run " + runDir + " has no checkpoint (it stopped before its first epoch ended): "
                        + "start it again with the same command, without --resume"));
        int removed = run.deleteStaleTemporaries();
        if (removed > 0) {
            log.info("Removed {} temporary file(s) an interrupted write had left in {}", removed, run);
        }
        Map<String, String> where = new LinkedHashMap<>();
        given.toSettings().forEach((k, v) -> {
            if (!Settings.require(k).group().changesResults()) {
                where.put(k, v);
            }
        });
        ExperimentConfig config = saved.with(where);
        ComputeThreads.forTraining(config.get(Settings.THREADS), config.get(Settings.LSTM_THREADS));
        Path data = ImdbData.locate(config.get(Settings.DATA), config.cacheDir(), progress);
        RunSummary resumed = summary.with(s -> s.resumed.add(new RunSummary.Resume(Instant.now().toString(),
                checkpoint.checkpoint().completedEpochs(), commandLine, BuildInfo.current().gitCommit())));
        log.info("Resuming {} after epoch {} (best epoch {})", run, checkpoint.checkpoint().completedEpochs(),
                checkpoint.checkpoint().bestEpoch());
        return guarded(config, data, run, resumed, Optional.of(checkpoint), progress);
    }

    /**
     * What can be refused from the settings alone, before data is read or a directory made: a step
     * that cannot fit in memory, pretrained vectors of a size no known GloVe file has.
     */
    static void checkBeforeStart(ExperimentConfig config) {
        MemoryGuard.check(config, MemoryGuard.budgetBytes());
        SentimentGraph.tokensRead(config);
        SentimentGraph.taughtLogitsMask(config);
        int size = config.get(Settings.EMBEDDING_SIZE);
        Optional<Path> vectors = config.get(Settings.GLOVE);
        if (config.get(Settings.EMBEDDING).pretrained() && vectors.isPresent() && !Files.isRegularFile(vectors.get())) {
            throw new DataException("pretrained vectors not found: " + vectors.get() + " (version " + config.version()
                    + "; --glove names GloVe's glove.6B.zip or glove.6B.100d.txt, or vectors made once by `imdb-sentiment "
                    + "word2vec --output " + vectors.get().getFileName() + "`; --glove '' downloads GloVe)");
        }
        if (config.get(Settings.EMBEDDING).pretrained() && GloveResource.forDimension(size).isEmpty()) {
            throw new ConfigException("embedding " + config.get(Settings.EMBEDDING).key() + " needs embedding-size "
                    + GloveResource.KNOWN.stream().map(r -> Integer.toString(r.dimension())).toList()
                    + " (the GloVe vectors this project reads), was " + size);
        }
        WeightAverage.checkWorkers(config);
        PseudoLabels.checkBeforeStart(config);
        if (config.get(Settings.LEARNING_RATE_SCHEDULE) != LearningRateSchedule.CONSTANT && config.get(Settings.WORKERS) > 1) {
            // Each ParallelWrapper worker counts only its own minibatches, so the decay would run slower by the
            // number of workers.
            throw new ConfigException("learning-rate-schedule " + config.get(Settings.LEARNING_RATE_SCHEDULE).key()
                    + " needs workers 1 (was " + config.get(Settings.WORKERS) + ")");
        }
    }

    /** A teacher's reviews, encoded, with its probabilities as their targets where teacher-targets says so. */
    static List<EncodedReview> taught(TeacherTargets targets, SentimentPipeline pipeline, PseudoLabels.Taught taught) {
        List<EncodedReview> encoded = pipeline.encodeAll(taught.reviews());
        if (targets == TeacherTargets.LABELS) {
            return encoded;
        }
        List<EncodedReview> targeted = new ArrayList<>(encoded.size());
        for (int i = 0; i < encoded.size(); i++) {
            targeted.add(encoded.get(i).withTarget(taught.probabilities()[i]));
        }
        return targeted;
    }

    /** Runs {@link #train}, recording in run.json whether it finished, failed or was interrupted. */
    private static Result guarded(ExperimentConfig config, Path data, RunDirectory run, RunSummary summary,
                                  Optional<Checkpoint.Loaded> checkpoint, Progress.Factory progress) throws IOException {
        RunSummary[] current = {summary.with(s -> {
            s.status = RunSummary.RUNNING;
            s.error = null;
        })};
        run.writeSummary(current[0]);
        Thread onInterrupt = new Thread(() -> {
            try {
                run.writeSummary(current[0].with(s -> s.status = RunSummary.INTERRUPTED));
            } catch (IOException ignored) {
                // the process is going away; the checkpoint is what matters
            }
            System.err.println(interruptAdvice(run));
        }, "interrupted-run");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            return train(config, data, run, current, checkpoint, progress);
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            run.writeSummary(current[0].with(s -> {
                s.status = RunSummary.FAILED;
                s.error = e.toString();
            }));
            throw e;
        } finally {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        }
    }

    /** What to tell a user whose run was interrupted: --resume only where a checkpoint exists. */
    static String interruptAdvice(RunDirectory run) {
        return Files.isRegularFile(run.resolve(RunDirectory.CHECKPOINT))
                ? "Interrupted. Continue from the last completed epoch by adding --resume " + run.path()
                : "Interrupted before the first epoch ended: nothing to resume; run the same command again (without --resume).";
    }

    /** {@code summary[0]} is the run's current summary; each stage replaces it with an updated copy. */
    private static Result train(ExperimentConfig config, Path dataPath, RunDirectory run, RunSummary[] summary,
                                Optional<Checkpoint.Loaded> checkpoint, Progress.Factory progress) throws IOException {
        PreparedData labelled = PreparedData.load(config, dataPath, progress);
        List<EncodedReview> pseudo = config.get(Settings.TEACHER).isPresent()
                ? taught(config.get(Settings.TEACHER_TARGETS), labelled.pipeline(),
                        PseudoLabels.forRun(config, run, dataPath, checkpoint.isPresent(), progress))
                : List.of();
        PreparedData data = pseudo.isEmpty() ? labelled : labelled.withMoreTraining(pseudo);
        if (!pseudo.isEmpty()) {
            log.info("Self-training: {} unlabelled reviews labelled by teacher {} join the {} training reviews "
                    + "({} positive; fitted to its {}; {})", pseudo.size(), config.get(Settings.TEACHER).get(),
                    labelled.train().size(), pseudo.stream().filter(r -> r.label() == Sentiment.POSITIVE).count(),
                    config.get(Settings.TEACHER_TARGETS).key(), run.resolve(RunDirectory.PSEUDO_LABELS));
        }
        SentimentPipeline pipeline = data.pipeline();
        Vocabulary vocabulary = data.vocabulary();
        if (checkpoint.isEmpty()) {
            run.writeText(RunDirectory.VALIDATION_IDS,
                    String.join("\n", data.split().validation().stream().map(Review::id).toList()) + "\n");
            vocabulary.save(run.resolve(RunDirectory.VOCABULARY));
        } else if (!vocabulary.equals(run.vocabulary())) {
            throw new DataException("the data now gives another vocabulary than " + run.resolve(RunDirectory.VOCABULARY)
                    + ": resume with the data the run started with");
        }
        log.info("Vocabulary: {} tokens ({} most frequent of the training split + PAD + UNK)",
                vocabulary.size(), vocabulary.size() - 2);
        log.info("Reviews: {} train, {} validation, {} test", data.train().size(), data.validation().size(), data.test().size());
        summary[0] = summary[0].with(s -> s.dataQuality = dataQuality(data.corpus(),
                Map.of("train", data.train(), "validation", data.validation(), "test", data.test())));
        run.writeSummary(summary[0]);

        int completed = checkpoint.map(c -> c.checkpoint().completedEpochs()).orElse(0);
        int bestSoFar = checkpoint.map(c -> c.checkpoint().bestEpoch()).orElse(0);
        double bestScoreSoFar = checkpoint.map(c -> c.checkpoint().bestScore()).orElse(Double.NEGATIVE_INFINITY);
        int cap = config.get(Settings.MAX_BATCHES);
        boolean finalFit = data.validation().isEmpty();
        if (finalFit) {
            log.info("Final fit: no validation reviews; training on all {} for exactly {} epochs and keeping the last",
                    data.train().size(), config.get(Settings.EPOCHS));
        }
        int epochBatches = (data.train().size() + pipeline.batchSize() - 1) / pipeline.batchSize();
        ComputationGraph graph = checkpoint.isPresent() ? checkpoint.get().graph()
                : newGraph(config, data, labelled.train(), run, summary, cap == 0 ? epochBatches : Math.min(cap, epochBatches), progress);
        int lstmThreads = config.get(Settings.LSTM_THREADS);
        LstmThreads.apply(graph, lstmThreads);
        log.info("Model: {} parameters\n{}", graph.numParams(), graph.summary());
        Optional<WeightAverage> average = weightAverage(config, graph, checkpoint);
        // What validation scores, the saver keeps and the test evaluates: the trained graph or its average.
        UnaryOperator<ComputationGraph> kept = average.<UnaryOperator<ComputationGraph>>map(a -> trained -> {
            ComputationGraph averaged = a.averaged(trained);
            LstmThreads.apply(averaged, lstmThreads);
            return averaged;
        }).orElse(UnaryOperator.identity());

        ValidationScore validationScore = finalFit ? ValidationScore.none(completed)
                : ValidationScore.on(pipeline.evaluationBatches(data.validation()), cap, kept);
        List<EpochMetrics> earlier = checkpoint.isEmpty() ? List.of() : run.epochs().subList(0, completed);
        EpochRecorder recorder = new EpochRecorder(run, validationScore, cap == 0 ? epochBatches : Math.min(cap, epochBatches),
                earlier, bestSoFar, bestScoreSoFar, average, progress);
        // Each pass is ordered for the epoch the recorder says comes next, explicitly, whatever DL4J's
        // wrappers do with reset(). Epoch e (from 0) is shuffled with the number e + 1: the numbering
        // runs had when it came from counting resets (DL4J's prefetching wrapper and the trainer made one
        // each before the first epoch), kept so that a seed trains the same batches as in recorded runs.
        ReviewDataSetIterator trainBatches = pipeline.trainingBatches(data.train(), config.get(Settings.BATCHING),
                () -> recorder.completedEpochs() + 1);
        SentimentGraph.taughtLogitsMask(config).ifPresent(row -> {
            trainBatches.setPreProcessor(new TaughtLogitsMask(
                    pseudo.stream().map(EncodedReview::id).collect(java.util.stream.Collectors.toSet()), row));
            log.info("teacher-branches {}: the teacher's reviews train the logits {} of {} (labels mask), the "
                    + "labelled reviews all of them", config.get(Settings.TEACHER_BRANCHES).key(), java.util.Arrays.toString(row),
                    SentimentGraph.LOGITS);
        });
        DataSetIterator trainInput = cap == 0 ? trainBatches : new EarlyTerminationDataSetIterator(trainBatches, cap);

        int epochs = config.get(Settings.EPOCHS);
        PatienceCondition patience = new PatienceCondition(config.get(Settings.PATIENCE), completed, bestSoFar, bestScoreSoFar);
        boolean done = completed >= epochs || (completed > 0 && patience.exhausted(completed));
        if (average.isPresent()) {
            graph.setListeners(recorder, average.get());
        } else {
            graph.setListeners(recorder);
        }
        boolean ui = config.get(Settings.UI) || config.get(Settings.UI_KEEP);
        try (Dashboard dashboard = ui ? Dashboard.forTraining(run.path(), graph, config.get(Settings.UI_KEEP)) : null) {
            if (!done) {
                EarlyStoppingConfiguration<ComputationGraph> es = new EarlyStoppingConfiguration.Builder<ComputationGraph>()
                        .epochTerminationConditions(new EpochLimit(epochs, completed), patience)
                        .scoreCalculator(validationScore)
                        .evaluateEveryNEpochs(1)
                        .modelSaver(new AtomicGraphSaver(run.resolve(RunDirectory.BEST_MODEL), bestScoreSoFar, kept))
                        .build();
                boolean parallel = config.get(Settings.WORKERS) > 1;
                if (!parallel) {
                    // The trainer fits on this thread: its workspaces start at their final size.
                    double ms = TrainingWorkspaces.presize(graph, pipeline.largestBatch(data.train()));
                    log.info("DL4J's training workspaces sized for the largest minibatch in {} ms", Math.round(ms));
                }
                EarlyStoppingResult<ComputationGraph> result = parallel
                        ? new ParallelGraphTrainer(es, graph, trainInput, recorder, recorder, config).fit()
                        : new EarlyStoppingGraphTrainer(es, graph, trainInput, recorder).fit();
                if (result.getTerminationReason() == EarlyStoppingResult.TerminationReason.Error) {
                    throw new IllegalStateException("training failed: " + result.getTerminationDetails());
                }
                summary[0] = summary[0].with(s -> s.termination = result.getTerminationDetails());
            }
            summary[0] = summary[0].with(s -> {
                Map<String, Integer> reviews = new LinkedHashMap<>();
                reviews.put("train", data.train().size());
                if (!pseudo.isEmpty()) {
                    reviews.put("train_pseudo_labelled", pseudo.size());
                }
                reviews.put("validation", data.validation().size());
                reviews.put("test", data.test().size());
                s.reviews = reviews;
                s.vocabularySize = vocabulary.size();
                s.parameters = graph.numParams();
            });
            return evaluate(config, run, summary, data, recorder, progress);
        }
    }

    /**
     * The best model on the test set (unless skip-test); writes the report and the model bundle, and
     * completes the summary.
     */
    private static Result evaluate(ExperimentConfig config, RunDirectory run, RunSummary[] summary, PreparedData data,
                                   EpochRecorder recorder, Progress.Factory progress) throws IOException {
        List<EpochMetrics> epochs = recorder.epochs();
        int bestEpoch = recorder.bestEpoch();
        Double bestValAccuracy = epochs.get(bestEpoch - 1).validatedAccuracy();
        TestMetrics metrics = config.get(Settings.SKIP_TEST) ? null
                : test(config, run, data, epochs, bestEpoch, bestValAccuracy, progress);
        if (metrics == null) {
            log.info("{}; test set not evaluated (skip-test)", chosen(bestEpoch, bestValAccuracy));
        }
        summary[0] = summary[0].with(s -> {
            s.status = RunSummary.FINISHED;
            s.finished = Instant.now().toString();
            s.epochsRun = epochs.size();
            s.bestEpoch = bestEpoch;
            s.bestValAccuracy = bestValAccuracy;
            s.testAccuracy = metrics == null ? null : metrics.accuracy();
            s.trainSecondsPerEpoch = epochs.stream().mapToDouble(EpochMetrics::trainSeconds).average().orElse(0);
        });
        run.writeSummary(summary[0]);
        Path bundle = RunBundle.write(run);
        // The run is complete: the best model, not the last epoch's, is what it keeps.
        Files.deleteIfExists(run.resolve(RunDirectory.CHECKPOINT));
        run.deleteStaleTemporaries();
        log.info("Model bundle: {}", bundle);
        log.info("Run directory: {}", run);
        return new Result(run, epochs, bestEpoch, metrics);
    }

    /** The best model on the test set, once: the report, predictions and metrics. */
    private static TestMetrics test(ExperimentConfig config, RunDirectory run, PreparedData data, List<EpochMetrics> epochs,
                                    int bestEpoch, Double bestValAccuracy, Progress.Factory progress) throws IOException {
        int cap = config.get(Settings.MAX_BATCHES);
        ComputationGraph best = FastLayers.upgrade(
                ComputationGraph.load(run.resolve(RunDirectory.BEST_MODEL).toFile(), false));
        LstmThreads.apply(best, config.get(Settings.LSTM_THREADS));
        ReviewDataSetIterator testBatches = data.pipeline().evaluationBatches(data.test());
        int batches = cap == 0 ? testBatches.batchesPerEpoch() : Math.min(cap, testBatches.batchesPerEpoch());
        log.info("{}; evaluating on {} test reviews{}", chosen(bestEpoch, bestValAccuracy),
                cap == 0 ? data.test().size() : "at most " + cap * data.pipeline().batchSize(),
                cap == 0 ? "" : " (max-batches " + cap + ")");
        long t0 = System.nanoTime();
        List<ScoredReview> scored;
        try (Progress shown = progress.start("test", batches, "batches")) {
            scored = data.pipeline().score(best, testBatches, cap, shown);
        }
        double testSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, String> texts = new HashMap<>();
        data.corpus().test().forEach(r -> texts.put(r.id(), r.text()));
        TestMetrics metrics = RunEvaluation.write(run, config.version(), scored, texts, epochs, bestEpoch, testSeconds,
                cap == 0 || scored.size() == data.test().size());
        log.info("Test: accuracy {}%, ROC AUC {} ({} reviews)", String.format("%.2f", 100 * metrics.accuracy()),
                String.format("%.4f", metrics.rocAuc()), metrics.reviews());
        return metrics;
    }

    /** The kept epoch, for the log: the best by validation, or a final fit's last. */
    private static String chosen(int epoch, Double valAccuracy) {
        return valAccuracy == null ? "Final fit's last epoch (" + epoch + ")"
                : "Best epoch " + epoch + " (validation accuracy " + String.format("%.2f", 100 * valAccuracy) + "%)";
    }

    /** The run's weight average (weight-average-decay > 0): a new one, or the checkpoint's. */
    private static Optional<WeightAverage> weightAverage(ExperimentConfig config, ComputationGraph graph,
                                                         Optional<Checkpoint.Loaded> checkpoint) {
        double decay = config.get(Settings.WEIGHT_AVERAGE_DECAY);
        if (decay == 0) {
            return Optional.empty();
        }
        Optional<WeightAverage.State> saved = checkpoint.flatMap(Checkpoint.Loaded::average);
        if (checkpoint.isPresent() && saved.isEmpty()) {
            throw new DataException("the checkpoint has no weight average although the run keeps one (weight-average-decay "
                    + decay + "): it was written by an older version; start the run again");
        }
        log.info("Keeping an exponential moving average of the weights (decay {}): validation, the kept model and the "
                + "test use it", decay);
        return Optional.of(saved.map(s -> WeightAverage.resume(decay, s)).orElseGet(() -> WeightAverage.start(decay, graph)));
    }

    /**
     * A new graph for the run: pretrained vectors in its embedding where the settings name them, and with
     * {@code ngram-weighting=nb} the n-gram rows' Naive Bayes ratios counted on {@code labelledTrain} (the
     * labelled training reviews: never validation, test, or a teacher's reviews).
     */
    private static ComputationGraph newGraph(ExperimentConfig config, PreparedData data, List<EncodedReview> labelledTrain,
                                             RunDirectory run, RunSummary[] summary, int batchesPerEpoch,
                                             Progress.Factory progress) throws IOException {
        Optional<INDArray> pretrained = Optional.empty();
        if (config.get(Settings.EMBEDDING).pretrained()) {
            GloveEmbedding.Loaded glove = GloveEmbedding.load(config.get(Settings.GLOVE), config.cacheDir(),
                    config.get(Settings.EMBEDDING_SIZE), data.vocabulary(), data.trainingCounts(),
                    config.get(Settings.SEED), progress);
            GloveCoverage coverage = glove.report(FileDigest.sha256(glove.source()));
            run.writeGloveCoverage(coverage);
            summary[0] = summary[0].with(s -> s.glove = new RunSummary.GloveSummary(coverage.file(), coverage.linesRead(),
                    coverage.matched(), coverage.matchedPercent(), coverage.tokenPercent()));
            run.writeSummary(summary[0]);
            pretrained = Optional.of(glove.embedding().matrix());
        }
        ComputationGraph graph = SentimentGraph.build(config, data.vocabulary().size(), pretrained, batchesPerEpoch);
        if (config.get(Settings.ARCHITECTURE).ngrams() && config.get(Settings.NGRAM_WEIGHTING) == NgramWeighting.NB) {
            org.deeplearning4j.nn.api.Layer bag = graph.getLayer(SentimentGraph.NGRAMS);
            NgramBag conf = (NgramBag) bag.conf().getLayer();
            NaiveBayesRatios.set(bag, NaiveBayesRatios.of(labelledTrain.stream()
                    .map(r -> new NaiveBayesRatios.Labelled(r.tokens(), r.label() == Sentiment.POSITIVE)).toList(),
                    conf.hash(), conf.getOrder()));
            log.info("N-gram branch: Naive Bayes ratios of its {} rows counted on the {} labelled training reviews",
                    conf.hash().rows(), labelledTrain.size());
        }
        return graph;
    }

    /**
     * What the documented rules did to the text: reviews without any token (read as one UNK),
     * reviews cut at max-length, and files that were not valid UTF-8 (read with U+FFFD).
     */
    private static Map<String, RunSummary.DataQuality> dataQuality(ImdbCorpus corpus, Map<String, List<EncodedReview>> splits) {
        Map<String, RunSummary.DataQuality> q = new LinkedHashMap<>();
        for (String name : List.of("train", "validation", "test")) {
            List<EncodedReview> reviews = splits.get(name);
            q.put(name, new RunSummary.DataQuality(reviews.size(),
                    reviews.stream().filter(EncodedReview::empty).count(),
                    reviews.stream().filter(EncodedReview::truncated).count(),
                    reviews.stream().filter(r -> corpus.invalidUtf8().contains(r.id())).count(),
                    reviews.stream().mapToInt(EncodedReview::originalLength).max().orElse(0),
                    name.equals("validation") ? null : corpus.skippedFiles(name).size()));
        }
        log.info("Data quality: {}", q);
        return q;
    }
}
