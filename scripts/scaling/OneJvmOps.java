import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

/**
 * In one JVM, one thread against two threads doing the same work on arrays of their own, for a few
 * seconds each, two rounds: OpenBLAS's cblas_sgemm and ND4J's Nd4j.gemm on one LSTM step's product
 * (64 x 256 x 1024 floats), and ND4J's element-wise {@code muli} on 64 x 1024 floats (the kind of op
 * DL4J's own layers and updater issue). Usage: {@code java -cp <jar> OneJvmOps cblas nd4j muli}.
 */
public class OneJvmOps {
    static double perSecond(int threads, String kind, double seconds) throws InterruptedException {
        long[] counts = new long[threads];
        Thread[] workers = new Thread[threads];
        long t0 = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            final int id = i;
            workers[i] = new Thread(() -> {
                INDArray a = Nd4j.rand(DataType.FLOAT, 64, 256);
                INDArray b = Nd4j.rand(DataType.FLOAT, 256, 1024);
                INDArray c = Nd4j.create(DataType.FLOAT, 64, 1024);
                long n = 0;
                long end = System.nanoTime() + (long) (seconds * 1e9);
                while (System.nanoTime() < end) {
                    for (int k = 0; k < 20; k++) {
                        switch (kind) {
                            case "cblas" -> cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 64, 1024, 256, 1f,
                                    (FloatPointer) a.data().addressPointer(), 256,
                                    (FloatPointer) b.data().addressPointer(), 1024, 0f,
                                    (FloatPointer) c.data().addressPointer(), 1024);
                            case "nd4j" -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
                            case "muli" -> c.muli(1.0001f);
                            default -> throw new IllegalArgumentException("unknown kind " + kind);
                        }
                    }
                    n += 20;
                }
                counts[id] = n;
            });
            workers[i].start();
        }
        long total = 0;
        for (int i = 0; i < threads; i++) {
            workers[i].join();
            total += counts[i];
        }
        return total / ((System.nanoTime() - t0) / 1e9);
    }

    public static void main(String[] args) throws InterruptedException {
        for (String kind : args) {
            perSecond(1, kind, 2); // warm-up
            boolean flops = !kind.equals("muli");
            double scale = flops ? 2.0 * 64 * 256 * 1024 / 1e9 : 1;
            for (int round = 1; round <= 2; round++) {
                double one = perSecond(1, kind, 5);
                double two = perSecond(2, kind, 5);
                System.out.printf("%s round %d: 1 thread %.1f, 2 threads %.1f %s, ratio %.2f%n", kind, round,
                        one * scale, two * scale, flops ? "GFLOP/s" : "ops/s", two / one);
            }
        }
    }
}
