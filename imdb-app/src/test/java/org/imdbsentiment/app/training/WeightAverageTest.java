package org.imdbsentiment.app.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WeightAverageTest {
    private static ComputationGraph graph() {
        return SentimentGraph.build(ExperimentConfig.of(Map.of("embedding-size", "4", "hidden-size", "3")), 10);
    }

    /** Sets the graph's parameters to {@code values} and tells the average a minibatch has been trained. */
    private static INDArray step(ComputationGraph g, WeightAverage average, double... values) {
        INDArray params = Nd4j.create(values).castTo(g.params().dataType()).reshape(g.params().shape());
        g.setParams(params);
        average.iterationDone(g, 0, 0);
        return params.dup();
    }

    private static double[] filled(ComputationGraph g, double value) {
        double[] v = new double[(int) g.numParams()];
        java.util.Arrays.fill(v, value);
        return v;
    }

    @Test
    void theAverageIsTheBiasCorrectedExponentialMovingAverageOfTheParametersAfterEachMinibatch() {
        ComputationGraph g = graph();
        double d = 0.5;
        WeightAverage average = WeightAverage.start(d, g);
        INDArray p1 = step(g, average, filled(g, 4));
        // one minibatch: the bias correction gives that minibatch's parameters exactly
        assertEquals(p1, average.average());
        step(g, average, filled(g, 1));
        step(g, average, filled(g, -2));
        // s = (1-d)(d^2 * 4 + d * 1 + (-2)), divided by 1 - d^3
        double expected = (1 - d) * (d * d * 4 + d * 1 - 2) / (1 - d * d * d);
        assertEquals(3, average.updates());
        INDArray a = average.average();
        assertEquals(expected, a.minNumber().doubleValue(), 1e-6);
        assertEquals(expected, a.maxNumber().doubleValue(), 1e-6);
        assertArrayEquals(g.params().shape(), a.shape());
    }

    @Test
    void theAveragedGraphHasTheAverageAndLeavesTheTrainedOneAlone() {
        ComputationGraph g = graph();
        WeightAverage average = WeightAverage.start(0.9, g);
        step(g, average, filled(g, 1));
        INDArray last = step(g, average, filled(g, 3));
        ComputationGraph averaged = average.averaged(g);
        assertNotSame(g, averaged);
        assertEquals(average.average(), averaged.params());
        assertEquals(last, g.params());
        // the same graph until the next minibatch, then a new one
        assertSame(averaged, average.averaged(g));
        step(g, average, filled(g, 5));
        ComputationGraph next = average.averaged(g);
        assertNotSame(averaged, next);
        assertEquals(average.average(), next.params());
        assertEquals(g.getConfiguration().toJson(), next.getConfiguration().toJson());
    }

    @Test
    void anAverageResumedFromItsStateContinuesAsIfNeverStopped() throws java.io.IOException {
        ComputationGraph g = graph();
        List<double[]> steps = List.of(filled(g, 1), filled(g, -1), filled(g, 2), filled(g, 0.5));
        WeightAverage whole = WeightAverage.start(0.7, g);
        steps.forEach(s -> step(g, whole, s));

        WeightAverage first = WeightAverage.start(0.7, g);
        step(g, first, steps.get(0));
        step(g, first, steps.get(1));
        // what a checkpoint keeps, written and read in ND4J's format
        WeightAverage.State state = first.state();
        WeightAverage resumed = WeightAverage.resume(0.7, new WeightAverage.State(
                Nd4j.fromByteArray(Nd4j.toByteArray(state.sum())), state.updates()));
        step(g, resumed, steps.get(2));
        step(g, resumed, steps.get(3));
        assertEquals(whole.updates(), resumed.updates());
        assertEquals(whole.average(), resumed.average());
    }

    @Test
    void thereIsNoAverageBeforeTheFirstMinibatchAndTheDecayMustBeBelowOne() {
        ComputationGraph g = graph();
        assertThrows(IllegalStateException.class, () -> WeightAverage.start(0.9, g).average());
        assertThrows(IllegalArgumentException.class, () -> WeightAverage.start(1, g));
        assertThrows(IllegalArgumentException.class, () -> WeightAverage.start(0, g));
        assertEquals(DataType.FLOAT, WeightAverage.start(0.9, g).state().sum().dataType());
    }
}
