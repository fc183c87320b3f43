package org.imdbsentiment.model.schedule;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.SmallConfig;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The linear learning-rate decay: its values, and how the graph and its saved configuration carry it. */
class LinearDecayTest {

    @Test
    void fallsInAStraightLineFromTheRateToZeroAndStaysThere() {
        LinearDecay d = new LinearDecay(0.001, 400);
        assertEquals(0.001, d.valueAt(0, 0), 1e-15);
        assertEquals(0.00075, d.valueAt(100, 0), 1e-15);
        assertEquals(0.0005, d.valueAt(200, 3), 1e-15, "the epoch plays no part");
        assertEquals(0.001 / 400, d.valueAt(399, 0), 1e-15);
        assertEquals(0, d.valueAt(400, 0));
        assertEquals(0, d.valueAt(10_000, 0));
        assertEquals(d, d.clone());
    }

    @Test
    void refusesNoIterationsOrANegativeRate() {
        assertThrows(IllegalArgumentException.class, () -> new LinearDecay(0.001, 0));
        assertThrows(IllegalArgumentException.class, () -> new LinearDecay(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> new LinearDecay(Double.NaN, 10));
    }

    private static ExperimentConfig hybrid(String schedule) {
        return SmallConfig.of("scratch", 6, 5, "fast", 0.01, 23).with(Map.of("architecture", "hybrid",
                "ngram-buckets", "50", "ngram-size", "4", "ngram-learning-rate", "0.1", "epochs", "4",
                "learning-rate-schedule", schedule));
    }

    private static Object schedule(ComputationGraph g, String layer) {
        return ((Adam) ((BaseLayer) g.getLayer(layer).conf().getLayer()).getIUpdater()).getLearningRateSchedule();
    }

    @Test
    void bothAdamRatesOfTheHybridDecayOverTheRunsEpochsAndTheJsonKeepsIt() {
        ComputationGraph g = SentimentGraph.build(hybrid("linear-decay"), 30, Optional.empty(), 25);
        assertEquals(new LinearDecay(0.01, 100), schedule(g, SentimentGraph.OUTPUT));
        assertEquals(new LinearDecay(0.1, 100), schedule(g, SentimentGraph.NGRAMS));
        // What a run applies at its 50th minibatch: half of each rate.
        g.getConfiguration().setIterationCount(50);
        assertEquals(0.005, g.getLearningRate(SentimentGraph.OUTPUT), 1e-12);
        assertEquals(0.05, g.getLearningRate(SentimentGraph.NGRAMS), 1e-12);

        // A saved model's configuration reads back with the same schedule (checkpoints, resume, bundles).
        String json = g.getConfiguration().toJson();
        assertTrue(json.contains(LinearDecay.class.getName()), json);
        assertEquals(g.getConfiguration(), ComputationGraphConfiguration.fromJson(json));
    }

    @Test
    void trainingAppliesTheDecayedRate() {
        // One epoch of one minibatch: the first trains at the full rate, any after it at 0.
        ComputationGraph g = SentimentGraph.build(SmallConfig.of("scratch", 6, 5, "fast", 0.01, 23)
                .with(Map.of("epochs", "1", "learning-rate-schedule", "linear-decay")), 30, Optional.empty(), 1);
        INDArray tokens = Nd4j.createFromArray(new float[][][] {{{3, 7, 9, 2}}, {{5, 5, 1, 8}}});
        INDArray mask = Nd4j.ones(DataType.FLOAT, 2, 4);
        MultiDataSet batch = new MultiDataSet(new INDArray[] {tokens}, new INDArray[] {Nd4j.createFromArray(new float[][] {{1}, {0}})},
                new INDArray[] {mask}, null);
        INDArray before = g.params().dup();
        g.fit(batch);
        INDArray afterFirst = g.params().dup();
        // Adam's first step moves each parameter with a gradient by about the rate.
        assertTrue(before.sub(afterFirst).amaxNumber().doubleValue() > 0.005, "the first minibatch trains");
        g.fit(batch);
        // Not bit for bit: libnd4j's Adam takes a step size of exactly 0 to be its epsilon, 1e-8 (a run never
        // trains at 0: its last minibatch is at rate / iterations).
        assertTrue(afterFirst.sub(g.params()).amaxNumber().doubleValue() < 1e-6, "a rate of 0 leaves the parameters as they were");
    }

    @Test
    void aConstantRateIsTheDefaultAndNeedsNoEpochLength() {
        ComputationGraph g = SentimentGraph.build(hybrid("constant"), 30);
        assertEquals(null, schedule(g, SentimentGraph.OUTPUT));
        g.getConfiguration().setIterationCount(50);
        assertEquals(0.01, g.getLearningRate(SentimentGraph.OUTPUT), 1e-12);
        assertEquals(0.1, g.getLearningRate(SentimentGraph.NGRAMS), 1e-12);
        String refused = assertThrows(IllegalArgumentException.class,
                () -> SentimentGraph.build(hybrid("linear-decay"), 30)).getMessage();
        assertTrue(refused.contains("minibatches per epoch"), refused);
    }
}
