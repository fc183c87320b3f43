package org.imdbsentiment.model.lstm;

import java.util.Arrays;

/**
 * Forward and backward pass of one LSTM layer of a DOUBLE network (DL4J's gradient checks) over a whole
 * minibatch, in double precision with {@code Math.tanh} and {@code Math.exp}, on plain arrays, with DL4J's
 * parameter layout: the 4H gate columns are the block input {@code a} (tanh), then the forget
 * {@code f}, output {@code o} and input {@code i} gates (sigmoid). Per step and example, with mask m:
 * <pre>
 *   c_t = m · (f ⊙ c_{t-1} + i ⊙ a)        h_t = m · o ⊙ tanh(f ⊙ c_{t-1} + i ⊙ a)
 * </pre>
 * exactly as DL4J's {@code LSTM} computes it (a masked step outputs zeros and resets the state).
 * Each step's pre-activations (its input projection, precomputed for all steps as one large matrix
 * product, plus bias and recurrent product) come from {@link RecurrentWeights}; all gate arithmetic
 * happens here in tight loops, without any per-operation dispatch.
 *
 * <p>The forward pass keeps what the backward pass needs on the Java heap, so it survives DL4J's
 * workspace resets between {@code activate} and {@code backpropGradient}. Buffers grow to the largest
 * batch seen and are reused. Not thread-safe: one kernel per layer instance. FLOAT networks train
 * with {@link FloatLstmKernel}, the same recurrence in single precision.
 */
final class LstmKernel {
    private static final double[] EMPTY = new double[0];

    private int batch;
    private int steps;
    private int size;
    private double[] gates = EMPTY;      // [T][B][4H]: input pre-activations in, gate activations out
    private double[] cellTanh = EMPTY;   // [T][B][H]: tanh of the unmasked cell
    private double[] cells = EMPTY;      // [T+1][B][H]: slot 0 is the zero initial state
    private double[] outputs = EMPTY;    // [T+1][B][H]: slot 0 is the zero initial state
    private double[] gateGrads = EMPTY;  // [T][B][4H]
    private double[] hiddenGrad = EMPTY; // [B][H]
    private double[] cellGrad = EMPTY;   // [B][H]
    private double[] mask;               // [B][T], or null when every step is real


    /**
     * Sizes the buffers for a pass over {@code steps} steps of {@code batch} examples. Every step is
     * kept for {@link #backward}; single-precision inference, which needs none, is
     * {@link FloatInference}'s.
     */
    void begin(int batch, int steps, int size) {
        this.batch = batch;
        this.steps = steps;
        this.size = size;
        int state = batch * size;
        gates = grow(gates, steps * state * 4);
        cellTanh = grow(cellTanh, steps * state);
        cells = grow(cells, (steps + 1) * state);
        outputs = grow(outputs, (steps + 1) * state);
    }

    /**
     * Runs the recurrence, taking each step's pre-activations from {@code weights}; afterwards
     * {@link #outputs()} holds h_t for t = 0..T-1 from offset {@code B·H}.
     *
     * @param mask [B][T] with 1 for real steps and 0 for padding, or null
     */
    void forward(double[] mask, RecurrentWeights weights) {
        this.mask = mask;
        final int b = batch;
        final int h = size;
        final int g = 4 * h;
        Arrays.fill(cells, 0, b * h, 0.0);
        Arrays.fill(outputs, 0, b * h, 0.0);
        for (int t = 0; t < steps; t++) {
            weights.preactivations(t, outputs, t * b * h, gates, t * b * g);
            for (int e = 0; e < b; e++) {
                final double m = mask == null ? 1.0 : mask[e * steps + t];
                final int z = (t * b + e) * g;
                final int prev = (t * b + e) * h;
                final int next = prev + b * h;
                // Simple loops over contiguous columns, so that the JIT vectorises them.
                activate(z, h);
                for (int j = 0; j < h; j++) {
                    double cell = gates[z + h + j] * cells[prev + j] + gates[z + 3 * h + j] * gates[z + j];
                    cellTanh[prev + j] = cell;
                    cells[next + j] = m * cell;
                }
                tanhInPlace(cellTanh, prev, h);
                for (int j = 0; j < h; j++) {
                    outputs[next + j] = m * gates[z + 2 * h + j] * cellTanh[prev + j];
                }
            }
        }
    }

    /** One example's gate pre-activations to activations, in place: tanh for a, sigmoid for f, o, i. */
    private void activate(int z, int h) {
        tanhInPlace(gates, z, h);
        for (int k = z + h; k < z + 4 * h; k++) {
            gates[k] = 1.0 / (1.0 + Math.exp(-gates[k]));
        }
    }

    private static void tanhInPlace(double[] a, int from, int length) {
        for (int k = from; k < from + length; k++) {
            a[k] = Math.tanh(a[k]);
        }
    }

    /** [T+1][B][H]: the zero initial state, then h_0 .. h_{T-1}. */
    double[] outputs() {
        return outputs;
    }

    /**
     * Back-propagates {@code epsilon} = dL/dh_t, laid out [T][B][H], through the last forward pass;
     * afterwards {@link #gateGradients()} holds dL/dz for every step, [T][B][4H], from which the
     * caller forms the weight, bias and input gradients with single large matrix products.
     */
    void backward(double[] epsilon, RecurrentWeights weights) {
        final int b = batch;
        final int h = size;
        final int g = 4 * h;
        gateGrads = grow(gateGrads, steps * b * g);
        hiddenGrad = grow(hiddenGrad, b * h);
        cellGrad = grow(cellGrad, b * h);
        Arrays.fill(hiddenGrad, 0, b * h, 0.0);
        Arrays.fill(cellGrad, 0, b * h, 0.0);
        for (int t = steps - 1; t >= 0; t--) {
            for (int e = 0; e < b; e++) {
                final double m = mask == null ? 1.0 : mask[e * steps + t];
                final int z = (t * b + e) * g;
                final int s = (t * b + e) * h;
                final int u = e * h;
                for (int j = 0; j < h; j++) {
                    double a = gates[z + j];
                    double f = gates[z + h + j];
                    double o = gates[z + 2 * h + j];
                    double i = gates[z + 3 * h + j];
                    double tc = cellTanh[s + j];
                    double dh = epsilon[s + j] + hiddenGrad[u + j];
                    double dCell = m * (dh * o * (1 - tc * tc) + cellGrad[u + j]);
                    double dOut = m * dh * tc;
                    gateGrads[z + j] = dCell * i * (1 - a * a);
                    gateGrads[z + h + j] = dCell * cells[s + j] * f * (1 - f);
                    gateGrads[z + 2 * h + j] = dOut * o * (1 - o);
                    gateGrads[z + 3 * h + j] = dCell * a * i * (1 - i);
                    cellGrad[u + j] = dCell * f;
                }
            }
            if (t > 0) {
                weights.multiplyTransposed(gateGrads, t * b * g, hiddenGrad);
            }
        }
    }

    /** [T][B][4H]: dL/dz of the last backward pass. */
    double[] gateGradients() {
        return gateGrads;
    }

    private static double[] grow(double[] a, int length) {
        return a.length >= length ? a : new double[length];
    }
}
