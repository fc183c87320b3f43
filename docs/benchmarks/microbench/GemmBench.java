import org.bytedeco.javacpp.FloatPointer;
import static org.bytedeco.openblas.global.openblas.*;

public class GemmBench {
    static FloatPointer rnd(long n) { FloatPointer p = new FloatPointer(n); for (long i = 0; i < n; i++) p.put(i, (float) (Math.random() - 0.5)); return p; }
    interface Op { void run(); }
    static double time(Op op, int reps) { for (int i = 0; i < reps / 4; i++) op.run(); long t = System.nanoTime(); for (int i = 0; i < reps; i++) op.run(); return (System.nanoTime() - t) / 1e3 / reps; }
    public static void main(String[] a) {
        int H = 256, G = 1024;
        for (int R : new int[]{16, 32, 64}) {
        FloatPointer W = rnd((long) H * G), Wt = rnd((long) G * H), S = rnd((long) R * H), C = rnd((long) R * G), dz = rnd((long) R * G), dh = rnd((long) R * H);
        int reps = 3000;
        double fN = time(() -> cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, R, G, H, 1f, S, H, W, G, 0f, C, G), reps);
        double fT = time(() -> cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, G, R, H, 1f, Wt, H, S, H, 0f, C, R), reps);
        double bN = time(() -> cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, R, H, G, 1f, dz, G, W, G, 0f, dh, H), reps);
        double bT = time(() -> cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, H, R, G, 1f, W, G, dz, G, 0f, dh, R), reps);
        StringBuilder sb = new StringBuilder();
        for (int chunk : new int[]{64, 128, 256}) {
            int nc = G / chunk;
            FloatPointer[] wp = new FloatPointer[nc], cp = new FloatPointer[nc];
            for (int c = 0; c < nc; c++) { wp[c] = new FloatPointer(W).position((long) c * chunk); cp[c] = new FloatPointer(C).position((long) c * chunk); }
            double fc = time(() -> { for (int c = 0; c < nc; c++) cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, R, chunk, H, 1f, S, H, wp[c], G, 0f, cp[c], G); }, reps);
            sb.append(String.format(" fwdChunk%d %.1f", chunk, fc));
        }
        double fl = 2.0 * R * H * G / 1e3; // MFLOP -> GFLOP/s = MFLOP/us*1e3
        System.out.printf("R=%d fwdNN %.1fus (%.0f GF/s) fwdT %.1fus (%.0f) bwdN %.1fus (%.0f) bwdT %.1fus (%.0f)%s%n", R, fN, fl / fN, fT, fl / fT, bN, fl / bN, bT, fl / bT, sb);
        }
    }
}
