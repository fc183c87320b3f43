package org.imdbsentiment.model.lstm;

/**
 * The matrix work of one time step, for a batch of B rows, H units and G = 4H gates: the forward
 * pre-activations (the step's input projection, bias and recurrent product together, in one pass
 * over the gate columns) and the backward recurrent product.
 */
interface RecurrentWeights {
    /**
     * {@code gates[gatesOffset .. + B×G) = x_t·W + b + h_{t-1}·RW} (without the recurrent product
     * when {@code t == 0}, where the state is zero), reading h_{t-1} from {@code h[offset..]}.
     */
    void preactivations(int t, double[] h, int offset, double[] gates, int gatesOffset);

    /** {@code out[B×H] = dz[B×G] · RWᵀ}, reading dz from {@code dz[offset..]}. */
    void multiplyTransposed(double[] dz, int offset, double[] out);
}
