package org.imdbsentiment.app.benchmark;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.imdbsentiment.app.runs.BuildInfo;
import org.imdbsentiment.app.runs.Machine;
import org.imdbsentiment.app.training.ComputeThreads;
import org.imdbsentiment.app.training.MemoryGuard;
import org.imdbsentiment.app.training.ParallelTraining;
import org.imdbsentiment.app.training.PreparedData;
import org.imdbsentiment.app.training.WeightAverage;
import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.ImdbData;
import org.imdbsentiment.data.Progress;
import org.imdbsentiment.data.ReviewDataSetIterator;
import org.imdbsentiment.model.Evaluator;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.config.ConfigException;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.config.Setting;
import org.imdbsentiment.model.config.Settings;
import org.imdbsentiment.model.lstm.LstmThreads;
import org.imdbsentiment.model.pipeline.SentimentPipeline;
import org.imdbsentiment.model.workspace.TrainingWorkspaces;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Training and inference speed of a configuration's model on IMDB's real review lengths: it
 * prepares the data exactly as a run does, then times {@code warmup + batches} training minibatches
 * (forward, backward, Adam) in the run's batch order, the same number of validation minibatches
 * scored, and one review at a time. The result is one JSON object; speed targets are checked with it
 * and with recorded runs, never by timed unit tests.
 */
public final class Benchmark {
    private static final Logger log = LoggerFactory.getLogger(Benchmark.class);

    private Benchmark() {
    }

    /**
     * One timed pass over some minibatches: milliseconds, padded steps (B×T) and real tokens of each, and
     * the distinct token ids among each minibatch's padded steps (the padding one of them), summed: the
     * input rows the fast LSTM projects where its input is an embedding without dropout
     * ({@code DistinctRows}); -1 where the features are not one token id per step.
     */
    record Timing(List<Double> millis, long paddedTokens, long realTokens, long distinctTokens) {
        double seconds() {
            return millis.stream().mapToDouble(Double::doubleValue).sum() / 1000;
        }

        Map<String, Object> toJson() {
            List<Double> sorted = millis.stream().sorted().toList();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("batches", millis.size());
            m.put("ms_median", round(sorted.get(sorted.size() / 2)));
            m.put("ms_min", round(sorted.get(0)));
            m.put("padded_tokens_per_s", Math.round(paddedTokens / seconds()));
            m.put("real_tokens_per_s", Math.round(realTokens / seconds()));
            m.put("padding_overhead", round(paddedTokens / (double) realTokens));
            if (distinctTokens >= 0) {
                m.put("distinct_token_share", round(distinctTokens / (double) paddedTokens));
            }
            return m;
        }
    }

