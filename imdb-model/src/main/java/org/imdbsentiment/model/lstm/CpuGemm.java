package org.imdbsentiment.model.lstm;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

/**
 * {@code C = A·op(B)} straight through OpenBLAS's {@code cblas_?gemm} on the CPU
 * backend's memory: the same BLAS routine ND4J's {@code Nd4j.gemm} ends in, without the custom-op
 * dispatch around it, which costs about 60 µs a call (measured; a quarter of one LSTM step's
 * 32 × 256 × 1024 product). For the small products inside the time loop; only for dense 2-d 'c'
 * arrays that are not views, all FLOAT or all DOUBLE, on the native CPU backend.
 */
final class CpuGemm {
    private CpuGemm() {
    }

    /** {@code C = A · op(B)}: all rows. */
    static void multiply(INDArray a, INDArray b, INDArray c, boolean transposeB) {
        multiplyRows(a, b, c, transposeB, (int) c.size(0));
    }

    /** {@code C[0..rows) = A[0..rows) · op(B)}: the first rows of A into the first rows of C. */
    static void multiplyRows(INDArray a, INDArray b, INDArray c, boolean transposeB, int rows) {
        DataType type = c.dataType();
        check(a, type);
        check(b, type);
        check(c, type);
        int k = (int) a.size(1);
        int n = (int) c.size(1);
        boolean fits = transposeB ? b.size(1) == k && b.size(0) == n : b.size(0) == k && b.size(1) == n;
        if (!fits || rows < 0 || rows > a.size(0) || rows > c.size(0)) {
            throw new IllegalArgumentException(rows + " rows of " + a.shapeInfoToString() + " x "
                    + (transposeB ? "transposed " : "") + b.shapeInfoToString() + " -> " + c.shapeInfoToString()
                    + " do not multiply");
        }
        if (rows == 0) {
            return;
        }
        int opB = transposeB ? CblasTrans : CblasNoTrans;
        int ldb = (int) b.size(1);
        // The buffers' own pointers, as ND4J's CpuLevel3 passes them to the same routine.
        if (type == DataType.FLOAT) {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, opB, rows, n, k, 1f, (FloatPointer) a.data().addressPointer(), k,
                    (FloatPointer) b.data().addressPointer(), ldb, 0f, (FloatPointer) c.data().addressPointer(), n);
        } else {
            cblas_dgemm(CblasRowMajor, CblasNoTrans, opB, rows, n, k, 1.0, (DoublePointer) a.data().addressPointer(), k,
                    (DoublePointer) b.data().addressPointer(), ldb, 0.0, (DoublePointer) c.data().addressPointer(), n);
        }
    }

    /**
     * {@code C = A · B[0..rows)ᵀ} in single precision, C compact [M, rows] ('c', leading dimension
     * rows): A [M, K], B [≥ rows, K]. With A a layer's transposed weights and B a few rows of states,
     * this is the transposed form of the per-step product {@code B · Aᵀ}: OpenBLAS multiplies the
     * long dimension (4H weight rows) against the short one (the batch) 1.5-1.7x faster this way for
     * 8-32 rows of H = 256 (measured, one thread, sgemm; no gain in double precision).
     */
    static void multiplyTransposedRows(INDArray a, INDArray b, INDArray c, int rows) {
        check(a, DataType.FLOAT);
        check(b, DataType.FLOAT);
        check(c, DataType.FLOAT);
        int m = (int) a.size(0);
        int k = (int) a.size(1);
        if (b.size(1) != k || rows < 0 || rows > b.size(0) || (long) m * rows > c.length()) {
            throw new IllegalArgumentException(a.shapeInfoToString() + " x " + rows + " rows of transposed "
                    + b.shapeInfoToString() + " -> " + c.shapeInfoToString() + " do not multiply");
        }
        if (rows == 0) {
            return;
        }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, rows, k, 1f, (FloatPointer) a.data().addressPointer(),
                k, (FloatPointer) b.data().addressPointer(), k, 0f, (FloatPointer) c.data().addressPointer(), rows);
    }

    /**
     * {@code C = op(A)·op(B)} on blocks of arrays of their own (dense, 'c' order, not views), with
     * offsets and leading dimensions as in {@code cblas_?gemm} (row-major): for a product split into
     * row or column blocks that threads compute side by side. All FLOAT or all DOUBLE.
     */
    static void multiplyBlock(boolean transposeA, boolean transposeB, int m, int n, int k,
                              INDArray a, long offsetA, int lda, INDArray b, long offsetB, int ldb,
                              INDArray c, long offsetC, int ldc) {
        DataType type = c.dataType();
        for (INDArray x : new INDArray[] {a, b, c}) {
            if (x.dataType() != type || x.ordering() != 'c' || x.offset() != 0 || x.isView()
                    || (type != DataType.FLOAT && type != DataType.DOUBLE)) {
                throw new IllegalArgumentException("expected a dense 'c' " + type + " array of its own, got "
                        + x.shapeInfoToString());
            }
        }
        int rowsA = transposeA ? k : m;
        int rowsB = transposeB ? n : k;
        if (m < 0 || n < 0 || k < 0 || offsetA + (long) (rowsA - 1) * lda + (transposeA ? m : k) > a.length()
                || offsetB + (long) (rowsB - 1) * ldb + (transposeB ? k : n) > b.length()
                || offsetC + (long) (m - 1) * ldc + n > c.length()) {
            throw new IllegalArgumentException("a block of " + m + " x " + n + " x " + k + " does not fit "
                    + a.shapeInfoToString() + ", " + b.shapeInfoToString() + " -> " + c.shapeInfoToString());
        }
        if (m == 0 || n == 0) {
            return;
        }
        int opA = transposeA ? CblasTrans : CblasNoTrans;
        int opB = transposeB ? CblasTrans : CblasNoTrans;
        if (type == DataType.FLOAT) {
            cblas_sgemm(CblasRowMajor, opA, opB, m, n, k, 1f,
                    new FloatPointer((FloatPointer) a.data().addressPointer()).position(offsetA), lda,
                    new FloatPointer((FloatPointer) b.data().addressPointer()).position(offsetB), ldb, 0f,
                    new FloatPointer((FloatPointer) c.data().addressPointer()).position(offsetC), ldc);
        } else {
            cblas_dgemm(CblasRowMajor, opA, opB, m, n, k, 1.0,
                    new DoublePointer((DoublePointer) a.data().addressPointer()).position(offsetA), lda,
                    new DoublePointer((DoublePointer) b.data().addressPointer()).position(offsetB), ldb, 0.0,
                    new DoublePointer((DoublePointer) c.data().addressPointer()).position(offsetC), ldc);
        }
    }

    /** Dense 2-d 'c' without offset: an array of its own, not a view (copy a parameter view first). */
    private static void check(INDArray x, DataType type) {
        boolean dense = x.rank() == 2 && x.ordering() == 'c' && x.offset() == 0 && !x.isView()
                && (x.size(1) == 1 || x.stride(1) == 1) && (x.size(0) == 1 || x.stride(0) == x.size(1));
        if (!dense || x.dataType() != type || (type != DataType.FLOAT && type != DataType.DOUBLE)) {
            throw new IllegalArgumentException("expected a dense 2-d 'c' " + type + " array of its own, got "
                    + x.shapeInfoToString());
        }
    }
}
