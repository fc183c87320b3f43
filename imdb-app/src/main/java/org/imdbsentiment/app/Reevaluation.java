package org.imdbsentiment.app;

import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.ImdbCorpus;
import org.imdbsentiment.data.ImdbData;
import org.imdbsentiment.data.ReviewDataSetIterator;
import org.imdbsentiment.model.ClassificationReport;
import org.imdbsentiment.model.Evaluator;
import org.imdbsentiment.model.ExperimentConfig;
import org.imdbsentiment.model.ScoredReview;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates the best model of an existing run on the test set again and rewrites its evaluation
 * files: for runs made before a report existed, or to check a model bundle.
 */
final class Reevaluation {
    private Reevaluation() {
    }

    static ClassificationReport run(Path runDir, Optional<Path> data, int maxBatches) throws IOException {
        ModelBundle bundle = ModelBundle.load(runDir);
        RunDirectory run = RunDirectory.existing(runDir);
        ExperimentConfig config = bundle.config();
        ImdbCorpus corpus = ImdbData.load(data.or(() -> config.data().source()), config.data().cacheDir(),
                ConsoleProgress.forThisProcess());
        List<EncodedReview> test = bundle.encoder().encodeAll(corpus.test());
        ReviewDataSetIterator batches = ReviewDataSetIterator.forEvaluation(test, config.training().batchSize(),
                config.training().seed()).withPadding(config.data().padding(), config.data().maxLength());
        long t0 = System.nanoTime();
        List<ScoredReview> scored;
        try (var shown = ConsoleProgress.forThisProcess().start("test", batches.batchesPerEpoch(), "batches")) {
            scored = Evaluator.score(bundle.graph(), batches, maxBatches, shown);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, String> texts = new HashMap<>();
        corpus.test().forEach(r -> texts.put(r.id(), r.text()));
        List<EpochMetrics> epochs = Files.isRegularFile(run.resolve(RunDirectory.EPOCHS))
                ? EpochMetrics.parseCsv(Files.readAllLines(run.resolve(RunDirectory.EPOCHS))) : List.of();
        Integer best = Comparison.bestOf(epochs);
        return RunEvaluation.write(run, config.version(), scored, texts, epochs, best == null ? 0 : best, seconds);
    }
}
