package org.imdbsentiment.model.lstm;

/**
 * One row's LSTM step in single precision, shared by {@link FloatInference} and
 * {@link FloatLstmKernel}: pre-activations (projection, bias and, after the first step, the row's
 * recurrent product: gate k at {@code recurrent[r + k · stride]}), gates (block input a with tanh,
 * then the forget, output and input gates with the sigmoid, DL4J's layout), cell and output, with
 * DL4J's masking (a masked step outputs zeros and resets the state). A method of its own, called
 * for every row and step, so that the JIT compiles it fully within the first pass.
 */
final class FloatStep {
    private FloatStep() {
    }

    /**
     * @param gates     receives the row's 4H gate activations at {@code z}
     * @param cells     the previous cell at {@code c}
     * @param nextCells receives the masked new cell at {@code nc}
     * @param cellTanh  receives tanh of the unmasked new cell at {@code ct} (what the backward pass needs)
     * @param outputs   receives the masked new output at {@code o}
     */
    static void step(float[] recurrent, int r, int stride, float[] projection, int p, float[] bias, float[] gates,
                     int z, float[] cells, int c, float[] nextCells, int nc, float[] cellTanh, int ct,
                     float[] outputs, int o, float m, int h) {
        final int g = 4 * h;
        if (recurrent != null) {
            for (int k = 0; k < g; k++) {
                gates[z + k] = projection[p + k] + recurrent[r + k * stride] + bias[k];
            }
        } else {
            for (int k = 0; k < g; k++) {
                gates[z + k] = projection[p + k] + bias[k];
            }
        }
        for (int k = z; k < z + h; k++) {
            gates[k] = FastTanh.tanh(gates[k]);
        }
        for (int k = z + h; k < z + g; k++) {
            gates[k] = FastTanh.sigmoid(gates[k]);
        }
        // Three simple loops instead of one: each is vectorised by the JIT, which leaves the fused
        // loop (tanh of a value computed in the same iteration) scalar.
        for (int j = 0; j < h; j++) {
            float cell = gates[z + h + j] * cells[c + j] + gates[z + 3 * h + j] * gates[z + j];
            nextCells[nc + j] = m * cell;
            cellTanh[ct + j] = cell;
        }
        for (int j = ct; j < ct + h; j++) {
            cellTanh[j] = FastTanh.tanh(cellTanh[j]);
        }
        for (int j = 0; j < h; j++) {
            outputs[o + j] = m * gates[z + 2 * h + j] * cellTanh[ct + j];
        }
    }
}
