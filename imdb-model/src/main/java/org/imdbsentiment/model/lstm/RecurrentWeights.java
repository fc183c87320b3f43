package org.imdbsentiment.model.lstm;

/** The recurrent matrix product of one time step, for a batch of B rows, H units and G = 4H gates. */
interface RecurrentWeights {
    /** {@code gates[gatesOffset..] += h[B×H] · RW}, reading h from {@code h[offset..]}. */
    void multiplyAdd(double[] h, int offset, double[] gates, int gatesOffset);

    /** {@code out[B×H] = dz[B×G] · RWᵀ}, reading dz from {@code dz[offset..]}. */
    void multiplyTransposed(double[] dz, int offset, double[] out);
}
