package org.imdbsentiment.model.lstm;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.SmallConfig;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * v1's LSTM with its training minibatch's rows split between threads: each slice of rows runs its
 * own recurrence, and training gives the same numbers as one thread: bit for bit at small sizes, and at
 * v1's wherever OpenBLAS's per-step product of a row does not depend on the rows beside it.
 */
class RowSlicesTest {
    private static final int VOCAB = 40;

    private static ExperimentConfig v1() {
        return SmallConfig.of("scratch", 6, 5, "fast", 0.01, 31).with(Map.of("embedding-dropout", "0.2"));
    }

    private static FastLstmLayer lstm(ComputationGraph g) {
        return (FastLstmLayer) g.getLayer(SentimentGraph.LSTM_LAYER);
    }

    private static MultiDataSet batch(int rows, int steps, boolean prePadded, Random r) {
        INDArray f = Nd4j.zeros(DataType.FLOAT, rows, 1, steps);
        INDArray m = Nd4j.zeros(DataType.FLOAT, rows, steps);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, rows, 1);
        for (int b = 0; b < rows; b++) {
            int length = 1 + r.nextInt(steps);
            for (int t = 0; t < steps; t++) {
                boolean real = prePadded ? t >= steps - length : t < length;
                f.putScalar(new int[] {b, 0, t}, real ? 2 + r.nextInt(VOCAB - 2) : 0);
                m.putScalar(new int[] {b, t}, real ? 1 : 0);
            }
            labels.putScalar(b, 0, r.nextBoolean() ? 1 : 0);
        }
        return new MultiDataSet(new INDArray[] {f}, new INDArray[] {labels}, new INDArray[] {m}, null);
    }

    @Test
    void slicesAreAtLeastEightRowsAndCoverTheBatch() {
        assertArrayEquals(new int[] {0, 64}, FastLstmLayer.sliceBounds(64, 1));
        assertArrayEquals(new int[] {0, 32, 64}, FastLstmLayer.sliceBounds(64, 2));
        assertArrayEquals(new int[] {0, 8, 16, 25}, FastLstmLayer.sliceBounds(25, 4));
        assertArrayEquals(new int[] {0, 15}, FastLstmLayer.sliceBounds(15, 2), "too few rows for two slices");
        assertThrows(IllegalArgumentException.class, () -> lstm(SentimentGraph.build(v1(), VOCAB)).setRowThreads(0));
    }

    @Test
    void trainingWithTheRowsSplitIsBitForBitTrainingOnOneThread() {
        for (int threads : new int[] {2, 3}) {
            ComputationGraph one = SentimentGraph.build(v1(), VOCAB);
            ComputationGraph split = SentimentGraph.build(v1(), VOCAB);
            assertEquals(1, LstmThreads.apply(one, 1));
            LstmThreads.apply(split, threads);
            AtomicInteger handed = new AtomicInteger();
            // A thread of its own for each handed slice, so the slices really overlap.
            lstm(split).setExecutor(task -> {
                handed.incrementAndGet();
                new Thread(task).start();
            });
            Random r = new Random(threads);
            int stages = 0;
            for (int step = 0; step < 4; step++) {
                MultiDataSet data = batch(26, 9, step % 2 == 1, r);
                for (ComputationGraph g : List.of(one, split)) {
                    Nd4j.getRandom().setSeed(50 + step);
                    g.fit(data);
                }
                // Where the input's distinct rows were projected, the backward pass copies no input.
                stages += lstm(split).distinctRowsOfLastPass() > 0 ? 6 : 7;
                assertEquals(one.score(), split.score(), 0.0, threads + " threads, loss of step " + step);
                assertEquals(0, one.params().sub(split.params()).amaxNumber().doubleValue(),
                        threads + " threads, parameters after step " + step);
            }
            // 26 rows: 2 or 3 slices, all but the first handed, in each step for 7 stages: the forward
            // pass's input copy, products and recurrence, and the backward pass's two copies in (one, where
            // the forward pass projected only the input's distinct rows), its recurrence and products (the
            // input gradient is handed on as a view, not copied out)
            assertEquals(stages * (threads - 1), handed.get());
        }
    }

    /**
     * At v1's sizes the split rows train as one thread does: bit for bit where this machine's OpenBLAS
     * computes each row of the per-step product the same whatever other rows share the call (its AVX-512
     * kernel, on the machines this was first measured on), and to rounding where it does not (its
     * Haswell/Zen kernel on AVX2 machines, where a row's sums depend on how many rows the call holds).
     */
    @Test
    void atV1sSizesTooTheSplitRowsTrainAsOneThread() {
        ExperimentConfig real = SmallConfig.of("scratch", 100, 256, "fast", 0.001, 5);
        ComputationGraph one = SentimentGraph.build(real, VOCAB);
        ComputationGraph split = SentimentGraph.build(real, VOCAB);
        LstmThreads.apply(one, 1);
        LstmThreads.apply(split, 2);
        boolean rowsIndependent = stepProductRowsAreIndependent(256, 64);
        Random r = new Random(3);
        for (int step = 0; step < 2; step++) {
            MultiDataSet data = batch(64, 24, false, r);
            one.fit(data);
            split.fit(data);
            double difference = one.params().sub(split.params()).amaxNumber().doubleValue();
            if (rowsIndependent) {
                assertEquals(0, difference, "parameters after step " + step);
            } else {
                // Adam moves each parameter by about 1e-3 a step; the rows' rounding moves it by about 1e-7.
                assertTrue(difference < 1e-5, "parameters after step " + step + " differ by " + difference);
            }
        }
    }

    /**
     * Whether OpenBLAS gives each row of the per-step product RWᵀ·hᵀ ({@link CpuGemm#multiplyTransposedRows},
     * 4H = 4 · {@code units} weight rows) the same values in a call of {@code rows} rows as in two calls
     * of half as many.
     */
    static boolean stepProductRowsAreIndependent(int units, int rows) {
        Nd4j.getRandom().setSeed(7);
        INDArray weights = Nd4j.rand(DataType.FLOAT, 4L * units, units).subi(0.5);
        INDArray states = Nd4j.rand(DataType.FLOAT, rows, units).subi(0.5);
        int half = rows / 2;
        INDArray first = states.get(NDArrayIndex.interval(0, half), NDArrayIndex.all()).dup('c');
        INDArray second = states.get(NDArrayIndex.interval(half, rows), NDArrayIndex.all()).dup('c');
        INDArray all = Nd4j.createUninitialized(DataType.FLOAT, 4L * units, rows);
        INDArray top = Nd4j.createUninitialized(DataType.FLOAT, 4L * units, half);
        INDArray bottom = Nd4j.createUninitialized(DataType.FLOAT, 4L * units, rows - half);
        CpuGemm.multiplyTransposedRows(weights, states, all, rows);
        CpuGemm.multiplyTransposedRows(weights, first, top, half);
        CpuGemm.multiplyTransposedRows(weights, second, bottom, rows - half);
        INDArray joined = Nd4j.hstack(top, bottom);
        return all.sub(joined).amaxNumber().doubleValue() == 0; // INDArray.equals would allow 1e-5
    }
}
