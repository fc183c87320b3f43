import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.FloatPointer;
import static org.bytedeco.openblas.global.openblas.*;

/**
 * Per-step recurrent products of v1 (B = 64, H = 256, 256 steps) on 2 threads: the rows split (each thread 32 rows
 * times all of RW, as the fast LSTM computes them) against the units split (each thread all 64 rows times half of
 * RW, a spin barrier after every step, as a unit-split recurrence would need). Products only, random values.
 */
public class SplitProbe {
    static final int H = 256, G = 4 * H, B = 64, T = 256;
    static final AtomicInteger arrived = new AtomicInteger();
    static void spin(int generation, int threads) { // barrier number `generation`
        arrived.incrementAndGet();
        while (arrived.get() < generation * threads) Thread.onSpinWait();
    }
    public static void main(String[] a) throws Exception {
        int rounds = Integer.parseInt(a[0]);
        FloatPointer[] w = new FloatPointer[2], in = new FloatPointer[2], out = new FloatPointer[2];
        for (int i = 0; i < 2; i++) { w[i] = rnd((long) G * H); in[i] = rnd((long) B * G); out[i] = rnd((long) B * G); }
        for (int r = 0; r < rounds; r++) {
            for (String mode : new String[]{"rows", "units"}) {
                for (String dir : new String[]{"fwd", "bwd"}) {
                    arrived.set(0);
                    long[] t0 = new long[1], t1 = new long[1];
                    Thread[] th = new Thread[2];
                    for (int i = 0; i < 2; i++) {
                        int id = i;
                        th[i] = new Thread(() -> {
                            spin(1, 2);
                            long s = System.nanoTime();
                            for (int t = 0; t < T; t++) {
                                if (mode.equals("rows")) {
                                    if (dir.equals("fwd")) cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, G, B / 2, H, 1f, w[0], H, in[id], H, 0f, out[id], B / 2);
                                    else cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, H, B / 2, G, 1f, w[0], G, in[id], G, 0f, out[id], B / 2);
                                } else {
                                    if (dir.equals("fwd")) cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, G / 2, B, H, 1f, w[id], H, in[id], H, 0f, out[id], B);
                                    else cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, H / 2, B, G, 1f, w[id], G, in[0], G, 0f, out[id], B);
                                    spin(t + 2, 2);
                                }
                            }
                            if (id == 0) { t0[0] = s; t1[0] = System.nanoTime(); }
                        });
                        th[i].start();
                    }
                    for (Thread t : th) t.join();
                    double ms = (t1[0] - t0[0]) / 1e6;
                    double gf = 2.0 * B * H * G * T / (ms / 1e3) / 1e9;
                    System.out.printf("round %d %s %s: %.1f ms for %d steps, %.1f GFLOP/s%n", r, mode, dir, ms, T, gf);
                }
            }
        }
    }
    static FloatPointer rnd(long n) { FloatPointer p = new FloatPointer(n); java.util.Random r = new java.util.Random(1); for (long i = 0; i < n; i++) p.put(i, (float) (r.nextDouble() - .5) * .1f); return p; }
}
