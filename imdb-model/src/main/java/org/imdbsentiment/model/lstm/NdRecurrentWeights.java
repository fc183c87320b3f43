package org.imdbsentiment.model.lstm;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link RecurrentWeights} through ND4J's GEMM: the input projections of all steps, computed
 * beforehand as one product, stay in their ND4J array and are read one step at a time, summed with
 * the bias and that step's recurrent product in the same loop (while both are in cache).
 */
final class NdRecurrentWeights implements RecurrentWeights {
    private final INDArray weights;
    private final INDArray projections;
    private final double[] bias;
    private final INDArray state;
    private final INDArray gates;
    private final NdCopy copy;
    private final int firstRow;
    private final int rowsPerStep;

    /**
     * @param weights     RW, [H, 4H]
     * @param projections x·W of every step, [T·B, 4H], 'c' order, row t·B + b for example b at step t
     *                    (null for a pass that only goes backward)
     * @param bias        b, 4H values
     * @param state       scratch [B, H], 'c' order
     * @param gates       scratch [B, 4H], 'c' order
     */
    NdRecurrentWeights(INDArray weights, INDArray projections, double[] bias, INDArray state, INDArray gates,
                       NdCopy copy) {
        this(weights, projections, bias, state, gates, copy, 0, (int) state.size(0));
    }

    /**
     * For a slice of the minibatch: the rows {@code [firstRow, firstRow + state rows)} of each step's
     * {@code rowsPerStep} rows of projections.
     */
    NdRecurrentWeights(INDArray weights, INDArray projections, double[] bias, INDArray state, INDArray gates,
                       NdCopy copy, int firstRow, int rowsPerStep) {
        this.weights = weights;
        this.projections = projections;
        this.bias = bias;
        this.state = state;
        this.gates = gates;
        this.copy = copy;
        this.firstRow = firstRow;
        this.rowsPerStep = rowsPerStep;
    }

    @Override
    public void preactivations(int t, double[] h, int offset, double[] out, int outOffset) {
        int n = (int) gates.length();
        long from = ((long) t * rowsPerStep + firstRow) * gates.size(1);
        if (t == 0) {
            copy.readSum(projections, from, null, bias, out, outOffset, n);
            return;
        }
        copy.write(h, offset, (int) state.length(), state);
        CpuGemm.multiply(state, weights, gates, false);
        copy.readSum(projections, from, gates, bias, out, outOffset, n);
    }

    @Override
    public void multiplyTransposed(double[] dz, int offset, double[] out) {
        copy.write(dz, offset, (int) gates.length(), gates);
        CpuGemm.multiply(gates, weights, state, true);
        copy.read(state, out, 0, (int) state.length());
    }
}
