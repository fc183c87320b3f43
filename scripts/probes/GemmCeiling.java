import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

import org.bytedeco.javacpp.FloatPointer;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

/**
 * A probe outside the project (issue 14): the fastest a v1 training minibatch could possibly go on this
 * machine's cores in single precision, timing nothing but the matrix products it cannot do without.
 *
 *     OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 java -cp imdb-app/target/imdb-sentiment-0.1.0-SNAPSHOT.jar scripts/probes/GemmCeiling.java [threads] [rounds] [distinct share]
 *
 * One full-size v1 minibatch (64 reviews x 256 real steps = 16,384 tokens; E = 100, H = 256, 4H = 1,024), as
 * the fast LSTM computes it with its rows split between {@code threads} threads (default 2), through the same
 * OpenBLAS as the project's own products ({@code CpuGemm}: JavaCPP's, one BLAS thread per Java thread, as the
 * environment above asks):
 * <ul>
 *   <li>per step and thread, forward: the recurrent product of its rows, RWᵀ·hᵀ (1,024 x rows x 256);</li>
 *   <li>per step and thread, backward: RW·dzᵀ (256 x rows x 1,024);</li>
 *   <li>over all steps, in fixed blocks dealt to the threads in turn: the input projection X·W (16,384 x 100
 *       x 1,024, four row blocks), the weight gradients Xᵀ·G and Hᵀ·G with the bias gradient (a row of ones
 *       times G; two column blocks) and the input gradient G·Wᵀ (four row blocks), as the fast LSTM forms them
 *       since f49016a (until then, the weight gradients in four column blocks: a few percent slower).</li>
 * </ul>
 * With a distinct share s below 1 (default 1), the input projection and Xᵀ·G are formed for s·16,384 rows only, as
 * the fast LSTM forms them since the seventeenth session for an input whose rows recur (an embedding's, where
 * about one row in five of a v1 minibatch is distinct: {@code benchmark}'s {@code train.distinct_token_share});
 * the summing of the gate gradients over equal rows that this needs is not a product and is not timed.
 * That is 2.19 MFLOP per token at s = 1 (1.87 at s = 0.2), every product the LSTM needs and nothing else: no gate arithmetic, no
 * embedding, no output layer, no Adam, no copies, the steps not waiting for one another (each thread runs
 * its steps back to back; a barrier only between the phases). Prints one JSON line per round: the products'
 * seconds, GFLOP/s, and the real tokens per second a step made of nothing else would train at: the ceiling
 * for {@code benchmark}'s {@code train.real_tokens_per_s} at the same thread count.
 */
