import org.bytedeco.javacpp.FloatPointer;
import static org.bytedeco.openblas.global.openblas.*;

public class SliceEq {
    static FloatPointer rnd(long n, int seed) { FloatPointer p = new FloatPointer(n); java.util.Random r = new java.util.Random(seed); for (long i = 0; i < n; i++) p.put(i, (float) (r.nextGaussian() * 0.1)); return p; }
    static FloatPointer at(FloatPointer p, long o) { return new FloatPointer(p).position(o); }
    public static void main(String[] a) {
        int G = 1024, H = 256;
        FloatPointer A = rnd((long) G * H, 1);
        for (int n : new int[]{64, 26, 16}) {
            int h1 = n / 2, h2 = n - h1;
            FloatPointer S = rnd((long) n * H, 2), full = new FloatPointer((long) G * n), p1 = new FloatPointer((long) G * h1), p2 = new FloatPointer((long) G * h2);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, G, n, H, 1f, A, H, S, H, 0f, full, n);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, G, h1, H, 1f, A, H, S, H, 0f, p1, h1);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, G, h2, H, 1f, A, H, at(S, (long) h1 * H), H, 0f, p2, h2);
            int diff = 0; for (int i = 0; i < G; i++) for (int j = 0; j < n; j++) { float v = j < h1 ? p1.get((long) i * h1 + j) : p2.get((long) i * h2 + j - h1); if (v != full.get((long) i * n + j)) diff++; }
            // backward form: RW [H,G] x dz[n,G]^T -> [H, n]
            FloatPointer B = rnd((long) H * G, 3), dz = rnd((long) n * G, 4), bf = new FloatPointer((long) H * n), b1 = new FloatPointer((long) H * h1), b2 = new FloatPointer((long) H * h2);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, H, n, G, 1f, B, G, dz, G, 0f, bf, n);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, H, h1, G, 1f, B, G, dz, G, 0f, b1, h1);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, H, h2, G, 1f, B, G, at(dz, (long) h1 * G), G, 0f, b2, h2);
            int bdiff = 0; for (int i = 0; i < H; i++) for (int j = 0; j < n; j++) { float v = j < h1 ? b1.get((long) i * h1 + j) : b2.get((long) i * h2 + j - h1); if (v != bf.get((long) i * n + j)) bdiff++; }
            System.out.println("n=" + n + " forward product: " + diff + " of " + (G * n) + " differ; backward: " + bdiff + " of " + (H * n));
        }
    }
}
