package org.imdbsentiment.model.lstm;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.deeplearning4j.nn.params.BidirectionalParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * DL4J's {@link BidirectionalLayer} whose two directions compute at the same time. Their recurrences
 * are independent (the backward direction reads the reversed review), so with {@link FastLstmLayer}
 * in both and {@link Bidirectional.Mode#CONCAT}, each pass (forward, and backward in training) is
 * prepared on the calling thread for both directions (arrays in its workspaces, dropout masks drawn
 * in the same order as DL4J's layer draws them), then the forward direction computes on a pool thread
 * while the backward direction computes on the calling thread ({@link StagedPass}). The results are
 * those of DL4J's layer bit for bit: the same operations on the same arrays, in the same order within
 * each direction. Everything else (input and mask reversal, parameters, gradients' layout) is DL4J's.
 *
 * <p>The pool is the JVM's common {@link java.util.concurrent.ForkJoinPool} (on a machine of n cores,
 * n - 1 threads); if its threads are busy, the calling thread computes the forward direction itself
 * once it is done with its own, so a full pool only serialises the two. On one core, or with
 * {@link #setParallel} false, the calling thread computes both, one after the other (still without
 * DL4J's concatenation of strided views); a configuration outside the fast path runs DL4J's own code.
 */
public class FastBidirectionalLayer extends BidirectionalLayer {
    private final Layer forward;
    private final Layer backward;
    private final ParallelTasks tasks = new ParallelTasks();
    private volatile boolean parallel = Runtime.getRuntime().availableProcessors() > 1;

    public FastBidirectionalLayer(NeuralNetConfiguration conf, Layer forward, Layer backward, INDArray paramsView) {
        super(conf, forward, backward, paramsView);
        this.forward = forward;
        this.backward = backward;
    }

    /** Whether the two directions compute at the same time (the default on more than one core). */
    public void setParallel(boolean parallel) {
        this.parallel = parallel;
    }

    public boolean isParallel() {
        return parallel;
    }

    /** For each direction, how many distinct input rows its last forward pass projected (tests; see {@link FastLstmLayer}). */
    int[] distinctRowsOfLastPass() {
        return new int[] {((FastLstmLayer) forward).distinctRowsOfLastPass(), ((FastLstmLayer) backward).distinctRowsOfLastPass()};
    }

    /** Where the forward direction's passes are handed (tests: to see them handed, or never taken). */
    void setExecutor(Executor executor) {
        tasks.setExecutor(executor);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!stagesApply()) {
            return super.activate(training, workspaceMgr);
        }
        FastLstmLayer f = (FastLstmLayer) forward;
        FastLstmLayer b = (FastLstmLayer) backward;
        // DL4J's result, Nd4j.concat(1, forward output, backward output reversed) ['c', B x 2H x T], written
        // by the two directions themselves as they finish.
        long units = f.layerConf().getNOut();
        INDArray in = input();
        INDArray concatenated = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, f.outputDataType(),
                new long[]{in.size(0), 2 * units, in.size(2)}, 'c');
        StagedPass<INDArray> forwardPass = f.prepareActivate(training, workspaceMgr, concatenated, 0, false);
        StagedPass<INDArray> backwardPass = b.prepareActivate(training, workspaceMgr, concatenated, (int) units, true);
        computeTogether(forwardPass, backwardPass);
        forwardPass.finish();
        backwardPass.finish();
        return concatenated;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!stagesApply() || epsilon.rank() != 3) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        FastLstmLayer f = (FastLstmLayer) forward;
        FastLstmLayer b = (FastLstmLayer) backward;
        long n = epsilon.size(1) / 2;
        INDArray forwardEpsilon = epsilon.get(all(), interval(0, n), all());
        INDArray backwardEpsilon = TimeSeriesUtils.reverseTimeSeries(epsilon.get(all(), interval(n, 2 * n), all()),
                workspaceMgr, ArrayType.BP_WORKING_MEM);
        StagedPass<Pair<Gradient, INDArray>> forwardPass = f.prepareBackprop(forwardEpsilon, workspaceMgr);
        StagedPass<Pair<Gradient, INDArray>> backwardPass = b.prepareBackprop(backwardEpsilon, workspaceMgr);
        computeTogether(forwardPass, backwardPass);
        Pair<Gradient, INDArray> g1 = forwardPass.finish();
        Pair<Gradient, INDArray> g2 = backwardPass.finish();

        Gradient gradient = new DefaultGradient(getGradientsViewArray());
        for (Map.Entry<String, INDArray> e : g1.getFirst().gradientForVariable().entrySet()) {
            gradient.gradientForVariable().put(BidirectionalParamInitializer.FORWARD_PREFIX + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, INDArray> e : g2.getFirst().gradientForVariable().entrySet()) {
            gradient.gradientForVariable().put(BidirectionalParamInitializer.BACKWARD_PREFIX + e.getKey(), e.getValue());
        }
        INDArray reversed = TimeSeriesUtils.reverseTimeSeries(g2.getSecond(), workspaceMgr, ArrayType.BP_WORKING_MEM);
        return new Pair<>(gradient, g1.getSecond().addi(reversed));
    }

    /** Both directions fast, concatenated, NCW data: the cases whose passes this layer stages. */
    private boolean stagesApply() {
        Bidirectional conf = (Bidirectional) conf().getLayer();
        return conf.getMode() == Bidirectional.Mode.CONCAT
                && conf.getRNNDataFormat() != RNNFormat.NWC
                && forward instanceof FastLstmLayer f && f.fastPathApplies()
                && backward instanceof FastLstmLayer b && b.fastPathApplies();
    }

    /** {@code first} on a pool thread, {@code second} here (both here, one after the other, unless parallel). */
    private void computeTogether(StagedPass<?> first, StagedPass<?> second) {
        if (parallel) {
            tasks.runAll(List.of(second::compute, first::compute));
        } else {
            first.compute();
            second.compute();
        }
    }
}