    public static Map<String, Object> run(ExperimentConfig config, int batches, int warmup, Progress.Factory progress)
            throws IOException {
        if (batches < 1 || warmup < 0) {
            throw new ConfigException("benchmark needs --batches >= 1 and --warmup >= 0");
        }
        MemoryGuard.check(config, MemoryGuard.budgetBytes());
        WeightAverage.checkWorkers(config);
        ComputeThreads.forTraining(config.get(Settings.THREADS), config.get(Settings.LSTM_THREADS));
        PreparedData data = PreparedData.load(config, ImdbData.locate(config.get(Settings.DATA), config.cacheDir(), progress),
                progress);
        int vocab = data.vocabulary().size();
        // GloVe rows only change values, not the work: random vectors of the same shape stand in for them.
        Optional<INDArray> pretrained = config.get(Settings.EMBEDDING).pretrained()
                ? Optional.of(Nd4j.randn(DataType.FLOAT, vocab, config.get(Settings.EMBEDDING_SIZE)))
                : Optional.empty();
        SentimentPipeline pipeline = data.pipeline();
        int[] pass = {0};
        ReviewDataSetIterator trainBatches = pipeline.trainingBatches(data.train(), config.get(Settings.BATCHING),
                () -> pass[0]);
        ComputationGraph graph = SentimentGraph.build(config, vocab, pretrained, trainBatches.batchesPerEpoch());
        int lstmLayers = LstmThreads.apply(graph, config.get(Settings.LSTM_THREADS));
        double averageDecay = config.get(Settings.WEIGHT_AVERAGE_DECAY);
        Optional<WeightAverage> average = averageDecay > 0 ? Optional.of(WeightAverage.start(averageDecay, graph))
                : Optional.empty();
        // A training run updates the average after every minibatch: part of the timed work.
        average.ifPresent(graph::setListeners);
        // A final fit (validation-size 0) validates nothing: its inference is timed on training reviews,
        // and its epoch estimate has no validation pass.
        List<EncodedReview> scored = data.validation().isEmpty() ? data.train() : data.validation();
        ReviewDataSetIterator validationBatches = pipeline.evaluationBatches(scored);
        int workers = config.get(Settings.WORKERS);
        // As a run does before its first minibatch (TrainingRun): DL4J's workspaces at their final size.
        double presizeMs = workers == 1 ? TrainingWorkspaces.presize(graph, pipeline.largestBatch(data.train())) : 0;
        log.info("Timing {} training minibatches after {} warm-up ones", batches, warmup);
        Timing train = workers == 1 ? time(trainBatches, warmup, batches, graph::fit, () -> pass[0]++)
                : timeParallel(graph, config, trainBatches, warmup, batches * workers);
        log.info("Timing {} validation minibatches scored", batches);
        Timing inference = time(validationBatches, warmup, batches,
                ds -> Evaluator.predict(graph, ds.getFeatures(), ds.getFeaturesMaskArray()), () -> { });
        Timing single = singleReviews(graph, scored, pipeline, warmup, batches);

        long[] epoch = tokens(trainBatches);
        long[] validation = data.validation().isEmpty() ? new long[] {0, 0} : tokens(validationBatches);
        double epochSeconds = epoch[0] / (train.paddedTokens() / train.seconds())
                + validation[0] / (inference.paddedTokens() / inference.seconds());

        // The JSON shape of the lines recorded in docs/benchmarks/ (snake_case keys).
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("version", config.version());
        for (Setting<?> s : List.of(Settings.LSTM, Settings.EMBEDDING, Settings.BATCHING, Settings.PADDING,
                Settings.BATCH_SIZE, Settings.EMBEDDING_SIZE, Settings.HIDDEN_SIZE, Settings.MAX_LENGTH)) {
            String text = config.toSettings().get(s.key());
            settings.put(s.key().replace('-', '_'), s.defaultValue() instanceof Integer ? (Object) Integer.valueOf(text) : text);
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "imdb-sentiment");
        result.put("git_commit", BuildInfo.current().gitCommit());
        result.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        result.put("threads", config.get(Settings.THREADS));
        if (lstmLayers > 0) {
            result.put("lstm_threads", LstmThreads.resolve(config.get(Settings.LSTM_THREADS)));
        }
        average.ifPresent(a -> result.put("weight_average", Map.of("decay", averageDecay, "minibatches_averaged", a.updates())));
        if (workers > 1) {
            result.put("workers", workers);
            result.put("parallel_mode", config.get(Settings.PARALLEL_MODE).key());
            result.put("averaging_frequency", config.get(Settings.AVERAGING_FREQUENCY));
        }
        result.put("cpu", Machine.current().cpu());
        result.put("settings", settings);
        result.put("warmup_batches", warmup);
        if (workers == 1) {
            result.put("workspaces_presized_ms", round(presizeMs));
        }
        result.put("train", train.toJson());
        result.put("inference", inference.toJson());
        result.put("single_review", single.toJson());
        // The work one whole epoch asks for under these settings: what batching and padding cost.
        result.put("epoch_padded_tokens", epoch[0]);
        result.put("epoch_real_tokens", epoch[1]);
        result.put("epoch_padding_overhead", round(epoch[0] / (double) epoch[1]));
        result.put("epoch_estimate_s", round(epochSeconds));
        // A taught run's epoch also holds the teacher's reviews, which the benchmark does not read (labelling them
        // would time the teacher): they cost the same per token, and the estimate leaves them out.
        config.get(Settings.TEACHER).ifPresent(t -> result.put("epoch_estimate_excludes", "the teacher's unlabelled reviews"));
        return result;
    }

    /** {@code nextPass} runs before the iterator is reset to go round again (a training iterator's next epoch). */
    private static Timing time(ReviewDataSetIterator batches, int warmup, int count, Consumer<DataSet> work,
                               Runnable nextPass) {
        batches.reset();
        List<Double> millis = new ArrayList<>();
        long padded = 0;
        long real = 0;
        long distinct = 0;
        for (int i = 0; i < warmup + count; i++) {
            if (!batches.hasNext()) {
                nextPass.run();
                batches.reset(); // fewer minibatches than asked for: go round again, as the next epoch would
            }
            DataSet ds = batches.next();
            long t0 = System.nanoTime();
            work.accept(ds);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (i >= warmup) {
                millis.add(ms);
                padded += paddedSteps(ds);
                real += realTokens(ds);
                distinct = addDistinct(distinct, distinctTokens(ds));
            }
        }
        return new Timing(millis, padded, real, distinct);
    }

