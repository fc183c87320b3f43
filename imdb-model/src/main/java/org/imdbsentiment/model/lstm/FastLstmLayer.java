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

/**
 * The runtime layer of {@link FastLstm}: DL4J's {@link LSTM} with the same parameters, masks and
 * outputs, but computed the way the arithmetic asks for:
 * <ul>
 *   <li>the input projections of all time steps in one GEMM ([T·B, E] × [E, 4H]) instead of one
 *       small product per step;</li>
 *   <li>per step only the recurrent GEMM ([B, H] × [H, 4H]); the gate arithmetic runs in
 *       {@link LstmKernel}'s loops instead of a dozen ND4J element-wise ops per step;</li>
 *   <li>inference in single precision ({@link FloatInference}) keeps one step's state;</li>
 *   <li>the forward pass of a training iteration is kept for the backward pass instead of being
 *       computed a second time;</li>
 *   <li>the weight and input gradients as three large GEMMs after the backward loop;</li>
 *   <li>the output written time-major in one bulk copy and handed on as a permuted [B, H, T] view
 *       (DL4J's layers take strided inputs), instead of a transposing copy element by element.</li>
 * </ul>
 * Configurations the fast path does not cover (other activations, dropout, weight noise, NWC data,
 * half precision), the stateful calls ({@code rnnTimeStep}, truncated BPTT) and the CUDA backend
 * (where the arrays live on the GPU and DL4J's layer uses cuDNN) use DL4J's own code.
 */
public class FastLstmLayer extends LSTM {
    private static final String W = LSTMParamInitializer.INPUT_WEIGHT_KEY;
    private static final String RW = LSTMParamInitializer.RECURRENT_WEIGHT_KEY;
    private static final String B = LSTMParamInitializer.BIAS_KEY;

    private final LstmKernel kernel;
    private final FloatInference inference = new FloatInference();
    private final NdCopy copy = new NdCopy();
    private double[] epsilonBuffer = new double[0];
    private boolean forwardKept;

    public FastLstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        this.kernel = new LstmKernel(dataType != DataType.FLOAT);
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
        assertInputSet(false);
        // Input dropout (a layer's dropout in DL4J acts on its input) as DL4J's LSTM applies it: the
        // input is replaced by its dropped copy, which the backward pass then uses too.
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray out = forward(ArrayType.ACTIVATIONS, ArrayType.FF_WORKING_MEM, workspaceMgr, training);
        forwardKept = training;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!fastPathApplies()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        if (!forwardKept) {
            forward(ArrayType.BP_WORKING_MEM, ArrayType.BP_WORKING_MEM, workspaceMgr, true);
        }
        forwardKept = false;
        int batch = (int) input.size(0);
        int inputSize = (int) input.size(1);
        int steps = (int) input.size(2);
        int units = (int) layerConf().getNOut();
        int rows = steps * batch;

        INDArray eps = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[]{steps, batch, units}, 'c');
        eps.assign(epsilon.castTo(dataType).permute(2, 0, 1));
        epsilonBuffer = epsilonBuffer.length >= rows * units ? epsilonBuffer : new double[rows * units];
        copy.read(eps, epsilonBuffer, 0, rows * units);
        kernel.backward(epsilonBuffer, recurrentWeights(ArrayType.BP_WORKING_MEM, workspaceMgr, null, batch, units));

        INDArray gateGrads = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[]{rows, 4L * units}, 'c');
        copy.write(kernel.gateGradients(), 0, rows * 4 * units, gateGrads);
        INDArray previousStates = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[]{rows, units}, 'c');
        copy.write(kernel.outputs(), 0, rows * units, previousStates);

        INDArray inputGrad = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[]{inputSize, 4L * units}, 'c');
        Nd4j.gemm(timeMajor(ArrayType.BP_WORKING_MEM, workspaceMgr), gateGrads, inputGrad, true, false, 1.0, 0.0);
        gradientViews.get(W).assign(inputGrad);
        INDArray recurrentGrad = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[]{units, 4L * units}, 'c');
        Nd4j.gemm(previousStates, gateGrads, recurrentGrad, true, false, 1.0, 0.0);
        gradientViews.get(RW).assign(recurrentGrad);
        // Column sums as a product with a row of ones: far faster than ND4J's reduction along rows.
        INDArray ones = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[]{1, rows}, 'c')
                .assign(1.0);
        INDArray biasGrad = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[]{1, 4L * units}, 'c');
        Nd4j.gemm(ones, gateGrads, biasGrad, false, false, 1.0, 0.0);
        gradientViews.get(B).assign(biasGrad);

        INDArray inputEps = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType,
                new long[]{rows, inputSize}, 'c');
        Nd4j.gemm(gateGrads, getParam(W), inputEps, false, true, 1.0, 0.0);
        INDArray epsilonOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[]{batch, inputSize, steps}, 'f');
        epsilonOut.assign(inputEps.reshape('c', steps, batch, inputSize).permute(1, 2, 0));

        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(W, gradientViews.get(W));
        gradient.gradientForVariable().put(RW, gradientViews.get(RW));
        gradient.gradientForVariable().put(B, gradientViews.get(B));
        return new Pair<>(gradient, backpropDropOutIfPresent(epsilonOut));
    }

    @Override
    public void clear() {
        super.clear();
        forwardKept = false;
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
    private INDArray forward(ArrayType outputType, ArrayType scratchType, LayerWorkspaceMgr workspaceMgr, boolean keep) {
        int batch = (int) input.size(0);
        int steps = (int) input.size(2);
        int units = (int) layerConf().getNOut();
        int rows = steps * batch;
        int gates = 4 * units;

        INDArray projections = workspaceMgr.createUninitialized(scratchType, dataType, new long[]{rows, gates}, 'c');
        Nd4j.gemm(timeMajor(scratchType, workspaceMgr), getParam(W), projections, false, false, 1.0, 0.0);
        INDArray out = workspaceMgr.createUninitialized(outputType, dataType, new long[]{steps, batch, units}, 'c');
        if (!keep && dataType == DataType.FLOAT) {
            inference.forward(projections, getParam(B).toFloatVector(), recurrentMatrix(scratchType, workspaceMgr),
                    workspaceMgr.dup(scratchType, getParam(RW).transpose(), 'c'),
                    maskValues(batch, steps),
                    batch, steps, units,
                    workspaceMgr.create(scratchType, dataType, new long[]{FloatInference.productRows(batch), units}, 'c'),
                    workspaceMgr.createUninitialized(scratchType, dataType,
                            new long[]{FloatInference.productRows(batch), gates}, 'c'), out);
            return out.permute(1, 2, 0);
        }
        kernel.begin(batch, steps, units);
        kernel.forward(maskValues(batch, steps), recurrentWeights(scratchType, workspaceMgr, projections, batch, units));

        // Written time-major in one bulk copy; DL4J's [B, H, T] is a permuted view of it.
        copy.write(kernel.outputs(), batch * units, rows * units, out);
        return out.permute(1, 2, 0);
    }

    /** The input [B, E, T] as a dense [T·B, E] matrix, row t·B + b holding example b at step t. */
    private INDArray timeMajor(ArrayType type, LayerWorkspaceMgr workspaceMgr) {
        long batch = input.size(0);
        long inputSize = input.size(1);
        long steps = input.size(2);
        INDArray tm = workspaceMgr.createUninitialized(type, dataType, new long[]{steps, batch, inputSize}, 'c');
        tm.assign(input.castTo(dataType).permute(2, 0, 1));
        return tm.reshape('c', steps * batch, inputSize);
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
