package org.imdbsentiment.model.lstm;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import org.imdbsentiment.model.embedding.FastEmbeddingSequenceLayer;
import org.imdbsentiment.model.embedding.FastEmbeddingSequence;
import org.imdbsentiment.model.FastLayers;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.model.GradientChecks;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.SmallConfig;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * v4's bidirectional layer with its two directions computed at the same time: the same numbers, bit
 * for bit, as DL4J's layer computing them one after the other, in training (with input dropout) and
 * inference, on post- and pre-padded batches.
 */
class FastBidirectionalTest {
    private static final int VOCAB = 30;

    private static ExperimentConfig v4() {
        return SmallConfig.of("scratch", 6, 5, "fast", 0.01, 23)
                .with(Map.of("architecture", "bilstm-pool", "embedding-dropout", "0.3", "gradient-clip", "1.0"));
    }

    private static FastBidirectionalLayer bidirectional(ComputationGraph g) {
        return (FastBidirectionalLayer) g.getLayer(SentimentGraph.LSTM_LAYER);
    }

    /** Reviews of the given lengths, padded after (or, with prePadded, before) their real steps. */
    private static MultiDataSet batch(int[] lengths, int steps, boolean prePadded, Random r) {
        INDArray f = Nd4j.zeros(DataType.FLOAT, lengths.length, 1, steps);
        INDArray m = Nd4j.zeros(DataType.FLOAT, lengths.length, steps);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, lengths.length, 1);
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < steps; t++) {
                boolean real = prePadded ? t >= steps - lengths[b] : t < lengths[b];
                f.putScalar(new int[] {b, 0, t}, real ? 2 + r.nextInt(VOCAB - 2) : 0);
                m.putScalar(new int[] {b, t}, real ? 1 : 0);
            }
            labels.putScalar(b, 0, r.nextBoolean() ? 1 : 0);
        }
        return new MultiDataSet(new INDArray[] {f}, new INDArray[] {labels}, new INDArray[] {m}, null);
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    /** The same graph with DL4J's own {@code Bidirectional} (as v4 runs saved it before FastBidirectional). */
    private static ComputationGraph withDl4jsBidirectional(ComputationGraph fast) {
        ComputationGraph g = new ComputationGraph(ComputationGraphConfiguration.fromJson(fast.getConfiguration().toJson()
                .replace(FastBidirectional.class.getName(), Bidirectional.class.getName())
                .replace(FastEmbeddingSequence.class.getName(), EmbeddingSequenceLayer.class.getName())));
        g.init(fast.params().dup(), false);
        assertFalse(g.getLayer(SentimentGraph.LSTM_LAYER) instanceof FastBidirectionalLayer);
        return g;
    }

    /**
     * Trains {@code parallel} and the same graph with DL4J's Bidirectional (one direction after the
     * other, DL4J's code) on the same batches; their parameters must stay identical.
     */
    private static void assertTrainsAsSequential(ComputationGraph parallel) {
        ComputationGraph sequential = withDl4jsBidirectional(SentimentGraph.build(v4(), VOCAB));
        Random r = new Random(5);
        for (int step = 0; step < 4; step++) {
            MultiDataSet data = batch(new int[] {9, 4, 1, 9, 6, 3}, 9, step % 2 == 1, r);
            for (ComputationGraph g : List.of(sequential, parallel)) {
                Nd4j.getRandom().setSeed(100 + step); // the same dropout masks, if drawn in the same order
                g.fit(data);
            }
            assertEquals(sequential.score(), parallel.score(), 0.0, "loss of step " + step);
            assertEquals(0, maxAbsDiff(sequential.params(), parallel.params()), "parameters after step " + step);
        }
        for (boolean prePadded : new boolean[] {false, true}) {
            MultiDataSet data = batch(new int[] {7, 2, 5}, 12, prePadded, r);
            INDArray a = sequential.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0];
            INDArray b = parallel.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0];
            assertEquals(0, maxAbsDiff(a, b), "inference, prePadded=" + prePadded);
        }
    }

    @Test
    void computingBothDirectionsAtOnceTrainsBitForBitAsOneAfterTheOther() {
        ComputationGraph parallel = SentimentGraph.build(v4(), VOCAB);
        FastBidirectionalLayer layer = bidirectional(parallel);
        layer.setParallel(true); // also on a one-core machine, where the default is one after the other
        List<Runnable> handed = new ArrayList<>();
        // A thread of its own for every forward-direction pass, so the two directions really overlap.
        layer.setExecutor(task -> {
            handed.add(task);
            Thread t = new Thread(task, "forward-direction");
            t.start();
        });
        assertTrainsAsSequential(parallel);
        // 4 training steps (a forward and a backward pass each) and 2 inference passes
        assertEquals(4 * 2 + 2, handed.size(), "every pass handed the forward direction to the executor");
    }

    @Test
    void overRecurringWordsBothDirectionsProjectOnlyTheDistinctRowsAndMatchDl4jsLstm() {
        // Without input dropout, over 28 words: each direction projects at most 29 distinct rows of 120.
        Map<String, String> noDropout = Map.of("architecture", "bilstm-pool", "embedding-dropout", "0");
        ComputationGraph fast = SentimentGraph.build(SmallConfig.of("scratch", 6, 5, "fast", 0.01, 23).with(noDropout), VOCAB);
        ComputationGraph dl4j = SentimentGraph.build(SmallConfig.of("scratch", 6, 5, "dl4j", 0.01, 23).with(noDropout), VOCAB);
        assertEquals(dl4j.params(), fast.params(), "same seed, same initial parameters");
        FastBidirectionalLayer layer = bidirectional(fast);
        layer.setParallel(true);
        Random r = new Random(8);
        MultiDataSet data = batch(new int[] {20, 18, 15, 20, 9, 12}, 20, false, r);
        INDArray a = dl4j.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0];
        INDArray b = fast.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0];
        assertEquals(0, maxAbsDiff(a, b), 2e-6, "inference");
        int[] distinct = layer.distinctRowsOfLastPass();
        assertTrue(distinct[0] > 1 && distinct[0] <= 29 && distinct[1] == distinct[0],
                "inference projected " + Arrays.toString(distinct) + " distinct rows of 120");
        for (int step = 0; step < 3; step++) {
            MultiDataSet next = batch(new int[] {20, 18, 15, 20, 9, 12}, 20, step == 1, r);
            fast.fit(next);
            dl4j.fit(next);
            assertEquals(dl4j.score(), fast.score(), 1e-5, "loss of step " + step);
            distinct = layer.distinctRowsOfLastPass();
            assertTrue(distinct[0] > 1 && distinct[1] > 1, "step " + step + ": " + Arrays.toString(distinct));
        }
        assertEquals(0, maxAbsDiff(dl4j.params(), fast.params()), 1e-4);
    }

    @Test
    void whenNoPoolThreadTakesTheForwardDirectionTheCallerComputesIt() {
        ComputationGraph parallel = SentimentGraph.build(v4(), VOCAB);
        AtomicInteger handed = new AtomicInteger();
        Executor neverRuns = task -> handed.incrementAndGet();
        bidirectional(parallel).setParallel(true);
        bidirectional(parallel).setExecutor(neverRuns);
        assertTrainsAsSequential(parallel);
        assertEquals(10, handed.get());
    }

    @Test
    void onOneThreadBothDirectionsAreComputedHereWithTheSameResults() {
        ComputationGraph oneThread = SentimentGraph.build(v4(), VOCAB);
        assertEquals(1, LstmThreads.apply(oneThread, 1));
        assertFalse(bidirectional(oneThread).isParallel());
        AtomicInteger handed = new AtomicInteger();
        bidirectional(oneThread).setExecutor(task -> handed.incrementAndGet());
        assertTrainsAsSequential(oneThread);
        assertEquals(0, handed.get(), "nothing handed to another thread");
    }

    @Test
    void theCommonPoolGivesTheSameResults() {
        ComputationGraph parallel = SentimentGraph.build(v4(), VOCAB);
        bidirectional(parallel).setParallel(true); // even on one core, where the default is sequential
        assertTrainsAsSequential(parallel);
    }

    @Test
    void passesDl4jsGradientCheckWithPostAndPrePaddedMasksWhileComputingBothDirectionsAtOnce() {
        GradientChecks.inDoublePrecision(() -> {
            ComputationGraph g = GradientChecks.pooledBidirectional(
                    new FastBidirectional(Bidirectional.Mode.CONCAT, new FastLstm(3, 4)));
            FastBidirectionalLayer layer = (FastBidirectionalLayer) g.getLayer("lstm");
            layer.setParallel(true);
            AtomicInteger handed = new AtomicInteger();
            layer.setExecutor(task -> {
                handed.incrementAndGet();
                new Thread(task).start();
            });
            INDArray[] batch = GradientChecks.pooledBidirectionalBatch();
            assertTrue(GradientChecks.passes(g, batch[0], batch[1], batch[2]), "gradient check");
            assertTrue(handed.get() > 0, "the gradient check went through the parallel passes");
        });
    }

    @Test
    void configurationIsDl4jsBidirectionalApartFromTheClassAndRestoresWithTheFastLayer(@TempDir Path dir) throws Exception {
        ComputationGraph fast = SentimentGraph.build(v4(), VOCAB);
        assertTrue(fast.getLayer(SentimentGraph.LSTM_LAYER).conf().getLayer() instanceof FastBidirectional);
        String json = fast.getConfiguration().toJson();
        String asDl4j = json.replace(FastBidirectional.class.getName(), Bidirectional.class.getName());
        assertTrue(!asDl4j.equals(json), "the JSON names the class");
        ComputationGraph dl4j = new ComputationGraph(ComputationGraphConfiguration.fromJson(asDl4j));
        dl4j.init(fast.params().dup(), false);
        assertFalse(dl4j.getLayer(SentimentGraph.LSTM_LAYER) instanceof FastBidirectionalLayer);
        MultiDataSet data = batch(new int[] {8, 3}, 8, false, new Random(2));
        assertEquals(0, maxAbsDiff(dl4j.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0],
                fast.output(false, data.getFeatures(), data.getFeaturesMaskArrays())[0]));

        Path file = dir.resolve("g.zip");
        fast.save(file.toFile(), true);
        ComputationGraph restored = ComputationGraph.load(file.toFile(), true);
        assertTrue(restored.getLayer(SentimentGraph.LSTM_LAYER) instanceof FastBidirectionalLayer);
        assertEquals(0, maxAbsDiff(fast.params(), restored.params()));
    }

    @Test
    void graphsSavedWithDl4jsLayersAreUpgradedWithTheirParametersUpdaterStateAndCounters() {
        // v4 as saved before FastBidirectional and FastEmbeddingSequence existed, and v1 before the latter.
        for (ComputationGraph old : List.of(withDl4jsBidirectional(SentimentGraph.build(v4(), VOCAB)),
                withDl4jsBidirectional(SentimentGraph.build(SmallConfig.of("scratch", 6, 5, "fast", 0.01, 23), VOCAB)))) {
            assertFalse(old.getLayer(SentimentGraph.EMBEDDING) instanceof FastEmbeddingSequenceLayer);
            Random r = new Random(7);
            for (int step = 0; step < 2; step++) {
                Nd4j.getRandom().setSeed(step);
                old.fit(batch(new int[] {6, 2, 5}, 6, false, r));
            }
            old.getConfiguration().setEpochCount(3);

            ComputationGraph upgraded = FastLayers.upgrade(old);
            assertInstanceOf(FastEmbeddingSequenceLayer.class, upgraded.getLayer(SentimentGraph.EMBEDDING));
            if (old.getLayer(SentimentGraph.LSTM_LAYER) instanceof BidirectionalLayer) {
                assertInstanceOf(FastBidirectionalLayer.class, upgraded.getLayer(SentimentGraph.LSTM_LAYER));
                bidirectional(upgraded).setParallel(true);
            }
            assertEquals(0, maxAbsDiff(old.params(), upgraded.params()));
            assertEquals(0, maxAbsDiff(old.getUpdater().getStateViewArray(), upgraded.getUpdater().getStateViewArray()),
                    "Adam's moments carried over");
            assertEquals(old.getConfiguration().getIterationCount(), upgraded.getConfiguration().getIterationCount());
            assertEquals(3, upgraded.getConfiguration().getEpochCount());
            MultiDataSet next = batch(new int[] {7, 3, 4}, 7, false, r);
            for (ComputationGraph g : List.of(old, upgraded)) {
                Nd4j.getRandom().setSeed(9);
                g.fit(next);
            }
            assertEquals(0, maxAbsDiff(old.params(), upgraded.params()), "training goes on exactly as before");
        }

        ComputationGraph v1 = SentimentGraph.build(SmallConfig.of("scratch", 6, 5, "fast", 0.01, 23), VOCAB);
        assertTrue(FastLayers.upgrade(v1) == v1, "nothing to upgrade: the same graph");
        ComputationGraph dl4j = SentimentGraph.build(SmallConfig.of("scratch", 6, 5, "dl4j", 0.01, 23), VOCAB);
        assertTrue(FastLayers.upgrade(dl4j) == dl4j, "DL4J's LSTM: the graph stays all DL4J's");
    }
}