public class GemmCeiling {
    static final int E = 100, H = 256, G = 4 * H, B = 64, T = 256, ROWS = B * T, BLOCKS = 4,
            WEIGHT_GRADIENT_BLOCKS = 2; // FastLstmLayer's PRODUCT_BLOCKS and WEIGHT_GRADIENT_BLOCKS

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        double share = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("the distinct share must be in (0, 1], got " + args[2]);
        }
        final int distinctRows = (int) Math.ceil(share * ROWS);
        FloatPointer x = random((long) ROWS * E), w = random((long) E * G), rwT = random((long) G * H);
        FloatPointer rw = random((long) H * G), proj = random((long) ROWS * G), gates = random((long) ROWS * G);
        FloatPointer states = random((long) ROWS * H), ones = random(ROWS), dW = random((long) E * G);
        FloatPointer dRW = random((long) H * G), dB = random(G), dX = random((long) ROWS * E);
        int sliceRows = B / threads;
        FloatPointer[] stepOut = new FloatPointer[threads], stepIn = new FloatPointer[threads];
        FloatPointer[] dh = new FloatPointer[threads], dz = new FloatPointer[threads];
        for (int i = 0; i < threads; i++) {
            stepIn[i] = random((long) sliceRows * H);
            stepOut[i] = random((long) G * sliceRows);
            dz[i] = random((long) sliceRows * G);
            dh[i] = random((long) H * sliceRows);
        }
        // Forward + both gradients of each product, bias; the input projection and Xᵀ·G of the distinct rows only.
        double flopPerToken = 2.0 * E * G * (1 + 2.0 * distinctRows / ROWS) + 2.0 * H * G * 3 + 2.0 * G;
        for (int round = 0; round <= rounds; round++) {
            CyclicBarrier barrier = new CyclicBarrier(threads);
            long[] nanos = new long[5];
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int id = i;
                Thread worker = new Thread(() -> {
                    try {
                                        barrier.await();
                        long start = System.nanoTime();
                        for (int b = id; b < BLOCKS; b += threads) { // input projection, row blocks
                            int r0 = b * distinctRows / BLOCKS, r1 = (b + 1) * distinctRows / BLOCKS;
                            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, r1 - r0, G, E, 1f,
                                    at(x, (long) r0 * E), E, w, G, 0f, at(proj, (long) r0 * G), G);
                        }
                        barrier.await();
                        long projected = System.nanoTime();
                        for (int t = 0; t < T; t++) { // forward recurrence: the step's product of this thread's rows
                            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, G, sliceRows, H, 1f, rwT, H,
                                    stepIn[id], H, 0f, stepOut[id], sliceRows);
                        }
                        barrier.await();
                        long forward = System.nanoTime();
                        for (int t = 0; t < T; t++) { // backward recurrence
                            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, H, sliceRows, G, 1f, rw, G,
                                    dz[id], G, 0f, dh[id], sliceRows);
                        }
                        barrier.await();
                        long backward = System.nanoTime();
                        // The weight and bias gradients in column blocks, then the input gradient in row blocks,
                        // dealt to the threads in turn as FastLstmLayer.gradientProducts deals them.
                        for (int b = id; b < WEIGHT_GRADIENT_BLOCKS + BLOCKS; b += threads) {
                            if (b < WEIGHT_GRADIENT_BLOCKS) {
                                int c0 = b * G / WEIGHT_GRADIENT_BLOCKS, c1 = (b + 1) * G / WEIGHT_GRADIENT_BLOCKS;
                                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, E, c1 - c0, distinctRows, 1f, x, E,
                                        at(gates, c0), G, 0f, at(dW, c0), G);
                                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, H, c1 - c0, ROWS, 1f, states, H,
                                        at(gates, c0), G, 0f, at(dRW, c0), G);
                                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 1, c1 - c0, ROWS, 1f, ones, ROWS,
                                        at(gates, c0), G, 0f, at(dB, c0), G);
                            } else {
                                int r0 = (b - WEIGHT_GRADIENT_BLOCKS) * ROWS / BLOCKS;
                                int r1 = (b - WEIGHT_GRADIENT_BLOCKS + 1) * ROWS / BLOCKS;
                                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, r1 - r0, E, G, 1f,
                                        at(gates, (long) r0 * G), G, w, G, 0f, at(dX, (long) r0 * E), E);
                            }
                        }
                        barrier.await();
                        if (id == 0) {
                            long end = System.nanoTime();
                            nanos[0] = end - start;
                            nanos[1] = projected - start;
                            nanos[2] = forward - projected;
                            nanos[3] = backward - forward;
                            nanos[4] = end - backward;
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            if (round == 0) {
                continue; // warm-up
            }
            double seconds = nanos[0] / 1e9;
            System.out.printf("{\"threads\":%d,\"tokens\":%d,\"distinct_rows\":%d,\"products_s\":%.4f,\"projection_s\":%.4f,"
                            + "\"forward_steps_s\":%.4f,\"backward_steps_s\":%.4f,\"gradient_products_s\":%.4f,"
                            + "\"gflop_per_s\":%.1f,\"ceiling_real_tokens_per_s\":%.0f}%n", threads, ROWS, distinctRows, seconds,
                    nanos[1] / 1e9, nanos[2] / 1e9, nanos[3] / 1e9, nanos[4] / 1e9,
                    flopPerToken * ROWS / seconds / 1e9, ROWS / seconds);
        }
    }

    static FloatPointer random(long n) {
        FloatPointer p = new FloatPointer(n);
        java.util.Random random = new java.util.Random(42);
        for (long i = 0; i < n; i++) {
            p.put(i, (float) (random.nextDouble() - 0.5) * 0.1f);
        }
        return p;
    }

    static FloatPointer at(FloatPointer p, long offset) {
        return new FloatPointer(p).position(p.position() + offset);
    }
}
