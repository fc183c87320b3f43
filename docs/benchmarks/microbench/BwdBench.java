public class BwdBench {
    static void fused(float[] gates, float[] cellTanh, float[] cells, float[] eps, float[] hiddenGrad, float[] cellGrad, float[] gateGrads, int rows, int h, float m) {
        int g = 4 * h;
        for (int e = 0; e < rows; e++) {
            final int z = e * g, s = e * h, u = e * h;
            for (int j = 0; j < h; j++) {
                float a = gates[z + j], f = gates[z + h + j], o = gates[z + 2 * h + j], i = gates[z + 3 * h + j];
                float tc = cellTanh[s + j];
                float dh = eps[s + j] + hiddenGrad[u + j];
                float dCell = m * (dh * o * (1 - tc * tc) + cellGrad[u + j]);
                float dOut = m * dh * tc;
                gateGrads[z + j] = dCell * i * (1 - a * a);
                gateGrads[z + h + j] = dCell * cells[s + j] * f * (1 - f);
                gateGrads[z + 2 * h + j] = dOut * o * (1 - o);
                gateGrads[z + 3 * h + j] = dCell * a * i * (1 - i);
                cellGrad[u + j] = dCell * f;
            }
        }
    }
    // split: per row, loop 1 computes dh into scratch dH and dCell into scratch dC (two stores), then one loop per gate
    static void split(float[] gates, float[] cellTanh, float[] cells, float[] eps, float[] hiddenGrad, float[] cellGrad, float[] gateGrads, int rows, int h, float m, float[] dH, float[] dC) {
        int g = 4 * h;
        for (int e = 0; e < rows; e++) {
            final int z = e * g, s = e * h, u = e * h;
            for (int j = 0; j < h; j++) {
                float tc = cellTanh[s + j];
                float dh = eps[s + j] + hiddenGrad[u + j];
                dH[j] = m * dh * tc;
                dC[j] = m * (dh * gates[z + 2 * h + j] * (1 - tc * tc) + cellGrad[u + j]);
            }
            for (int j = 0; j < h; j++) { float a = gates[z + j], i = gates[z + 3 * h + j]; gateGrads[z + j] = dC[j] * i * (1 - a * a); }
            for (int j = 0; j < h; j++) { float f = gates[z + h + j]; gateGrads[z + h + j] = dC[j] * cells[s + j] * f * (1 - f); }
            for (int j = 0; j < h; j++) { float o = gates[z + 2 * h + j]; gateGrads[z + 2 * h + j] = dH[j] * o * (1 - o); }
            for (int j = 0; j < h; j++) { float a = gates[z + j], i = gates[z + 3 * h + j]; gateGrads[z + 3 * h + j] = dC[j] * a * i * (1 - i); }
            for (int j = 0; j < h; j++) { cellGrad[u + j] = dC[j] * gates[z + h + j]; }
        }
    }
    public static void main(String[] x) {
        int h = 256, rows = 32, g = 4 * h;
        java.util.Random r = new java.util.Random(1);
        float[] gates = new float[rows * g], ct = new float[rows * h], cells = new float[rows * h], eps = new float[rows * h], hg = new float[rows * h], cg = new float[rows * h], gg = new float[rows * g], gg2 = new float[rows * g], cg2 = new float[rows * h];
        for (float[] a : new float[][]{gates, ct, cells, eps, hg, cg}) for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
        float[] dH = new float[h], dC = new float[h];
        System.arraycopy(cg, 0, cg2, 0, cg.length);
        fused(gates, ct, cells, eps, hg, cg, gg, rows, h, 1f); split(gates, ct, cells, eps, hg, cg2, gg2, rows, h, 1f, dH, dC);
        float diff = 0; for (int i = 0; i < gg.length; i++) diff = Math.max(diff, Math.abs(gg[i] - gg2[i]));
        System.out.println("maxdiff " + diff);
        for (int rep = 0; rep < 6; rep++) {
            long t0 = System.nanoTime(); for (int it = 0; it < 3000; it++) fused(gates, ct, cells, eps, hg, cg, gg, rows, h, 1f);
            long t1 = System.nanoTime(); for (int it = 0; it < 3000; it++) split(gates, ct, cells, eps, hg, cg2, gg2, rows, h, 1f, dH, dC);
            long t2 = System.nanoTime();
            double per = 3000.0 * rows * h;
            System.out.printf("fused %.3f split %.3f ns/unit%n", (t1 - t0) / per, (t2 - t1) / per);
        }
    }
}