    /**
     * Training through DL4J's ParallelWrapper, as a run with workers > 1 trains: {@code warmup} minibatches
     * untimed, then {@code count} in one timed {@code fit} (its "ms" per minibatch are that time's share).
     */
    private static Timing timeParallel(ComputationGraph graph, ExperimentConfig config, ReviewDataSetIterator batches,
                                       int warmup, int count) {
        List<org.nd4j.linalg.dataset.DataSet> first = new ArrayList<>();
        List<org.nd4j.linalg.dataset.DataSet> timed = new ArrayList<>();
        batches.reset();
        for (int i = 0; i < warmup + count; i++) {
            if (!batches.hasNext()) {
                batches.reset();
            }
            (i < warmup ? first : timed).add((org.nd4j.linalg.dataset.DataSet) batches.next());
        }
        ParallelWrapper wrapper = ParallelTraining.wrapper(graph, config);
        try {
            if (!first.isEmpty()) {
                wrapper.fit(new ListDataSetIterator<>(first, 1));
            }
            long t0 = System.nanoTime();
            wrapper.fit(new ListDataSetIterator<>(timed, 1));
            double ms = (System.nanoTime() - t0) / 1e6;
            long padded = timed.stream().mapToLong(Benchmark::paddedSteps).sum();
            long real = timed.stream().mapToLong(Benchmark::realTokens).sum();
            long distinct = timed.stream().mapToLong(Benchmark::distinctTokens).reduce(0, Benchmark::addDistinct);
            return new Timing(Collections.nCopies(count, ms / count), padded, real, distinct);
        } finally {
            wrapper.shutdown();
        }
    }

    /** Reviews scored one at a time, as {@code predict} does: the median-length validation reviews. */
    private static Timing singleReviews(ComputationGraph graph, List<EncodedReview> reviews, SentimentPipeline pipeline,
                                        int warmup, int count) {
        List<EncodedReview> byLength = reviews.stream().sorted(Comparator.comparingInt(r -> r.tokens().length)).toList();
        List<EncodedReview> middle = byLength.subList(byLength.size() / 2, Math.min(byLength.size(), byLength.size() / 2 + warmup + count));
        ReviewDataSetIterator one = pipeline.evaluationBatches(middle, 1);
        return time(one, warmup, count, ds -> Evaluator.predict(graph, ds.getFeatures(), ds.getFeaturesMaskArray()), () -> { });
    }

    /** Padded steps (B×T) and real tokens of one whole pass. */
    private static long[] tokens(ReviewDataSetIterator batches) {
        batches.reset();
        long padded = 0;
        long real = 0;
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            padded += paddedSteps(ds);
            real += realTokens(ds);
        }
        batches.reset();
        return new long[] {padded, real};
    }

    /** Batch × T: the steps the LSTM computes for this minibatch. */
    private static long paddedSteps(DataSet ds) {
        return ds.getFeatures().size(0) * ds.getFeatures().size(2);
    }

    /** The distinct token ids of a minibatch's padded steps, or -1 where its features are not [B, 1, T] token ids. */
    private static long distinctTokens(DataSet ds) {
        INDArray f = ds.getFeatures();
        if (f.rank() != 3 || f.size(1) != 1) {
            return -1;
        }
        return java.util.Arrays.stream(f.castTo(DataType.INT32).ravel().toIntVector()).distinct().count();
    }

    /** A running sum of {@link #distinctTokens}: -1 (not token ids) as soon as one minibatch says so. */
    private static long addDistinct(long total, long ids) {
        return total < 0 || ids < 0 ? -1 : total + ids;
    }

    private static long realTokens(DataSet ds) {
        INDArray mask = ds.getFeaturesMaskArray();
        // Without a mask (naive padding) the real tokens are the non-PAD ids (PAD is 0).
        return mask != null ? mask.sumNumber().longValue()
                : ds.getFeatures().neq(0).castTo(DataType.INT64).sumNumber().longValue();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
