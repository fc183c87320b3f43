package org.imdbsentiment.model.lstm;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Copies between dense row-major ND4J arrays and Java {@code double[]}: the bridge between the
 * kernel's loops and ND4J's matrix products. Only for arrays this package allocated itself
 * ('c' order, no offset, unit element stride), in FLOAT or DOUBLE. Float data moves in bulk through
 * a reusable scratch array; one instance per user, not thread-safe.
 */
final class NdCopy {
    private float[] scratch = new float[0];

    /** {@code dst[offset .. offset+n)} = the first n values of {@code src}. */
    void read(INDArray src, double[] dst, int offset, int n) {
        checkDense(src, n);
        if (src.dataType() == DataType.FLOAT) {
            float[] f = floats(n);
            src.data().asNioFloat().get(0, f, 0, n);
            for (int k = 0; k < n; k++) {
                dst[offset + k] = f[k];
            }
        } else {
            src.data().asNioDouble().get(0, dst, offset, n);
        }
    }

    /** {@code dst[offset .. offset+n) +=} the first n values of {@code src}. */
    void addTo(INDArray src, double[] dst, int offset, int n) {
        checkDense(src, n);
        if (src.dataType() == DataType.FLOAT) {
            float[] f = floats(n);
            src.data().asNioFloat().get(0, f, 0, n);
            for (int k = 0; k < n; k++) {
                dst[offset + k] += f[k];
            }
        } else {
            DoubleBuffer in = src.data().asNioDouble();
            for (int k = 0; k < n; k++) {
                dst[offset + k] += in.get(k);
            }
        }
    }

    /** The first n values of {@code dst} = {@code src[offset .. offset+n)}. */
    void write(double[] src, int offset, int n, INDArray dst) {
        checkDense(dst, n);
        if (dst.dataType() == DataType.FLOAT) {
            float[] f = floats(n);
            for (int k = 0; k < n; k++) {
                f[k] = (float) src[offset + k];
            }
            dst.data().asNioFloat().put(0, f, 0, n);
        } else {
            dst.data().asNioDouble().put(0, src, offset, n);
        }
    }

    /**
     * {@code dst} [B, H, T] ('c') = {@code src} laid out [T][B][H] from {@code offset}: the layer's
     * time-major states in DL4J's recurrent activation shape.
     */
    void writeBatchMajor(double[] src, int offset, int steps, int batch, int units, INDArray dst) {
        int n = steps * batch * units;
        checkDense(dst, n);
        boolean isFloat = dst.dataType() == DataType.FLOAT;
        float[] f = isFloat ? floats(n) : null;
        double[] d = isFloat ? null : new double[n];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int from = offset + (t * batch + b) * units;
                int to = b * units * steps + t;
                for (int h = 0; h < units; h++) {
                    if (isFloat) {
                        f[to + h * steps] = (float) src[from + h];
                    } else {
                        d[to + h * steps] = src[from + h];
                    }
                }
            }
        }
        if (isFloat) {
            dst.data().asNioFloat().put(0, f, 0, n);
        } else {
            dst.data().asNioDouble().put(0, d, 0, n);
        }
    }

    private float[] floats(int n) {
        if (scratch.length < n) {
            scratch = new float[n];
        }
        return scratch;
    }

    private static void checkDense(INDArray a, int n) {
        if (a.ordering() != 'c' || a.offset() != 0 || a.elementWiseStride() != 1 || a.length() < n
                || (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE)) {
            throw new IllegalArgumentException("expected a dense 'c' FLOAT or DOUBLE array of at least " + n
                    + " values, got " + a.shapeInfoToString());
        }
    }
}
