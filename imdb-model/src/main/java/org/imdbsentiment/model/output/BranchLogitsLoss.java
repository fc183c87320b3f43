package org.imdbsentiment.model.output;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

/**
 * The sum, over the columns of {@code [batch, K]} logits, of each column's binary cross-entropy against
 * the same target {@code [batch, 1]} (a label 0/1, or a teacher's probability). Each column's gradient
 * is its own, {@code sigmoid(z_k) - y}: the columns are trained as K separate classifiers of the same
 * reviews. The activation must be the sigmoid (it is applied to each column). Example masks
 * ({@code [batch, 1]}) are honoured as {@link LossBinaryXENT} honours them, and so are masks per logit
 * ({@code [batch, K]}: a 0 keeps that example from that logit's loss and gradient; teacher-branches).
 */
public final class BranchLogitsLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    private final LossBinaryXENT xent = new LossBinaryXENT();

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return xent.computeScoreArray(perColumn(labels, preOutput), preOutput.dup(), activationFn, columnMask(mask, preOutput));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        // dup: LossBinaryXENT applies the activation to the array it is given, in place
        return xent.computeGradient(perColumn(labels, preOutput), preOutput.dup(), activationFn, columnMask(mask, preOutput));
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    /** The target repeated for each of the K logits: {@code [batch, K]}. */
    private static INDArray perColumn(INDArray labels, INDArray preOutput) {
        if (labels.rank() != 2 || labels.size(1) != 1 || labels.size(0) != preOutput.size(0)) {
            throw new IllegalArgumentException("branch logits need one target per example, [" + preOutput.size(0)
                    + ", 1]; got " + java.util.Arrays.toString(labels.shape()));
        }
        return labels.repeat(1, preOutput.size(1)).castTo(preOutput.dataType());
    }

    /** An example mask {@code [batch, 1]} applies to every logit of the example. */
    private static INDArray columnMask(INDArray mask, INDArray preOutput) {
        if (mask == null || mask.size(1) == preOutput.size(1)) {
            return mask;
        }
        return mask.repeat(1, preOutput.size(1)).castTo(preOutput.dataType());
    }

    @Override
    public String name() {
        return "BranchLogitsLoss";
    }

    @Override
    public String toString() {
        return "BranchLogitsLoss(binary XENT per logit, summed)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BranchLogitsLoss;
    }

    @Override
    public int hashCode() {
        return BranchLogitsLoss.class.hashCode();
    }
}
