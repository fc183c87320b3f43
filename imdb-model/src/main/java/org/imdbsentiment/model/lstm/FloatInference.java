package org.imdbsentiment.model.lstm;

import org.imdbsentiment.model.SequenceMasks;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The forward pass of {@link FloatLstmKernel} for inference: the same recurrence, masks, gate layout
 * and row step ({@link FloatStep}), keeping only the current step's gates and cell, since no backward
 * pass follows. Training uses {@link FloatLstmKernel}, DOUBLE networks (gradient checks)
 * {@link LstmKernel}.
 *
 * <p>When every row of the mask is post-padded (real steps first, as the data pipeline makes them),
 * the pass is packed the way PyTorch's {@code pack_padded_sequence} is: rows are taken longest
 * first, and step t computes only the rows still running (a prefix of that order), so a batch of
 * reviews of different lengths costs its real tokens, not B × T. A padded step's output and cell
 * are zero either way (DL4J's masking), so the results are the same. Other masks (pre-padded,
 * holes) run every row at every step. Buffers grow to the largest batch seen; one instance per
 * layer, not thread-safe.
 */
final class FloatInference {
    /** Running rows up to which the per-step product is formed directly (h·RW), not transposed. */
    static final int DIRECT_ROWS = 3;

    private float[] gates = new float[0];     // [B][4H] of the current step, in running order
    private float[] cells = new float[0];     // [B][H]: the previous step's cell
    private float[] nextCells = new float[0]; // [B][H]: this step's (two arrays, swapped every step)
    private float[] outputs = new float[0];   // [T+1][B][H]: slot 0 is the zero initial state
    private float[] projection = new float[0];
    private float[] recurrent = new float[0]; // this step's h_{t-1}·RW, [running][4H] or transposed
    private float[] stage = new float[0];     // [B][H]: the running rows' h_{t-1}, in running order
    private float[] cellTanh = new float[0];  // [H]: tanh of one example's cell

    /**
     * Runs the layer over all steps and writes h_t into {@code out}.
     *
     * @param projections x·W of every step, FLOAT [T·B, 4H] (or fewer rows, with {@code projectionRows}), 'c',
     *                    row t·B + b for example b at step t
     * @param projectionRows for each step's row t·B + b, the row of {@code projections} that holds its x·W (the
     *                    input's distinct rows, {@link DistinctRows}), or null: row t·B + b itself
     * @param bias        b, 4H values
     * @param weights     RW, [H, 4H], dense 'c' (the product of 1-3 running rows)
     * @param transposedWeights RWᵀ, [4H, H], dense 'c' (the product of more rows is formed transposed:
     *                    {@link CpuGemm#multiplyTransposedRows})
     * @param mask        [B][T] with 1 for real steps and 0 for padding, or null
     * @param state       FLOAT scratch [{@link #productRows}(B), H], 'c', zeros
     * @param product     FLOAT scratch of at least {@link #productRows}(B)·4H values, 'c'
     * @param out         FLOAT [T, B, H], 'c': receives h_0 .. h_{T-1}
     */
    void forward(INDArray projections, int[] projectionRows, float[] bias, INDArray weights, INDArray transposedWeights, double[] mask,
                 int batch, int steps, int units, INDArray state, INDArray product, INDArray out) {
        for (INDArray a : new INDArray[] {projections, state, product, out}) {
            if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.offset() != 0 || a.elementWiseStride() != 1) {
                throw new IllegalArgumentException("expected a dense 'c' FLOAT array, got " + a.shapeInfoToString());
            }
        }
        final int b = batch;
        final int h = units;
        final int g = 4 * h;
        final int state0 = b * h;
        grow(b, h, steps);
        // Locals, not fields, inside the loops.
        final float[] gates = this.gates;
        final float[] outputs = this.outputs;
        final float[] projection = this.projection;
        final float[] recurrent = this.recurrent;
        final float[] stage = this.stage;
        final float[] cellTanh = this.cellTanh;
        float[] cells = this.cells;
        float[] nextCells = this.nextCells;
        Arrays.fill(cells, 0, state0, 0f);
        Arrays.fill(outputs, 0, (steps + 1) * state0, 0f);

