import org.bytedeco.javacpp.FloatPointer;
import java.util.concurrent.*;
import static org.bytedeco.openblas.global.openblas.*;

public class FuseBench2 {
    static FloatPointer rnd(long n) { FloatPointer p = new FloatPointer(n); java.util.Random r = new java.util.Random(1); for (long i = 0; i < n; i++) p.put(i, (float) (r.nextDouble() - 0.5)); return p; }
    static FloatPointer at(FloatPointer p, long o) { return new FloatPointer(p).position(o); }
    static final int R = 16384, G = 1024, E = 100, H = 256, F = E + H + 1;
    static FloatPointer X = rnd((long) R * E), S = rnd((long) R * H), ones = rnd(R), Gr = rnd((long) R * G);
    static FloatPointer dW = rnd((long) E * G), dRW = rnd((long) H * G), dB = rnd(G), XF = rnd((long) R * F), dF = rnd((long) F * G);
    static ExecutorService pool = Executors.newFixedThreadPool(2);
    interface Block { void run(int b); }
    static double time(int blocks, int threads, Block op) throws Exception {
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 6; rep++) {
            long t = System.nanoTime();
            Future<?>[] fs = new Future<?>[threads];
            for (int th = 0; th < threads; th++) { int first = th; fs[th] = pool.submit(() -> { for (int b = first; b < blocks; b += threads) op.run(b); }); }
            for (Future<?> f : fs) f.get();
            if (rep > 0) best = Math.min(best, System.nanoTime() - t);
        }
        return best / 1e6;
    }
    static Block separate(int nb) { int w = G / nb; return b -> { int c0 = b * w;
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, E, w, R, 1f, X, E, at(Gr, c0), G, 0f, at(dW, c0), G);
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, H, w, R, 1f, S, H, at(Gr, c0), G, 0f, at(dRW, c0), G);
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 1, w, R, 1f, ones, R, at(Gr, c0), G, 0f, at(dB, c0), G); }; }
    static Block fused(int nb) { int w = G / nb; return b -> cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, F, w, R, 1f, XF, F, at(Gr, b * w), G, 0f, at(dF, b * w), G); }
    public static void main(String[] a) throws Exception {
        for (int round = 0; round < 4; round++) {
            StringBuilder sb = new StringBuilder("round " + round + ":");
            for (int threads : new int[]{1, 2}) {
                sb.append(String.format(" | t%d sep4 %.0f sep2 %.0f fused4 %.0f fused2 %.0f", threads,
                    time(4, threads, separate(4)), time(2, threads, separate(2)), time(4, threads, fused(4)), time(2, threads, fused(2))));
            }
            System.out.println(sb);
        }
        pool.shutdown();
    }
}
