package org.imdbsentiment.model.lstm;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.DoubleBuffer;

/**
 * Copies between dense row-major ND4J arrays and Java arrays: the bridge between
 * {@link LstmKernel}'s {@code double[]} loops and ND4J's DOUBLE matrix products (the single-precision
 * kernels copy their float arrays in bulk themselves), and the placement of a direction's time-major
 * output into a bidirectional layer's output (FLOAT or DOUBLE). Only for arrays this package allocated
 * itself ('c' order, no offset, unit element stride); one instance per user, not thread-safe.
 */
final class NdCopy {
    private float[] scratch = new float[0];
    private float[] second = new float[0];

    /** {@code dst[offset .. offset+n)} = the first n values of {@code src} (DOUBLE). */
    void read(INDArray src, double[] dst, int offset, int n) {
        checkDouble(src, n);
        src.data().asNioDouble().get(0, dst, offset, n);
    }

    /** The first n values of {@code dst} (DOUBLE) = {@code src[offset .. offset+n)}. */
    void write(double[] src, int offset, int n, INDArray dst) {
        writeAt(src, offset, n, dst, 0);
    }

    /** {@code dst[at .. at+n)} (DOUBLE) = {@code src[offset .. offset+n)}. */
    void writeAt(double[] src, int offset, int n, INDArray dst, long at) {
        checkDouble(dst, at + n);
        dst.data().asNioDouble().put(Math.toIntExact(at), src, offset, n);
    }

    /**
     * {@code dst[offset + k] = src[from + k] + added[k] + bias[k mod bias.length]} for k < n: a slice
     * of one array, a whole second one (or nothing when null) and a repeated row, in one pass (DOUBLE).
     */
    void readSum(INDArray src, long from, INDArray added, double[] bias, double[] dst, int offset, int n) {
        checkDouble(src, from + n);
        int width = bias.length;
        if (n % width != 0) {
            throw new IllegalArgumentException(n + " values are not whole rows of " + width);
        }
        if (added != null) {
            checkDouble(added, n);
        }
        src.data().asNioDouble().get(Math.toIntExact(from), dst, offset, n);
        DoubleBuffer in = added == null ? null : added.data().asNioDouble();
        for (int r = 0; r < n; r += width) {
            for (int k = 0; k < width; k++) {
                dst[offset + r + k] += bias[k] + (in == null ? 0 : in.get(r + k));
            }
        }
    }

    /**
     * Channels {@code [column, column + H)} of {@code dst} [B, C, T] = {@code src} [T, B, H] transposed,
     * with the steps reversed (t to T-1-t) if asked: a recurrent layer's time-major output placed
     * into a bidirectional layer's concatenated output, as DL4J's reverse and concat would make it.
     */
    void placeSteps(INDArray src, INDArray dst, int column, boolean reverse) {
        int steps = (int) src.size(0);
        int batch = (int) src.size(1);
        int units = (int) src.size(2);
        int channels = (int) dst.size(1);
        int n = steps * batch * units;
        checkDense(src, n);
        checkDense(dst, dst.length());
        if (src.rank() != 3 || dst.rank() != 3 || dst.size(0) != batch || dst.size(2) != steps
                || column < 0 || column + units > channels || src.dataType() != dst.dataType()) {
            throw new IllegalArgumentException("cannot place " + src.shapeInfoToString() + " at channel " + column
                    + " of " + dst.shapeInfoToString());
        }
        final int block = 8; // steps per pass: reads of whole rows, writes of runs of 8 values
        if (src.dataType() == DataType.FLOAT) {
            float[] in = floats(n);
            float[] out = second(n);
            src.data().asNioFloat().get(0, in, 0, n);
            for (int t0 = 0; t0 < steps; t0 += block) {
                int t1 = Math.min(steps, t0 + block);
                for (int b = 0; b < batch; b++) {
                    for (int j = 0; j < units; j++) {
                        int base = (b * units + j) * steps;
                        for (int t = t0; t < t1; t++) {
                            out[base + (reverse ? steps - 1 - t : t)] = in[(t * batch + b) * units + j];
                        }
                    }
                }
            }
            java.nio.FloatBuffer target = dst.data().asNioFloat();
            for (int b = 0; b < batch; b++) {
                target.put((b * channels + column) * steps, out, b * units * steps, units * steps);
            }
        } else {
            double[] in = new double[n];
            double[] out = new double[n];
            src.data().asNioDouble().get(0, in, 0, n);
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < batch; b++) {
                    for (int j = 0; j < units; j++) {
                        out[(b * units + j) * steps + (reverse ? steps - 1 - t : t)] = in[(t * batch + b) * units + j];
                    }
                }
            }
            DoubleBuffer target = dst.data().asNioDouble();
            for (int b = 0; b < batch; b++) {
                target.put((b * channels + column) * steps, out, b * units * steps, units * steps);
            }
        }
    }

    private float[] second(int n) {
        if (second.length < n) {
            second = new float[n];
        }
        return second;
    }

    private float[] floats(int n) {
        if (scratch.length < n) {
            scratch = new float[n];
        }
        return scratch;
    }

    private static void checkDouble(INDArray a, long n) {
        checkDense(a, n);
        if (a.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("expected a DOUBLE array (single precision copies its own), got "
                    + a.shapeInfoToString());
        }
    }

    private static void checkDense(INDArray a, long n) {
        if (a.ordering() != 'c' || a.offset() != 0 || a.elementWiseStride() != 1 || a.length() < n
                || (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE)) {
            throw new IllegalArgumentException("expected a dense 'c' FLOAT or DOUBLE array of at least " + n
                    + " values, got " + a.shapeInfoToString());
        }
    }
}
