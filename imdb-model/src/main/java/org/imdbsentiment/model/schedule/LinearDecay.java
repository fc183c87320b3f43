package org.imdbsentiment.model.schedule;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A learning rate that falls in a straight line, minibatch by minibatch, from {@code initialValue} at
 * iteration 0 to 0 at iteration {@code iterations} (and stays 0 after it): the linear decay of
 * PyTorch's {@code LinearLR(start_factor=1, end_factor=0)} or Hugging Face's linear schedule without
 * warm-up.
 *
 * <p>It reads the iteration count, which DL4J keeps in the graph's configuration and saves with the
 * model, so a run resumed from a checkpoint continues the decay where it stopped. (ND4J's
 * {@code PolySchedule} would be the library's way, but in 1.0.0-M2.1 it computes
 * {@code (1 + i / maxIter)^power}, which grows, and drops to 0 at {@code maxIter}.) The class is
 * written into the model's JSON like ND4J's own schedules.
 */
public final class LinearDecay implements ISchedule {
    private final double initialValue;
    private final int iterations;

    public LinearDecay(@JsonProperty("initialValue") double initialValue, @JsonProperty("iterations") int iterations) {
        if (!(initialValue >= 0) || iterations < 1) {
            throw new IllegalArgumentException("linear decay needs a value >= 0 and at least one iteration, got "
                    + initialValue + " over " + iterations);
        }
        this.initialValue = initialValue;
        this.iterations = iterations;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return iteration >= iterations ? 0 : initialValue * (iterations - Math.max(0, iteration)) / iterations;
    }

    @Override
    public ISchedule clone() {
        return new LinearDecay(initialValue, iterations);
    }

    public double getInitialValue() {
        return initialValue;
    }

    public int getIterations() {
        return iterations;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearDecay d && d.initialValue == initialValue && d.iterations == iterations;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(initialValue) * 31 + iterations;
    }

    @Override
    public String toString() {
        return "LinearDecay(" + initialValue + " to 0 over " + iterations + " iterations)";
    }
}
