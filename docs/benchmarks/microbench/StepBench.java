package org.imdbsentiment.model.lstm;

public class StepBench {
    public static void main(String[] args) {
        int h = 256, g = 4 * h, rows = 32, n = 32;
        java.util.Random r = new java.util.Random(1);
        float[] rec = new float[n * g], proj = new float[rows * g], bias = new float[g], gates = new float[rows * g];
        float[] cells = new float[2 * rows * h], ct = new float[rows * h], out = new float[rows * h];
        for (int i = 0; i < rec.length; i++) rec[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < proj.length; i++) proj[i] = r.nextFloat() - 0.5f;
        float[] act = new float[g * rows];
        for (int rep = 0; rep < 8; rep++) {
            long t0 = System.nanoTime();
            int iters = 2000;
            for (int it = 0; it < iters; it++) {
                for (int i = 0; i < rows; i++) {
                    FloatStep.step(rec, i, n, proj, i * g, bias, gates, i * g, cells, i * h, cells, rows * h + i * h, ct, i * h, out, i * h, 1f, h);
                }
            }
            long t1 = System.nanoTime();
            // unit-stride variant
            for (int it = 0; it < iters; it++) {
                for (int i = 0; i < rows; i++) {
                    FloatStep.step(rec, i * g, 1, proj, i * g, bias, gates, i * g, cells, i * h, cells, rows * h + i * h, ct, i * h, out, i * h, 1f, h);
                }
            }
            long t2 = System.nanoTime();
            // pure activation loop over 1024
            for (int it = 0; it < iters; it++) {
                for (int i = 0; i < rows; i++) {
                    int z = i * g;
                    for (int k = z; k < z + g; k++) act[k] = FastTanh.sigmoid(proj[k]);
                }
            }
            long t3 = System.nanoTime();
            double per = (double) iters * rows * g;
            System.out.printf("strided %.3f ns/gate, unit %.3f ns/gate, sigmoid-only %.3f ns/elem%n", (t1 - t0) / per, (t2 - t1) / per, (t3 - t2) / per);
        }
        System.out.println(out[5] + gates[7] + act[3]);
    }
}
