package org.imdbsentiment.model.steps;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.imdbsentiment.model.SequenceMasks;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime vertex of {@link TruncatedSteps}. A batch no longer than {@code maxLength} steps passes
 * through unchanged (with its mask); a longer one becomes {@code [batch, 1, maxLength]}: each review's
 * kept steps first, its padding after them, masked. A review's real steps are its mask's leading ones
 * (the data pipeline pads at the end); without a mask every step is real.
 */
public class TruncatedStepsVertex extends BaseGraphVertex {
    private final TruncatedSteps conf;
    private final int inputIndex;

    public TruncatedStepsVertex(ComputationGraph graph, String name, int vertexIndex, TruncatedSteps conf, DataType dataType) {
        super(graph, name, vertexIndex, null, null, dataType);
        this.conf = conf;
        this.inputIndex = graph.getConfiguration().getNetworkInputs().indexOf(conf.getInput());
        if (inputIndex < 0) {
            throw new IllegalArgumentException("truncated steps: no network input '" + conf.getInput() + "' (inputs: "
                    + graph.getConfiguration().getNetworkInputs() + ")");
        }
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("truncated steps: input not set");
        }
        INDArray ids = inputs[0];
        int steps = (int) ids.size(ids.rank() - 1);
        if (steps <= conf.getMaxLength()) {
            return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, ids);
        }
        int batch = (int) ids.size(0);
        int max = conf.getMaxLength();
        float[] in = ids.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int[] lengths = lengths(inputMask(), batch, steps);
        float[] out = new float[batch * max];
        for (int b = 0; b < batch; b++) {
            int[] kept = conf.getTruncation().kept(lengths[b], max);
            for (int i = 0; i < kept.length; i++) {
                out[b * max + i] = in[b * steps + kept[i]];
            }
        }
        long[] shape = ids.rank() == 3 ? new long[] {batch, 1, max} : new long[] {batch, max};
        INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, ids.dataType(), shape, 'c');
        return result.assign(Nd4j.create(out, shape, 'c').castTo(ids.dataType()));
    }

    /** Word ids get no gradient: zeros of the input's shape. */
    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        INDArray zeros = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, inputs[0].dataType(), inputs[0].shape(), 'c');
        return new Pair<>(null, new INDArray[] {zeros});
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalStateException("truncated steps have no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState, int minibatchSize) {
        INDArray mask = maskArrays == null ? null : maskArrays[0];
        if (mask == null || mask.size(1) <= conf.getMaxLength()) {
            return new Pair<>(mask, currentMaskState);
        }
        int batch = (int) mask.size(0);
        int steps = (int) mask.size(1);
        int max = conf.getMaxLength();
        int[] lengths = lengths(mask, batch, steps);
        float[] kept = new float[batch * max];
        for (int b = 0; b < batch; b++) {
            java.util.Arrays.fill(kept, b * max, b * max + Math.min(lengths[b], max), 1f);
        }
        return new Pair<>(Nd4j.create(kept, new long[] {batch, max}, 'c').castTo(mask.dataType()), currentMaskState);
    }

    /** The network input's mask, if it has one. */
    private INDArray inputMask() {
        INDArray[] masks = graph.getInputMaskArrays();
        return masks == null ? null : masks[inputIndex];
    }

    /**
     * Each review's real steps: its mask's leading ones (every step without a mask); a mask that is not
     * padded at the end is refused, as the LSTM side could not tell which steps to keep.
     */
    private static int[] lengths(INDArray mask, int batch, int steps) {
        if (mask == null) {
            int[] lengths = new int[batch];
            java.util.Arrays.fill(lengths, steps);
            return lengths;
        }
        if (mask.size(0) != batch || mask.size(1) != steps) {
            throw new IllegalStateException("mask " + java.util.Arrays.toString(mask.shape()) + " for " + batch
                    + " reviews of " + steps + " steps");
        }
        int[] lengths = SequenceMasks.postPaddedLengths(mask.castTo(DataType.DOUBLE).dup('c').data().asDouble(), batch, steps);
        if (lengths == null) {
            throw new IllegalStateException("truncated steps need masks padded at the end (1s, then 0s)");
        }
        return lengths;
    }

    @Override
    public String toString() {
        return "TruncatedStepsVertex(" + vertexName + ", " + conf + ")";
    }
}
