package org.imdbsentiment.model.lstm;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * The runtime layer of {@link FastLstm}: DL4J's {@link LSTM} with the same parameters, masks and
 * outputs, but computed the way the arithmetic asks for:
 * <ul>
 *   <li>the input projections of all time steps in one GEMM ([T·B, E] × [E, 4H]) instead of one
 *       small product per step, and in single precision only of the input's distinct rows where at most
 *       half of them are distinct ({@link DistinctRows}: an embedding's output, where words recur), as is
 *       the weight gradient Xᵀ·G (the gate gradients of equal rows summed first);</li>
 *   <li>per step only the recurrent GEMM ([B, H] × [H, 4H]); the gate arithmetic runs in
 *       tight loops instead of a dozen ND4J element-wise ops per step: for FLOAT networks in single
 *       precision ({@link FloatLstmKernel}, the per-step products formed transposed), for DOUBLE ones
 *       (gradient checks) in {@link LstmKernel};</li>
 *   <li>inference in single precision ({@link FloatInference}) keeps one step's state;</li>
 *   <li>the forward pass of a training iteration is kept for the backward pass instead of being
 *       computed a second time;</li>
 *   <li>the weight and input gradients as large GEMMs after the backward loop;</li>
 *   <li>in training, those products and the projections straight to OpenBLAS in
 *       fixed blocks, and the recurrence in slices of the minibatch's rows (independent sequences,
 *       each with its own kernel), spread over {@link #setRowThreads} threads with the same numbers
 *       for any count where OpenBLAS sums a row of the per-step product the same whatever rows share
 *       the call (see {@link #setRowThreads});</li>
 *   <li>the output, and in training the input gradient, written time-major and handed on as permuted
 *       [B, C, T] views (DL4J's layers take strided arrays), instead of transposing copies.</li>
 * </ul>
 * Configurations the fast path does not cover (other activations, dropout, weight noise, NWC data,
 * half precision), the stateful calls ({@code rnnTimeStep}, truncated BPTT) and the CUDA backend
 * (where the arrays live on the GPU and DL4J's layer uses cuDNN) use DL4J's own code.
 */
public class FastLstmLayer extends LSTM {
    private static final String W = LSTMParamInitializer.INPUT_WEIGHT_KEY;
    private static final String RW = LSTMParamInitializer.RECURRENT_WEIGHT_KEY;
    private static final String B = LSTMParamInitializer.BIAS_KEY;

    /**
     * Blocks in which training's matrix products over all steps are formed (by rows, or by columns for
     * the weight gradients), whatever the number of threads, so that any number gives the same numbers.
     */
    static final int PRODUCT_BLOCKS = 4;

    /**
     * Column blocks in which the weight and bias gradients Xᵀ·G, Hᵀ·G and 1ᵀ·G are formed, whatever the
     * number of threads. Fewer than {@link #PRODUCT_BLOCKS}: each block is a product over all T·B rows, and
     * OpenBLAS packs both of its operands once per call, so four calls of 256 columns cost 1.15-1.4x what
     * two of 512 do on one thread and 1.05-1.2x on two (a microbenchmark at v1's shapes, docs/performance.md,
     * sixteenth session). With more than two threads, these products use two of them.
     */
    static final int WEIGHT_GRADIENT_BLOCKS = 2;

    /** Fewest rows a slice of the minibatch gets when its rows are split between threads. */
    static final int MIN_SLICE_ROWS = 8;

    private final LstmKernel kernel;
    private final FloatInference inference = new FloatInference();
    private final NdCopy copy = new NdCopy();
    private double[] epsilonBuffer = new double[0];
    private boolean forwardKept;
    /** The training recurrence's slices of rows: the first uses {@link #kernel} and {@link #copy}. */
    private final List<RowSlice> slices = new ArrayList<>();
    private final ParallelTasks tasks = new ParallelTasks();
    private volatile int rowThreads = 1;
    /** Row bounds of the slices of the last training forward pass, which its backward pass reuses. */
    private int[] forwardBounds = {0, 0};
    /** The distinct rows of the last forward pass's input (single precision), and that input on the heap. */
    private final DistinctRows distinct = new DistinctRows();
    private float[] inputRows = new float[0];
    /** Which projections the last training forward pass's steps read, which its backward pass reuses. */
    private ProjectedRows forwardRows = new ProjectedRows();
    /** The same for the last forward pass of any kind (tests). */
    private ProjectedRows lastRows = new ProjectedRows();

    public FastLstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        this.kernel = new LstmKernel();
        slices.add(new RowSlice(kernel, copy));
    }

    /**
     * Threads on which a training pass computes its recurrence: the minibatch's rows (independent
     * sequences) are split into that many slices of at least {@link #MIN_SLICE_ROWS} rows, each with
     * its own kernel, and the slices compute at the same time. Each row's arithmetic is the same, and so
     * are the results, bit for bit, where OpenBLAS computes a row of the per-step product independently
     * of the other rows in the call (its AVX-512 kernel, as measured); its AVX2 (Haswell/Zen) kernel sums a
     * row of a 32-row call differently from one of a 64-row call, so there the counts agree to rounding
     * ({@code RowSlicesTest}). 1 (the default): one thread. Matrix products over all steps, inference
     * and everything else stay on the calling thread.
     */
    public void setRowThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("row threads must be at least 1, got " + threads);
        }
        this.rowThreads = threads;
    }

    public int getRowThreads() {
        return rowThreads;
    }

    /**
     * How many distinct input rows the last forward pass (training or inference) projected, or 0 where it
     * projected every row ({@link DistinctRows}).
     */
    int distinctRowsOfLastPass() {
        return lastRows.index == null ? 0 : lastRows.count;
    }

    /** Where the other slices are handed (tests). */
    void setExecutor(java.util.concurrent.Executor executor) {
        tasks.setExecutor(executor);
    }

    /** Row bounds {0, ..., batch} of the slices a minibatch of {@code batch} rows is split into. */
    static int[] sliceBounds(int batch, int threads) {
        int count = Math.max(1, Math.min(threads, batch / MIN_SLICE_ROWS));
        int[] bounds = new int[count + 1];
        for (int i = 0; i <= count; i++) {
            bounds[i] = (int) ((long) i * batch / count);
        }
        return bounds;
    }

    private RowSlice slice(int i) {
        while (slices.size() <= i) {
            slices.add(new RowSlice(new LstmKernel(), new NdCopy()));
        }
        return slices.get(i);
    }

    /** One slice's kernels (double precision, single precision), copier and epsilon buffer. */
    private static final class RowSlice {
        final LstmKernel kernel;
        final FloatLstmKernel floatKernel = new FloatLstmKernel();
        final NdCopy copy;
        double[] epsilon = new double[0];

        RowSlice(LstmKernel kernel, NdCopy copy) {
            this.kernel = kernel;
            this.copy = copy;
        }
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        forwardKept = false;
        if (!fastPathApplies()) {
            return super.activate(training, workspaceMgr);
        }
        return prepareActivate(training, workspaceMgr).runHere();
    }

    /**
     * {@link #activate(boolean, LayerWorkspaceMgr)} as a {@link StagedPass}, for a caller that runs two
     * layers' passes at once ({@link FastBidirectionalLayer}); only where {@link #fastPathApplies()}.
     * Input dropout is drawn here, on the calling thread.
     */
    StagedPass<INDArray> prepareActivate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return prepareActivate(training, workspaceMgr, null, 0, false);
    }

    /**
     * {@link #prepareActivate(boolean, LayerWorkspaceMgr)} whose computation ends by also writing the
     * output into channels {@code [column, column + H)} of {@code concatenated} [B, C, T] ('c'), its
     * steps reversed if asked: a bidirectional layer's output, assembled by both directions at once.
     */
    StagedPass<INDArray> prepareActivate(boolean training, LayerWorkspaceMgr workspaceMgr, INDArray concatenated,
                                         int column, boolean reversed) {
        forwardKept = false;
        assertInputSet(false);
        // Input dropout (a layer's dropout in DL4J acts on its input) as DL4J's LSTM applies it: the
        // input is replaced by its dropped copy, which the backward pass then uses too.
        applyDropOutIfNecessary(training, workspaceMgr);
        StagedPass<INDArray> forward = prepareForward(concatenated == null ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM,
                ArrayType.FF_WORKING_MEM, workspaceMgr, training);
        return new StagedPass<>() {
            @Override
            public void compute() {
                forward.compute();
                if (concatenated != null) {
                    copy.placeSteps(((StagedForward) forward).timeMajor(), concatenated, column, reversed);
                }
            }

            @Override
            public INDArray finish() {
                INDArray out = forward.finish();
                forwardKept = training;
                return out;
            }
        };
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!fastPathApplies()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        return prepareBackprop(epsilon, workspaceMgr).runHere();
    }

    /**
     * {@link #backpropGradient} as a {@link StagedPass} (see {@link #prepareActivate}); only where
     * {@link #fastPathApplies()}. Without a kept forward pass, its computation runs first.
     */
    StagedPass<Pair<Gradient, INDArray>> prepareBackprop(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        StagedForward forward = forwardKept ? null
                : prepareForward(ArrayType.BP_WORKING_MEM, ArrayType.BP_WORKING_MEM, workspaceMgr, true);
        forwardKept = false;
        int batch = (int) input.size(0);
        int inputSize = (int) input.size(1);
        int steps = (int) input.size(2);
        int units = (int) layerConf().getNOut();
        int rows = steps * batch;

        INDArray eps = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[]{steps, batch, units}, 'c');
        int[] bounds = forwardBounds;
        if (bounds[bounds.length - 1] != batch) {
            throw new IllegalStateException("the forward pass had " + bounds[bounds.length - 1] + " rows, this one " + batch);
        }
        boolean singlePrecision = dataType == DataType.FLOAT;
        RecurrentWeights weights = !singlePrecision && bounds.length == 2
                ? recurrentWeights(ArrayType.BP_WORKING_MEM, workspaceMgr, null, batch, units) : null;
        RecurrentWeights[] sliceWeights = singlePrecision || bounds.length == 2 ? null
                : sliceWeights(bounds, ArrayType.BP_WORKING_MEM, workspaceMgr, null, batch, units);
        INDArray gateGrads = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[]{rows, 4L * units}, 'c');
        INDArray previousStates = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[]{rows, units}, 'c');
        List<Runnable> floatSlices = singlePrecision
                ? floatBackwardSlices(bounds, workspaceMgr, eps, units, gateGrads, previousStates) : null;
        // Where the kept forward pass projected only its input's distinct rows, Xᵀ·G is formed from those
        // rows and the sums of their gate gradients, and the whole input is not needed again.
        ProjectedRows projected = forward == null ? forwardRows : null;
        int distinctCount = projected != null && projected.index != null ? projected.count : 0;
        INDArray timeMajor = distinctCount == 0 ? timeMajorArray(ArrayType.BP_WORKING_MEM, workspaceMgr) : null;
        INDArray distinctInput = distinctCount == 0 ? null : workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM,
                dataType, new long[]{distinctCount, inputSize}, 'c');
        INDArray summedGates = distinctCount == 0 ? null : workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM,
                dataType, new long[]{distinctCount, 4L * units}, 'c');
        INDArray inputGrad = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[]{inputSize, 4L * units}, 'c');
        INDArray recurrentGrad = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[]{units, 4L * units}, 'c');
        INDArray ones = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[]{1, rows}, 'c');
        INDArray biasGrad = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[]{1, 4L * units}, 'c');
        // The input gradient, time-major [T·B, E] (row t·B + b), handed on as a [B, E, T] view of it:
        // DL4J's layers take strided gradients, and the embedding below reads each step's E values together.
        INDArray inputEps = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[]{rows, inputSize}, 'c');
        INDArray inputWeights = workspaceMgr.dup(ArrayType.BP_WORKING_MEM, getParam(W), 'c');
        return new StagedPass<>() {
            @Override
            public void compute() {
                if (forward != null) {
                    forward.compute();
                }
                int threads = bounds.length - 1;
                copySteps(epsilon.castTo(dataType).permute(2, 0, 1), eps, threads);
                if (floatSlices != null) {
                    tasks.runAll(floatSlices);
                } else if (sliceWeights == null) {
                    epsilonBuffer = epsilonBuffer.length >= rows * units ? epsilonBuffer : new double[rows * units];
                    copy.read(eps, epsilonBuffer, 0, rows * units);
                    kernel.backward(epsilonBuffer, weights);
                    copy.write(kernel.gateGradients(), 0, rows * 4 * units, gateGrads);
                    copy.write(kernel.outputs(), 0, rows * units, previousStates);
                } else {
                    epsilonBuffer = epsilonBuffer.length >= rows * units ? epsilonBuffer : new double[rows * units];
                    copy.read(eps, epsilonBuffer, 0, rows * units);
                    backwardSlices(bounds, sliceWeights, steps, batch, units, gateGrads, previousStates);
                }

                if (distinctInput == null) {
                    fillTimeMajor(timeMajor, threads);
                } else {
                    copyDistinctRows(distinctInput, inputSize); // the forward pass's input, still on the heap
                    distinct.starts(); // grouped here, before the threads read the groups
                }
                ones.assign(1.0);
                gradientProducts(bounds.length - 1, rows, inputSize, units, timeMajor, distinctInput, summedGates,
                        previousStates, ones, gateGrads, inputWeights, inputGrad, recurrentGrad, biasGrad, inputEps);
                gradientViews.get(W).assign(inputGrad);
                gradientViews.get(RW).assign(recurrentGrad);
                gradientViews.get(B).assign(biasGrad);
            }

            @Override
            public Pair<Gradient, INDArray> finish() {
                if (forward != null) {
                    forward.finish();
                }
                Gradient gradient = new DefaultGradient();
                gradient.gradientForVariable().put(W, gradientViews.get(W));
                gradient.gradientForVariable().put(RW, gradientViews.get(RW));
                gradient.gradientForVariable().put(B, gradientViews.get(B));
                INDArray epsilonOut = inputEps.reshape('c', steps, batch, inputSize).permute(1, 2, 0);
                return new Pair<>(gradient, backpropDropOutIfPresent(epsilonOut));
            }
        };
    }

    @Override
    public void clear() {
        super.clear();
        forwardKept = false;
    }

    /** The data type of its outputs (the network's). */
    DataType outputDataType() {
        return dataType;
    }

    /** Whether this configuration is one the fast path computes exactly like DL4J's LSTM. */
    boolean fastPathApplies() {
        org.deeplearning4j.nn.conf.layers.LSTM conf = layerConf();
        return conf.getGateActivationFn() instanceof ActivationSigmoid
                && conf.getActivationFn() instanceof ActivationTanH
                && conf.getRnnDataFormat() != RNNFormat.NWC
                && conf.getWeightNoise() == null
                && (dataType == DataType.FLOAT || dataType == DataType.DOUBLE)
                && input != null && input.rank() == 3
                && Nd4j.getExecutioner().type() == OpExecutioner.ExecutionerType.NATIVE_CPU;
    }

    /**
     * @param keep whether a backward pass follows (training); without one, float data takes the
     *             single-precision inference pass
     */
    private StagedForward prepareForward(ArrayType outputType, ArrayType scratchType, LayerWorkspaceMgr workspaceMgr,
                                                boolean keep) {
        int batch = (int) input.size(0);
        int inputSize = (int) input.size(1);
        int steps = (int) input.size(2);
        int units = (int) layerConf().getNOut();
        int rows = steps * batch;
        int gates = 4 * units;

        INDArray timeMajor = timeMajorArray(scratchType, workspaceMgr);
        INDArray projections = workspaceMgr.createUninitialized(scratchType, dataType, new long[]{rows, gates}, 'c');
        INDArray out = workspaceMgr.createUninitialized(outputType, dataType, new long[]{steps, batch, units}, 'c');
        double[] mask = maskValues(batch, steps);
        boolean singlePrecision = dataType == DataType.FLOAT;
        // Single precision: room for the input's distinct rows, if few enough (DistinctRows.MAX_SHARE).
        ProjectedRows projected = new ProjectedRows();
        lastRows = projected;
        INDArray distinctInput = singlePrecision ? workspaceMgr.createUninitialized(scratchType, dataType,
                new long[]{Math.max(1, (long) (rows * DistinctRows.MAX_SHARE)), inputSize}, 'c') : null;
        Runnable recurrence;
        Runnable projection;
        if (!singlePrecision) {
            projection = () -> Nd4j.gemm(timeMajor.reshape('c', rows, inputSize), getParam(W), projections,
                    false, false, 1.0, 0.0);
        } else if (!keep) {
            INDArray inputWeights = workspaceMgr.dup(scratchType, getParam(W), 'c');
            projection = () -> {
                if (projected.index == null) {
                    Nd4j.gemm(timeMajor.reshape('c', rows, inputSize), getParam(W), projections, false, false, 1.0, 0.0);
                } else {
                    CpuGemm.multiplyBlock(false, false, projected.count, gates, inputSize, distinctInput, 0, inputSize,
                            inputWeights, 0, gates, projections, 0, gates);
                }
            };
        } else {
            projection = null; // below, with the slices' threads
        }
        if (!keep && dataType == DataType.FLOAT) {
            float[] bias = getParam(B).toFloatVector();
            INDArray weights = recurrentMatrix(scratchType, workspaceMgr);
            INDArray transposed = workspaceMgr.dup(scratchType, getParam(RW).transpose(), 'c');
            INDArray state = workspaceMgr.create(scratchType, dataType, new long[]{FloatInference.productRows(batch), units}, 'c');
            INDArray product = workspaceMgr.createUninitialized(scratchType, dataType,
                    new long[]{FloatInference.productRows(batch), gates}, 'c');
            recurrence = () -> inference.forward(projections, projected.index, bias, weights, transposed, mask, batch, steps, units,
                    state, product, out);
        } else {
            int[] bounds = sliceBounds(batch, rowThreads);
            forwardBounds = bounds;
            forwardRows = projected;
            if (dataType == DataType.FLOAT) {
                float[] bias = getParam(B).toFloatVector();
                INDArray weights = recurrentMatrix(scratchType, workspaceMgr);
                INDArray transposed = workspaceMgr.dup(scratchType, getParam(RW).transpose(), 'c');
                List<Runnable> parts = new ArrayList<>();
                for (int i = 0; i + 1 < bounds.length; i++) {
                    int first = bounds[i];
                    int count = bounds[i + 1] - first;
                    int productRows = FloatInference.productRows(count);
                    INDArray state = workspaceMgr.create(scratchType, dataType, new long[]{productRows, units}, 'c');
                    INDArray product = workspaceMgr.createUninitialized(scratchType, dataType,
                            new long[]{productRows, gates}, 'c');
                    double[] sliceMask = mask == null ? null : Arrays.copyOfRange(mask, first * steps, (first + count) * steps);
                    FloatLstmKernel sliceKernel = slice(i).floatKernel;
                    parts.add(() -> sliceKernel.forward(projections, projected.index, bias, weights, transposed, sliceMask, first, count,
                            batch, steps, units, state, product, out));
                }
                recurrence = () -> tasks.runAll(parts);
            } else if (bounds.length == 2) {
                RecurrentWeights weights = recurrentWeights(scratchType, workspaceMgr, projections, batch, units);
                recurrence = () -> {
                    kernel.begin(batch, steps, units);
                    kernel.forward(mask, weights);
                    // Written time-major in one bulk copy; DL4J's [B, H, T] is a permuted view of it.
                    copy.write(kernel.outputs(), batch * units, rows * units, out);
                };
            } else {
                RecurrentWeights[] weights = sliceWeights(bounds, scratchType, workspaceMgr, projections, batch, units);
                List<Runnable> parts = sliceParts(bounds, weights, (slice, w, first, count) -> {
                    double[] sliceMask = mask == null ? null : Arrays.copyOfRange(mask, first * steps, (first + count) * steps);
                    slice.kernel.begin(count, steps, units);
                    slice.kernel.forward(sliceMask, w);
                    for (int t = 0; t < steps; t++) {
                        slice.copy.writeAt(slice.kernel.outputs(), (t + 1) * count * units, count * units, out,
                                ((long) t * batch + first) * units);
                    }
                });
                recurrence = () -> tasks.runAll(parts);
            }
            // Training's projections straight to OpenBLAS (as its backward products), in row blocks, one
            // per slice's thread: any number of threads gives the same numbers. Of the input's rows, or of
            // its distinct rows where the steps read those.
            INDArray inputWeights = workspaceMgr.dup(scratchType, getParam(W), 'c');
            int threads = bounds.length - 1;
            projection = () -> {
                int n = projected.index == null ? rows : projected.count;
                INDArray source = projected.index == null ? timeMajor : distinctInput;
                List<IntConsumer> products = new ArrayList<>();
                for (int b = 0; b < PRODUCT_BLOCKS; b++) {
                    int r0 = blockStart(b, n);
                    int r1 = blockStart(b + 1, n);
                    products.add(unused -> CpuGemm.multiplyBlock(false, false, r1 - r0, gates, inputSize, source,
                            (long) r0 * inputSize, inputSize, inputWeights, 0, gates, projections, (long) r0 * gates, gates));
                }
                runBlocks(products, threads);
            };
        }
        Runnable projectionToRun = projection;
        int copyThreads = keep ? forwardBounds.length - 1 : 1;
        return new StagedForward() {
            @Override
            public void compute() {
                fillTimeMajor(timeMajor, copyThreads);
                if (distinctInput != null) {
                    findDistinctRows(timeMajor, rows, inputSize, distinctInput, projected);
                }
                projectionToRun.run();
                recurrence.run();
            }

            @Override
            public INDArray finish() {
                return out.permute(1, 2, 0);
            }

            @Override
            public INDArray timeMajor() {
                return out;
            }
        };
    }

    /** A forward pass whose output is also there as the [T, B, H] 'c' array it was written to. */
    private interface StagedForward extends StagedPass<INDArray> {
        INDArray timeMajor();
    }

    /**
     * Which rows of the projections the steps of a forward pass read: {@code index} (row t·B + b's distinct
     * row, {@link DistinctRows}) and the {@code count} distinct rows, or null where every row is projected.
     * Set by the pass's computation.
     */
    private static final class ProjectedRows {
        int[] index;
        int count;
    }

    /**
     * Looks for the distinct rows of the time-major input [T·B, E] (single precision) and, where at most
     * {@link DistinctRows#MAX_SHARE} of them are distinct, copies them into {@code distinctInput} and notes in
     * {@code projected} which one each step reads; else leaves {@code projected} empty.
     */
    private void findDistinctRows(INDArray timeMajor, int rows, int width, INDArray distinctInput, ProjectedRows projected) {
        projected.index = null;
        projected.count = 0;
        if (inputRows.length < rows * width) {
            inputRows = new float[rows * width];
        }
        timeMajor.data().asNioFloat().get(0, inputRows, 0, rows * width);
        if (!distinct.find(inputRows, rows, width)) {
            return;
        }
        copyDistinctRows(distinctInput, width);
        projected.index = distinct.index();
        projected.count = distinct.count();
    }

    /** The distinct rows of {@link #inputRows} into the first rows of {@code to}. */
    private void copyDistinctRows(INDArray to, int width) {
        java.nio.FloatBuffer buffer = to.data().asNioFloat();
        for (int id = 0; id < distinct.count(); id++) {
            buffer.put(id * width, inputRows, distinct.firstRow(id) * width, width);
        }
    }

    /**
     * Columns {@code [c0, c1)} of the gate gradients' sums over equal input rows: row {@code id} of
     * {@code summed} [U, 4H] is the sum of the rows of {@code gateGrads} [T·B, 4H] whose input is distinct row
     * {@code id}, added in increasing row order (the same numbers for any number of threads).
     */
    private void sumGateRows(INDArray gateGrads, INDArray summed, int c0, int c1) {
        int gates = (int) gateGrads.size(1);
        int width = c1 - c0;
        int[] starts = distinct.starts();
        int[] members = distinct.members();
        java.nio.FloatBuffer from = gateGrads.data().asNioFloat();
        java.nio.FloatBuffer to = summed.data().asNioFloat();
        float[] sum = new float[width];
        float[] row = new float[width];
        for (int id = 0; id < distinct.count(); id++) {
            from.get(members[starts[id]] * gates + c0, sum, 0, width);
            for (int m = starts[id] + 1; m < starts[id + 1]; m++) {
                from.get(members[m] * gates + c0, row, 0, width);
                for (int k = 0; k < width; k++) {
                    sum[k] += row[k];
                }
            }
            to.put(id * gates + c0, sum, 0, width);
        }
    }

    /** Room for the input [B, E, T] as a dense [T, B, E] array ({@link #fillTimeMajor}). */
    private INDArray timeMajorArray(ArrayType type, LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.createUninitialized(type, dataType, new long[]{input.size(2), input.size(0), input.size(1)}, 'c');
    }

    /**
     * The input [B, E, T] into {@code tm} [T, B, E]: as a [T·B, E] matrix, row t·B + b holds example b
     * at step t. On {@code threads} threads ({@link #copySteps}).
     */
    private void fillTimeMajor(INDArray tm, int threads) {
        copySteps(input.castTo(dataType).permute(2, 0, 1), tm, threads);
    }

    /**
     * {@code to} = {@code from}, both indexed by the step first ([T, ...], any strides): in one
     * assignment, or with more than one thread in {@link #PRODUCT_BLOCKS} blocks of steps spread over
     * them (a copy: the same values either way).
     */
    private void copySteps(INDArray from, INDArray to, int threads) {
        if (threads <= 1) {
            to.assign(from);
            return;
        }
        int steps = (int) to.size(0);
        List<IntConsumer> blocks = new ArrayList<>();
        for (int b = 0; b < PRODUCT_BLOCKS; b++) {
            int t0 = blockStart(b, steps);
            int t1 = blockStart(b + 1, steps);
            if (t1 > t0) {
                blocks.add(unused -> to.get(interval(t0, t1), all(), all()).assign(from.get(interval(t0, t1), all(), all())));
            }
        }
        runBlocks(blocks, threads);
    }

    private double[] maskValues(int batch, int steps) {
        if (maskArray == null) {
            return null;
        }
        if (maskArray.size(0) != batch || maskArray.size(1) != steps) {
            throw new IllegalStateException("mask of shape " + java.util.Arrays.toString(maskArray.shape())
                    + " does not match input [" + batch + ", ?, " + steps + "]");
        }
        double[] values = new double[batch * steps];
        double[][] rows = maskArray.toDoubleMatrix();
        for (int b = 0; b < batch; b++) {
            System.arraycopy(rows[b], 0, values, b * steps, steps);
        }
        return values;
    }

    /**
     * From the gate gradients G [T·B, 4H]: the weight gradients Xᵀ·G and Hᵀ·G, the bias gradient
     * (column sums, as a product with a row of ones: far faster than ND4J's reduction along rows) and
     * the input gradient G·Wᵀ, straight to OpenBLAS on {@code threads} threads (with {@code distinctInput}, and then
     * no {@code timeMajor}, Xᵀ·G as X_distinctᵀ·{@code summedGates}, the gate gradients summed over equal input rows): the weight and bias
     * gradients in {@link #WEIGHT_GRADIENT_BLOCKS} blocks of columns (each still sums over all rows), the
     * input gradient in {@link #PRODUCT_BLOCKS} blocks of rows. The blocks are fixed, so any number of
     * threads gives the same numbers.
     */
    private void gradientProducts(int threads, int rows, int inputSize, int units, INDArray timeMajor,
                                  INDArray distinctInput, INDArray summedGates, INDArray previousStates, INDArray ones, INDArray gateGrads, INDArray inputWeights,
                                  INDArray inputGrad, INDArray recurrentGrad, INDArray biasGrad, INDArray inputEps) {
        int gates = 4 * units;
        List<IntConsumer> blocks = new ArrayList<>();
        for (int b = 0; b < WEIGHT_GRADIENT_BLOCKS; b++) {
            int c0 = blockStart(b, gates, WEIGHT_GRADIENT_BLOCKS);
            int c1 = blockStart(b + 1, gates, WEIGHT_GRADIENT_BLOCKS);
            blocks.add(unused -> {
                if (distinctInput == null) {
                    CpuGemm.multiplyBlock(true, false, inputSize, c1 - c0, rows, timeMajor, 0, inputSize,
                            gateGrads, c0, gates, inputGrad, c0, gates);
                } else {
                    sumGateRows(gateGrads, summedGates, c0, c1);
                    CpuGemm.multiplyBlock(true, false, inputSize, c1 - c0, (int) distinctInput.size(0), distinctInput, 0,
                            inputSize, summedGates, c0, gates, inputGrad, c0, gates);
                }
                CpuGemm.multiplyBlock(true, false, units, c1 - c0, rows, previousStates, 0, units,
                        gateGrads, c0, gates, recurrentGrad, c0, gates);
                CpuGemm.multiplyBlock(false, false, 1, c1 - c0, rows, ones, 0, rows,
                        gateGrads, c0, gates, biasGrad, c0, gates);
            });
        }
        for (int b = 0; b < PRODUCT_BLOCKS; b++) {
            int r0 = blockStart(b, rows);
            int r1 = blockStart(b + 1, rows);
            blocks.add(unused -> CpuGemm.multiplyBlock(false, true, r1 - r0, inputSize, gates, gateGrads,
                    (long) r0 * gates, gates, inputWeights, 0, gates, inputEps, (long) r0 * inputSize, inputSize));
        }
        runBlocks(blocks, threads);
    }

    /** Where block {@code b} of {@link #PRODUCT_BLOCKS} starts among {@code n} rows, columns or steps. */
    private static int blockStart(int b, int n) {
        return blockStart(b, n, PRODUCT_BLOCKS);
    }

    /** Where block {@code b} of {@code count} starts among {@code n} rows, columns or steps. */
    private static int blockStart(int b, int n, int count) {
        return (int) ((long) b * n / count);
    }

    /**
     * The blocks of a product split into {@link #PRODUCT_BLOCKS}, on {@code threads} threads at most
     * (block i on thread i mod threads): the blocks are the same whatever the number of threads, so
     * the numbers are too.
     */
    private void runBlocks(List<IntConsumer> blocks, int threads) {
        int n = Math.min(threads, blocks.size());
        List<Runnable> work = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int first = t;
            work.add(() -> {
                for (int b = first; b < blocks.size(); b += n) {
                    blocks.get(b).accept(b);
                }
            });
        }
        tasks.runAll(work);
    }

    /**
     * The backward recurrence of each slice of rows at the same time, from {@link #epsilonBuffer}
     * ([T][B][H]) into the rows of {@code gateGrads} [T·B, 4H] and {@code previousStates} [T·B, H].
     */
    private void backwardSlices(int[] bounds, RecurrentWeights[] weights, int steps, int batch, int units,
                                INDArray gateGrads, INDArray previousStates) {
        double[] all = epsilonBuffer;
        tasks.runAll(sliceParts(bounds, weights, (slice, w, first, count) -> {
            int n = count * units;
            slice.epsilon = slice.epsilon.length >= steps * n ? slice.epsilon : new double[steps * n];
            for (int t = 0; t < steps; t++) {
                System.arraycopy(all, (t * batch + first) * units, slice.epsilon, t * n, n);
            }
            slice.kernel.backward(slice.epsilon, w);
            for (int t = 0; t < steps; t++) {
                slice.copy.writeAt(slice.kernel.gateGradients(), t * 4 * n, 4 * n, gateGrads,
                        ((long) t * batch + first) * 4 * units);
                slice.copy.writeAt(slice.kernel.outputs(), t * n, n, previousStates, ((long) t * batch + first) * units);
            }
        }));
    }

    /**
     * The single-precision backward recurrence of each slice of rows ({@link FloatLstmKernel}, after its
     * forward pass), reading {@code eps} [T, B, H] and writing its rows of {@code gateGrads} [T·B, 4H]
     * and {@code previousStates} [T·B, H]; the scratch of each is allocated here, on the calling thread.
     */
    private List<Runnable> floatBackwardSlices(int[] bounds, LayerWorkspaceMgr workspaceMgr, INDArray eps, int units,
                                               INDArray gateGrads, INDArray previousStates) {
        INDArray weights = recurrentMatrix(ArrayType.BP_WORKING_MEM, workspaceMgr);
        List<Runnable> parts = new ArrayList<>();
        for (int i = 0; i + 1 < bounds.length; i++) {
            int productRows = FloatInference.productRows(bounds[i + 1] - bounds[i]);
            INDArray gateScratch = workspaceMgr.create(ArrayType.BP_WORKING_MEM, dataType,
                    new long[]{productRows, 4L * units}, 'c');
            INDArray product = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                    new long[]{productRows, units}, 'c');
            FloatLstmKernel sliceKernel = slice(i).floatKernel;
            parts.add(() -> sliceKernel.backward(eps, weights, gateScratch, product, gateGrads, previousStates));
        }
        return parts;
    }

    /** What one slice of rows computes: its kernel and copier, its recurrent weights, its rows. */
    private interface SliceWork {
        void run(RowSlice slice, RecurrentWeights weights, int firstRow, int rows);
    }

    /** One task per slice of {@code bounds}, each running {@code work} on its own slice. */
    private List<Runnable> sliceParts(int[] bounds, RecurrentWeights[] weights, SliceWork work) {
        List<Runnable> parts = new ArrayList<>();
        for (int i = 0; i + 1 < bounds.length; i++) {
            RowSlice slice = slice(i);
            RecurrentWeights w = weights[i];
            int first = bounds[i];
            int count = bounds[i + 1] - first;
            parts.add(() -> work.run(slice, w, first, count));
        }
        return parts;
    }

    /** Each slice's view of the recurrent weights: one shared copy of RW, scratch of its own. */
    private RecurrentWeights[] sliceWeights(int[] bounds, ArrayType type, LayerWorkspaceMgr workspaceMgr,
                                            INDArray projections, int batch, int units) {
        INDArray matrix = recurrentMatrix(type, workspaceMgr);
        double[] bias = getParam(B).toDoubleVector();
        RecurrentWeights[] weights = new RecurrentWeights[bounds.length - 1];
        for (int i = 0; i < weights.length; i++) {
            int count = bounds[i + 1] - bounds[i];
            weights[i] = new NdRecurrentWeights(matrix, projections, bias,
                    workspaceMgr.createUninitialized(type, dataType, new long[]{count, units}, 'c'),
                    workspaceMgr.createUninitialized(type, dataType, new long[]{count, 4L * units}, 'c'),
                    slice(i).copy, bounds[i], batch);
        }
        return weights;
    }

    /** RW as a dense 'c' array of its own (the parameter is an 'f' view of the flat parameters), for {@link CpuGemm}. */
    private INDArray recurrentMatrix(ArrayType type, LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.dup(type, getParam(RW), 'c');
    }

    private RecurrentWeights recurrentWeights(ArrayType type, LayerWorkspaceMgr workspaceMgr, INDArray projections,
                                              int batch, int units) {
        return new NdRecurrentWeights(recurrentMatrix(type, workspaceMgr), projections, getParam(B).toDoubleVector(),
                workspaceMgr.createUninitialized(type, dataType, new long[]{batch, units}, 'c'),
                workspaceMgr.createUninitialized(type, dataType, new long[]{batch, 4L * units}, 'c'), copy);
    }
}
