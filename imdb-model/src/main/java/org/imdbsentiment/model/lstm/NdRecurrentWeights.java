package org.imdbsentiment.model.lstm;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link RecurrentWeights} through ND4J's GEMM, with the four scratch arrays of one pass. */
final class NdRecurrentWeights implements RecurrentWeights {
    private final INDArray weights;
    private final INDArray state;
    private final INDArray gates;
    private final NdCopy copy = new NdCopy();

    /**
     * @param weights RW, [H, 4H]
     * @param state   scratch [B, H], 'c' order
     * @param gates   scratch [B, 4H], 'c' order
     */
    NdRecurrentWeights(INDArray weights, INDArray state, INDArray gates) {
        this.weights = weights;
        this.state = state;
        this.gates = gates;
    }

    @Override
    public void multiplyAdd(double[] h, int offset, double[] out, int outOffset) {
        copy.write(h, offset, (int) state.length(), state);
        Nd4j.gemm(state, weights, gates, false, false, 1.0, 0.0);
        copy.addTo(gates, out, outOffset, (int) gates.length());
    }

    @Override
    public void multiplyTransposed(double[] dz, int offset, double[] out) {
        copy.write(dz, offset, (int) gates.length(), gates);
        Nd4j.gemm(gates, weights, state, false, true, 1.0, 0.0);
        copy.read(state, out, 0, (int) state.length());
    }
}
