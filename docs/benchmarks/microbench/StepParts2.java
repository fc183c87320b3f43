public class StepParts2 {
    public static void main(String[] a) {
        int g = 1024, rows = 32, n = 32;
        java.util.Random r = new java.util.Random(1);
        float[] recT = new float[rows * g], rec = new float[n * g], proj = new float[rows * g], bias = new float[g], gates = new float[rows * g];
        for (int i = 0; i < rec.length; i++) rec[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < proj.length; i++) proj[i] = r.nextFloat() - 0.5f;
        double per = 2000.0 * rows * g;
        for (int rep = 0; rep < 6; rep++) {
            long t0 = System.nanoTime();
            for (int it = 0; it < 2000; it++) strided(rec, proj, bias, gates, rows, g, n);
            long t1 = System.nanoTime();
            for (int it = 0; it < 2000; it++) { transpose(rec, recT, rows, g, n); unit(recT, proj, bias, gates, rows, g); }
            long t2 = System.nanoTime();
            System.out.printf("strided %.3f transposed+unit %.3f ns/gate%n", (t1 - t0) / per, (t2 - t1) / per);
        }
        System.out.println(gates[5]);
    }
    static void strided(float[] rec, float[] proj, float[] bias, float[] gates, int rows, int g, int n) {
        for (int i = 0; i < rows; i++) { int z = i * g; for (int k = 0; k < g; k++) gates[z + k] = proj[z + k] + rec[i + k * n] + bias[k]; }
    }
    static void transpose(float[] rec, float[] recT, int rows, int g, int n) {
        for (int i0 = 0; i0 < rows; i0 += 8) { int i1 = Math.min(rows, i0 + 8);
            for (int k = 0; k < g; k++) { int from = k * n; for (int i = i0; i < i1; i++) recT[i * g + k] = rec[from + i]; } }
    }
    static void unit(float[] recT, float[] proj, float[] bias, float[] gates, int rows, int g) {
        for (int i = 0; i < rows; i++) { int z = i * g; for (int k = 0; k < g; k++) gates[z + k] = proj[z + k] + recT[z + k] + bias[k]; }
    }
}
