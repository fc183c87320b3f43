package org.imdbsentiment.app.training;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.imdbsentiment.model.config.ConfigException;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.config.Settings;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An exponential moving average of a graph's parameters, updated after every minibatch (as a
 * training listener, after the updater has changed them): {@code s = decay * s + (1 - decay) * params},
 * starting from {@code s = 0} and divided by {@code 1 - decay^updates} when read, the bias correction
 * of Adam's moments, so that it is a weighted mean of the parameters seen so far whose weights halve
 * every {@code ln 2 / -ln decay} minibatches. PyTorch's {@code torch.optim.swa_utils.AveragedModel} with
 * {@code get_ema_multi_avg_fn} and TensorFlow's {@code ExponentialMovingAverage} keep such an average too
 * (they start it from the initial weights instead of correcting its bias); DL4J has no counterpart. A run with {@code weight-average-decay > 0} validates, keeps and
 * tests {@link #averaged} graphs, and keeps training the raw parameters; {@code benchmark} times its
 * update with every training minibatch.
 */
public final class WeightAverage extends BaseTrainingListener {
    private final double decay;
    private final INDArray sum;
    private long updates;
    private ComputationGraph averaged;
    private long averagedAt = -1;

    private WeightAverage(double decay, INDArray sum, long updates) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in (0, 1), was " + decay);
        }
        this.decay = decay;
        this.sum = sum;
        this.updates = updates;
    }

    /**
     * Refuses a weight average with several workers, before anything is read: ParallelWrapper trains copies
     * of the model, and the average would have to follow their averaged parameters.
     */
    public static void checkWorkers(ExperimentConfig config) {
        if (config.get(Settings.WEIGHT_AVERAGE_DECAY) > 0 && config.get(Settings.WORKERS) > 1) {
            throw new ConfigException("weight-average-decay needs workers 1 (was " + config.get(Settings.WORKERS) + ")");
        }
    }

    /** No parameters of {@code graph} seen yet. */
    public static WeightAverage start(double decay, ComputationGraph graph) {
        INDArray params = graph.params();
        return new WeightAverage(decay, Nd4j.zeros(params.dataType(), params.shape()), 0);
    }

    /** Continues from the state a checkpoint saved. */
    static WeightAverage resume(double decay, State state) {
        return new WeightAverage(decay, state.sum().dup(), state.updates());
    }

    /** What a checkpoint keeps: the uncorrected sum and the number of minibatches averaged. */
    record State(INDArray sum, long updates) {
    }

    State state() {
        return new State(sum, updates);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        INDArray params = model.params();
        sum.muli(decay);
        Nd4j.getBlasWrapper().level1().axpy(sum.length(), 1 - decay, params, sum);
        updates++;
    }

    /** Minibatches averaged so far. */
    public long updates() {
        return updates;
    }

    /** The bias-corrected average, shaped as the graph's parameters. Not defined before the first update. */
    INDArray average() {
        if (updates == 0) {
            throw new IllegalStateException("no minibatch averaged yet");
        }
        return sum.div(1 - Math.pow(decay, updates));
    }

    /**
     * A copy of {@code trained} (configuration, listeners, updater state) with the averaged parameters,
     * made once per update count: validation and the saver see the same graph (the test reads what the saver wrote).
     */
    ComputationGraph averaged(ComputationGraph trained) {
        if (averaged == null || averagedAt != updates) {
            ComputationGraph copy = trained.clone();
            copy.setParams(average());
            averaged = copy;
            averagedAt = updates;
        }
        return averaged;
    }
}