        int[] lengths = SequenceMasks.postPaddedLengths(mask, b, steps);
        final boolean packed = lengths != null;
        final int[] order = packed
                ? IntStream.range(0, b).boxed().sorted(Comparator.comparingInt((Integer e) -> -lengths[e]))
                        .mapToInt(Integer::intValue).toArray()
                : IntStream.range(0, b).toArray();
        FloatBuffer projected = projections.data().asNioFloat();
        int running = b;
        int gateStride = 1; // recurrent[k · gateStride + i · rowStride]: gate k of running row i
        int rowStride = g;
        for (int t = 0; t < steps; t++) {
            if (packed) {
                while (running > 0 && lengths[order[running - 1]] <= t) {
                    running--;
                }
                if (running == 0) {
                    break; // every later output stays zero
                }
            }
            if (projectionRows == null) {
                projected.get(t * b * g, projection, 0, b * g);
            } else {
                for (int i = 0; i < running; i++) {
                    int e = order[i];
                    projected.get(projectionRows[t * b + e] * g, projection, e * g, g);
                }
            }
            if (t > 0) {
                for (int i = 0; i < running; i++) {
                    System.arraycopy(outputs, t * state0 + order[i] * h, stage, i * h, h);
                }
                state.data().asNioFloat().put(0, stage, 0, running * h);
                if (running <= DIRECT_ROWS) {
                    // h·RW, row-major [running][4H]: faster than the transposed form for 1-3 rows.
                    CpuGemm.multiplyRows(state, weights, product, false, running);
                    product.data().asNioFloat().get(0, recurrent, 0, running * g);
                    gateStride = 1;
                    rowStride = g;
                } else {
                    // Rows past the running ones hold earlier steps' states (or zeros): their columns
                    // of the product are computed and ignored, since a multiple of 8 is far faster.
                    int n = productRows(running); // <= the state's rows, productRows(B)
                    CpuGemm.multiplyTransposedRows(transposedWeights, state, product, n);
                    product.data().asNioFloat().get(0, recurrent, 0, n * g);
                    gateStride = n;
                    rowStride = 1;
                }
            }
            for (int i = 0; i < running; i++) {
                final int e = order[i];
                final float m = packed || mask == null ? 1f : (float) mask[e * steps + t];
                FloatStep.step(t > 0 ? recurrent : null, i * rowStride, gateStride, projection, e * g, bias, gates,
                        i * g, cells, e * h, nextCells, e * h, cellTanh, 0, outputs, (t + 1) * state0 + e * h, m, h);
            }
            float[] swap = cells;
            cells = nextCells;
            nextCells = swap;
        }
        out.data().asNioFloat().put(0, outputs, state0, steps * state0);
    }

    /**
     * Rows of states the per-step product is formed for when {@code rows} are running: the next
     * multiple of 8. OpenBLAS's single-precision kernel (Skylake-X, this machine's) takes 87 µs for
     * 16 rows of 256 units and 143 µs for 13 (measured, one thread), so the rows past the running
     * ones are multiplied too and their columns ignored. Up to {@link #DIRECT_ROWS} rows, the product
     * is formed as h·RW for exactly those rows (1 row: 18 µs, 2: 11 µs, 3: 42 µs, against 74 µs
     * for 8 transposed).
     */
    static int productRows(int rows) {
        if (rows <= DIRECT_ROWS) {
            return rows;
        }
        return (rows + 7) & ~7;
    }

    private void grow(int b, int h, int steps) {
        int g = 4 * h;
        gates = grow(gates, b * g);
        cells = grow(cells, b * h);
        nextCells = grow(nextCells, b * h);
        outputs = grow(outputs, (steps + 1) * b * h);
        projection = grow(projection, b * g);
        recurrent = grow(recurrent, productRows(b) * g);
        stage = grow(stage, b * h);
        cellTanh = grow(cellTanh, h);
    }

    private static float[] grow(float[] a, int length) {
        return a.length >= length ? a : new float[length];
    }
}
