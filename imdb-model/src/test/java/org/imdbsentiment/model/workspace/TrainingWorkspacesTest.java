package org.imdbsentiment.model.workspace;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.data.BatchOrder;
import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.ReviewDataSetIterator;
import org.imdbsentiment.data.Sentiment;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.SmallConfig;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.pipeline.SentimentPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingWorkspacesTest {
    private static final int WORDS = 40;
    private static final Vocabulary VOCAB = Vocabulary.of(words());

    private static List<String> words() {
        List<String> w = new ArrayList<>();
        for (int i = 0; i < WORDS; i++) {
            w.add("w" + i);
        }
        return w;
    }

    @AfterEach
    void freeWorkspaces() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
    }

    /** Reviews of lengths 1..maxLength+10 (cut to max-length by the pipeline's batches), random words. */
    private static List<EncodedReview> reviews(int count, int maxLength) {
        Random r = new Random(5);
        List<EncodedReview> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = 1 + r.nextInt(maxLength + 10);
            int[] ids = new int[Math.min(length, maxLength)];
            for (int t = 0; t < ids.length; t++) {
                ids[t] = 2 + r.nextInt(WORDS); // past pad and unk
            }
            out.add(new EncodedReview("r" + i, ids, i % 2 == 0 ? Sentiment.POSITIVE : Sentiment.NEGATIVE, length));
        }
        return out;
    }

    private static ExperimentConfig config(String architecture) {
        Map<String, String> more = switch (architecture) {
            case "lstm" -> Map.of("max-length", "60", "batch-size", "8");
            // v4's shape: both directions, dropout after the embedding and before the output.
            case "bilstm-pool" -> Map.of("architecture", architecture, "max-length", "60", "batch-size", "8",
                    "embedding-dropout", "0.5", "dropout", "0.5");
            // v5's shape: the two heads with the n-gram bag.
            default -> Map.of("architecture", architecture, "max-length", "60", "batch-size", "8",
                    "ngram-buckets", "64", "dropout", "0.5");
        };
        return SmallConfig.of("scratch", 6, 5, "fast", 0.01, 17).with(more);
    }

    private static List<DataSet> batches(SentimentPipeline pipeline, List<EncodedReview> reviews, int count) {
        ReviewDataSetIterator it = pipeline.trainingBatches(reviews, BatchOrder.BUCKETED, () -> 1);
        List<DataSet> out = new ArrayList<>();
        while (it.hasNext() && out.size() < count) {
            out.add(it.next());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "bilstm-pool", "hybrid-heads"})
    void trainingAfterThePassLearnsExactlyWhatItLearnsWithout(String architecture) {
        ExperimentConfig config = config(architecture);
        SentimentPipeline pipeline = SentimentPipeline.of(config, VOCAB);
        List<EncodedReview> reviews = reviews(40, 60);
        List<DataSet> batches = batches(pipeline, reviews, 4);

        ComputationGraph presized = SentimentGraph.build(config, VOCAB.size()); // build seeds ND4J's random stream
        INDArray before = presized.params().dup();
        double ms = TrainingWorkspaces.presize(presized, pipeline.largestBatch(reviews));
        assertTrue(ms > 0);
        assertEquals(before, presized.params(), "the pass leaves no parameter changed");
        assertEquals(0, presized.getConfiguration().getIterationCount());
        batches.forEach(presized::fit);

        ComputationGraph plain = SentimentGraph.build(config, VOCAB.size());
        batches.forEach(plain::fit);
        // Dropout draws the same masks: the pass put ND4J's random stream back where it was.
        assertEquals(plain.params(), presized.params());
        assertEquals(plain.getUpdater().getStateViewArray(), presized.getUpdater().getStateViewArray());
    }

    @Test
    void dropoutInThePassWouldHaveMovedTheRandomStreamWereItNotPutBack() {
        // The check above can fail: the same pass with dropout draws from ND4J's stream.
        ExperimentConfig config = config("bilstm-pool");
        SentimentPipeline pipeline = SentimentPipeline.of(config, VOCAB);
        SentimentGraph.build(config, VOCAB.size());
        long root = Nd4j.getRandom().rootState();
        long node = Nd4j.getRandom().nodeState();
        ComputationGraph g = SentimentGraph.build(config, VOCAB.size());
        DataSet largest = pipeline.largestBatch(reviews(40, 60));
        g.fit(largest);
        assertNotEquals(List.of(root, node), List.of(Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState()));
    }

    @Test
    void afterThePassNoMinibatchGrowsAWorkspace() {
        ExperimentConfig config = config("lstm");
        SentimentPipeline pipeline = SentimentPipeline.of(config, VOCAB);
        List<EncodedReview> reviews = reviews(40, 60);
        List<DataSet> batches = batches(pipeline, reviews, 5);

        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        ComputationGraph g = SentimentGraph.build(config, VOCAB.size());
        TrainingWorkspaces.presize(g, pipeline.largestBatch(reviews));
        Map<String, Long> sized = TrainingWorkspaces.sizesOfThisThread();
        assertTrue(sized.values().stream().anyMatch(s -> s > 0), "sized: " + sized);
        for (DataSet b : batches) {
            g.fit(b);
            assertEquals(sized, TrainingWorkspaces.sizesOfThisThread(), "after a minibatch of " + b.getFeatures().shape()[2] + " steps");
        }
        g.fit(pipeline.largestBatch(reviews));
        assertEquals(sized, TrainingWorkspaces.sizesOfThisThread(), "after the largest minibatch");

        // Without the pass the same minibatches do grow them: what the pass saves.
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        ComputationGraph plain = SentimentGraph.build(config, VOCAB.size());
        List<Map<String, Long>> seen = new ArrayList<>();
        for (DataSet b : batches) {
            plain.fit(b);
            seen.add(TrainingWorkspaces.sizesOfThisThread());
        }
        plain.fit(pipeline.largestBatch(reviews));
        seen.add(TrainingWorkspaces.sizesOfThisThread());
        assertTrue(seen.stream().distinct().count() > 1, "sizes over the minibatches: " + seen);
    }

    @Test
    void theLargestBatchHoldsTheLongestReviewsCutToMaxLength() {
        ExperimentConfig config = config("lstm");
        SentimentPipeline pipeline = SentimentPipeline.of(config, VOCAB);
        List<EncodedReview> reviews = reviews(40, 60);
        DataSet largest = pipeline.largestBatch(reviews);
        assertEquals(8, largest.getFeatures().size(0));
        assertEquals(60, largest.getFeatures().size(2));
        assertEquals(3, pipeline.largestBatch(reviews.subList(0, 3)).getFeatures().size(0));
    }
}
