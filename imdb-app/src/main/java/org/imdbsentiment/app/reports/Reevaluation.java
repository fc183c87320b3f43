package org.imdbsentiment.app.reports;

import org.imdbsentiment.app.runs.EpochMetrics;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.app.runs.RunSummary;
import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.ImdbCorpus;
import org.imdbsentiment.data.ImdbData;
import org.imdbsentiment.data.Progress;
import org.imdbsentiment.data.ReviewDataSetIterator;
import org.imdbsentiment.model.ClassificationReport;
import org.imdbsentiment.model.ScoredReview;
import org.imdbsentiment.model.TestMetrics;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.imdbsentiment.model.config.Settings;
import org.imdbsentiment.model.pipeline.SentimentPipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a trained model on the IMDB test set again: a run's (whose evaluation files it rewrites)
 * or a bundle's (whose numbers it only reports).
 */
public final class Reevaluation {
    private Reevaluation() {
    }

    /** Scores a user's own labelled reviews ({@link LabelledFile}) with {@code bundle}; writes nothing. */
    public static TestMetrics ofFile(ModelBundle bundle, Path file, Progress.Factory progress) {
        SentimentPipeline pipeline = bundle.pipeline();
        List<EncodedReview> reviews = pipeline.encodeAll(LabelledFile.read(file));
        ReviewDataSetIterator batches = pipeline.evaluationBatches(reviews);
        long t0 = System.nanoTime();
        List<ScoredReview> scored;
        try (Progress shown = progress.start("scoring", batches.batchesPerEpoch(), "batches")) {
            scored = pipeline.score(bundle.graph(), batches, 0, shown);
        }
        return TestMetrics.of(bundle.config().version(), ClassificationReport.of(scored), null, null,
                (System.nanoTime() - t0) / 1e9, true);
    }

    /**
     * Scores the test set with {@code bundle}; when {@code run} is given, rewrites its evaluation files.
     *
     * @param data       IMDB data (default: the model's own setting)
     * @param maxBatches at most this many test batches (0: all); such a partial result is marked incomplete
     */
    public static TestMetrics run(ModelBundle bundle, Optional<RunDirectory> run, Optional<Path> data, int maxBatches,
                                  Progress.Factory progress) throws IOException {
        SentimentPipeline pipeline = bundle.pipeline();
        ImdbCorpus corpus = ImdbData.load(data.or(() -> bundle.config().get(Settings.DATA)), bundle.config().cacheDir(),
                progress);
        List<EncodedReview> test = pipeline.encodeAll(corpus.test());
        ReviewDataSetIterator batches = pipeline.evaluationBatches(test);
        int total = maxBatches == 0 ? batches.batchesPerEpoch() : Math.min(maxBatches, batches.batchesPerEpoch());
        long t0 = System.nanoTime();
        List<ScoredReview> scored;
        try (Progress shown = progress.start("test", total, "batches")) {
            scored = pipeline.score(bundle.graph(), batches, maxBatches, shown);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (run.isEmpty()) {
            return TestMetrics.of(bundle.config().version(), ClassificationReport.of(scored), null, null, seconds,
                    scored.size() == test.size());
        }
        RunDirectory r = run.get();
        boolean finished = r.summary().map(RunSummary::isFinished).orElse(false);
        Map<String, String> texts = new HashMap<>();
        corpus.test().forEach(review -> texts.put(review.id(), review.text()));
        List<EpochMetrics> epochs = r.epochs();
        return RunEvaluation.write(r, bundle.config().version(), scored, texts, epochs, EpochMetrics.best(epochs), seconds,
                finished && scored.size() == test.size());
    }
}
