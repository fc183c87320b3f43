package org.imdbsentiment.model.lstm;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * {@link LstmKernel}'s training passes in single precision, for networks of FLOAT data: the same
 * recurrence, masks and gate layout ({@link FloatStep}), on {@code float[]}, for one slice of a
 * minibatch's rows (all of them, or those one thread computes). Against the double-precision kernel
 * (kept for DOUBLE networks, which DL4J's gradient checks need), it moves half the bytes, has twice the
 * vector lanes, copies to and from ND4J's float arrays in bulk without converting, and forms each
 * step's recurrent products transposed ({@link CpuGemm#multiplyTransposedRows}: the 4H weight rows
 * against the slice's few rows, which OpenBLAS computes 1.3-1.7x faster for 16-32 rows of 256 units,
 * measured), as {@link FloatInference} does.
 *
 * <p>The forward pass keeps every step's gates, cells and outputs on the Java heap for
 * {@link #backward}. Buffers grow to the largest slice seen; one instance per slice, not thread-safe.
 */
final class FloatLstmKernel {
    private static final float[] EMPTY = new float[0];

    private int first;
    private int rows;
    private int batch;
    private int steps;
    private int size;
    private double[] mask;              // the slice's [rows][T], or null when every step is real
    private float[] gates = EMPTY;      // [T][rows][4H] gate activations
    private float[] cellTanh = EMPTY;   // [T][rows][H]: tanh of the unmasked cell
    private float[] cells = EMPTY;      // [T+1][rows][H]: slot 0 is the zero initial state
    private float[] outputs = EMPTY;    // [T+1][rows][H]: slot 0 is the zero initial state
    private float[] projection = EMPTY; // [rows][4H]: one step's input projections
    private float[] recurrent = EMPTY;  // one step's recurrent product, [rows][4H] or transposed
    private float[] gateGrads = EMPTY;  // [T][rows][4H]
    private float[] epsilon = EMPTY;    // [T][rows][H]
    private float[] hiddenGrad = EMPTY; // [rows][H]
    private float[] cellGrad = EMPTY;   // [rows][H]
    private float[] product = EMPTY;    // [H][n] or [rows][H]: the backward step's product

    /**
     * The forward pass over rows {@code [first, first + rows)} of a minibatch of {@code batch} rows.
     *
     * @param projections       x·W of every step, FLOAT [T·B, 4H] (or fewer rows, with {@code projectionRows}), 'c',
     *                          row t·B + b for example b at step t
     * @param projectionRows    for each step's row t·B + b, the row of {@code projections} that holds its x·W (the
     *                          input's distinct rows, {@link DistinctRows}), or null: row t·B + b itself
     * @param bias              b, 4H values
     * @param weights           RW, [H, 4H], dense 'c' (the product of 1-3 rows)
     * @param transposedWeights RWᵀ, [4H, H], dense 'c' (the product of more rows, formed transposed)
     * @param mask              the slice's [rows][T], 1 for real steps and 0 for padding, or null
     * @param state             FLOAT scratch [{@link FloatInference#productRows}(rows), H], 'c', zeros
     * @param stepProduct       FLOAT scratch [{@link FloatInference#productRows}(rows), 4H], 'c'
     * @param out               FLOAT [T, B, H], 'c': receives this slice's rows of h_0 .. h_{T-1}
     */
    void forward(INDArray projections, int[] projectionRows, float[] bias, INDArray weights, INDArray transposedWeights, double[] mask,
                 int first, int rows, int batch, int steps, int units, INDArray state, INDArray stepProduct,
                 INDArray out) {
        checkFloat(projections, state, stepProduct, out);
        this.first = first;
        this.rows = rows;
        this.batch = batch;
        this.steps = steps;
        this.size = units;
        this.mask = mask;
        final int h = units;
        final int g = 4 * h;
        final int n = FloatInference.productRows(rows);
        final int state0 = rows * h;
        gates = grow(gates, steps * rows * g);
        cellTanh = grow(cellTanh, steps * state0);
        cells = grow(cells, (steps + 1) * state0);
        outputs = grow(outputs, (steps + 1) * state0);
        projection = grow(projection, rows * g);
        recurrent = grow(recurrent, n * g);
        final float[] gates = this.gates;
        final float[] cells = this.cells;
        final float[] outputs = this.outputs;
        final float[] projection = this.projection;
        final float[] recurrent = this.recurrent;
        final float[] cellTanh = this.cellTanh;
        Arrays.fill(cells, 0, state0, 0f);
        Arrays.fill(outputs, 0, state0, 0f);
        FloatBuffer projected = projections.data().asNioFloat();
        FloatBuffer states = state.data().asNioFloat();
        FloatBuffer products = stepProduct.data().asNioFloat();
        FloatBuffer written = out.data().asNioFloat();
        int gateStride = 1; // recurrent[k · gateStride + i · rowStride]: gate k of row i
        int rowStride = g;
        for (int t = 0; t < steps; t++) {
            if (projectionRows == null) {
                projected.get((t * batch + first) * g, projection, 0, rows * g);
            } else {
                for (int i = 0; i < rows; i++) {
                    projected.get(projectionRows[t * batch + first + i] * g, projection, i * g, g);
                }
            }
            if (t > 0) {
                states.put(0, outputs, t * state0, state0);
                if (n == rows && rows <= FloatInference.DIRECT_ROWS) {
                    CpuGemm.multiplyRows(state, weights, stepProduct, false, rows);
                    products.get(0, recurrent, 0, rows * g);
                    gateStride = 1;
                    rowStride = g;
                } else {
                    // Rows past this slice's are zeros: their columns are computed and ignored.
                    CpuGemm.multiplyTransposedRows(transposedWeights, state, stepProduct, n);
                    products.get(0, recurrent, 0, n * g);
                    gateStride = n;
                    rowStride = 1;
                }
            }
            for (int i = 0; i < rows; i++) {
                final float m = mask == null ? 1f : (float) mask[i * steps + t];
                final int s = (t * rows + i) * h;
                FloatStep.step(t > 0 ? recurrent : null, i * rowStride, gateStride, projection, i * g, bias, gates,
                        (t * rows + i) * g, cells, s, cells, s + state0, cellTanh, s, outputs, s + state0, m, h);
            }
            written.put((t * batch + first) * h, outputs, (t + 1) * state0, state0);
        }
    }

    /**
     * Back-propagates this slice's rows of {@code epsilon} = dL/dh_t through the last forward pass, and
     * writes its rows of the gate gradients dL/dz and of the previous states h_{t-1}, from which the
     * caller forms the weight, bias and input gradients with large matrix products.
     *
     * @param epsilon        FLOAT [T, B, H], 'c'
     * @param weights        RW, [H, 4H], dense 'c'
     * @param gateScratch    FLOAT scratch [{@link FloatInference#productRows}(rows), 4H], 'c', zeros
     * @param stepProduct    FLOAT scratch [{@link FloatInference#productRows}(rows), H], 'c'
     * @param gateGradsOut   FLOAT [T·B, 4H], 'c': receives this slice's rows of dL/dz
     * @param previousStates FLOAT [T·B, H], 'c': receives this slice's rows of h_{t-1}
     */
    void backward(INDArray epsilon, INDArray weights, INDArray gateScratch, INDArray stepProduct,
                  INDArray gateGradsOut, INDArray previousStates) {
        checkFloat(epsilon, gateScratch, stepProduct, gateGradsOut, previousStates);
        final int h = size;
        final int g = 4 * h;
        final int n = FloatInference.productRows(rows);
        final int state0 = rows * h;
        gateGrads = grow(gateGrads, steps * rows * g);
        this.epsilon = grow(this.epsilon, steps * state0);
        hiddenGrad = grow(hiddenGrad, state0);
        cellGrad = grow(cellGrad, state0);
        product = grow(product, n * h);
        final float[] gates = this.gates;
        final float[] cells = this.cells;
        final float[] cellTanh = this.cellTanh;
        final float[] gateGrads = this.gateGrads;
        final float[] eps = this.epsilon;
        final float[] hiddenGrad = this.hiddenGrad;
        final float[] cellGrad = this.cellGrad;
        final float[] product = this.product;
        FloatBuffer incoming = epsilon.data().asNioFloat();
        for (int t = 0; t < steps; t++) {
            incoming.get((t * batch + first) * h, eps, t * state0, state0);
        }
        Arrays.fill(hiddenGrad, 0, state0, 0f);
        Arrays.fill(cellGrad, 0, state0, 0f);
        FloatBuffer dz = gateScratch.data().asNioFloat();
        FloatBuffer products = stepProduct.data().asNioFloat();
        FloatBuffer gateOut = gateGradsOut.data().asNioFloat();
        FloatBuffer statesOut = previousStates.data().asNioFloat();
        for (int t = steps - 1; t >= 0; t--) {
            for (int e = 0; e < rows; e++) {
                final float m = mask == null ? 1f : (float) mask[e * steps + t];
                final int z = (t * rows + e) * g;
                final int s = (t * rows + e) * h;
                final int u = e * h;
                for (int j = 0; j < h; j++) {
                    float a = gates[z + j];
                    float f = gates[z + h + j];
                    float o = gates[z + 2 * h + j];
                    float i = gates[z + 3 * h + j];
                    float tc = cellTanh[s + j];
                    float dh = eps[s + j] + hiddenGrad[u + j];
                    float dCell = m * (dh * o * (1 - tc * tc) + cellGrad[u + j]);
                    float dOut = m * dh * tc;
                    gateGrads[z + j] = dCell * i * (1 - a * a);
                    gateGrads[z + h + j] = dCell * cells[s + j] * f * (1 - f);
                    gateGrads[z + 2 * h + j] = dOut * o * (1 - o);
                    gateGrads[z + 3 * h + j] = dCell * a * i * (1 - i);
                    cellGrad[u + j] = dCell * f;
                }
            }
            gateOut.put((t * batch + first) * g, gateGrads, t * rows * g, rows * g);
            statesOut.put((t * batch + first) * h, outputs, t * state0, state0);
            if (t > 0) {
                // dL/dh_{t-1} = dz_t · RWᵀ, for 1-3 rows directly, else transposed (H rows against n).
                dz.put(0, gateGrads, t * rows * g, rows * g);
                if (n == rows && rows <= FloatInference.DIRECT_ROWS) {
                    CpuGemm.multiplyRows(gateScratch, weights, stepProduct, true, rows);
                    products.get(0, hiddenGrad, 0, state0);
                } else {
                    CpuGemm.multiplyTransposedRows(weights, gateScratch, stepProduct, n);
                    products.get(0, product, 0, n * h);
                    for (int j = 0; j < h; j++) {
                        for (int e = 0; e < rows; e++) {
                            hiddenGrad[e * h + j] = product[j * n + e];
                        }
                    }
                }
            }
        }
    }

    private static void checkFloat(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.offset() != 0 || a.elementWiseStride() != 1) {
                throw new IllegalArgumentException("expected a dense 'c' FLOAT array, got " + a.shapeInfoToString());
            }
        }
    }

    private static float[] grow(float[] a, int length) {
        return a.length >= length ? a : new float[length];
    }
}
