public class VecBench {
    static final float C = 7.90531110763549805f, A1 = 4.89352455891786e-03f, A3 = 6.37261928875436e-04f, A5 = 1.48572235717979e-05f,
        A7 = 5.12229709037114e-08f, A9 = -8.60467152213735e-11f, A11 = 2.00018790482477e-13f, A13 = -2.76076847742355e-16f,
        B0 = 4.89352518554385e-03f, B2 = 2.26843463243900e-03f, B4 = 1.18534705686654e-04f, B6 = 1.19825839466702e-06f;
    static float tanhMinMax(float x) { float c = Math.max(-C, Math.min(C, x)); return poly(c); }
    static float tanhNoClamp(float c) { return poly(c); }
    static float tanhTernary(float x) { float c = x > C ? C : x; c = c < -C ? -C : c; return poly(c); }
    static float poly(float c) { float x2 = c * c;
        float p = ((((((A13 * x2 + A11) * x2 + A9) * x2 + A7) * x2 + A5) * x2 + A3) * x2 + A1) * c;
        float q = ((B6 * x2 + B4) * x2 + B2) * x2 + B0; return p / q; }
    public static void main(String[] a) {
        int n = 32 * 1024; float[] x = new float[n], y = new float[n];
        java.util.Random r = new java.util.Random(1); for (int i = 0; i < n; i++) x[i] = (r.nextFloat() - 0.5f) * 20;
        for (int rep = 0; rep < 6; rep++) {
            long t0 = System.nanoTime(); for (int it = 0; it < 2000; it++) for (int k = 0; k < n; k++) y[k] = tanhMinMax(x[k]);
            long t1 = System.nanoTime(); for (int it = 0; it < 2000; it++) for (int k = 0; k < n; k++) y[k] = tanhNoClamp(x[k]);
            long t2 = System.nanoTime(); for (int it = 0; it < 2000; it++) for (int k = 0; k < n; k++) y[k] = tanhTernary(x[k]);
            long t3 = System.nanoTime(); for (int it = 0; it < 2000; it++) for (int k = 0; k < n; k++) y[k] = x[k] * 0.5f + 0.25f;
            long t4 = System.nanoTime();
            double per = 2000.0 * n;
            System.out.printf("minmax %.3f noclamp %.3f ternary %.3f fma %.3f ns/elem%n", (t1-t0)/per, (t2-t1)/per, (t3-t2)/per, (t4-t3)/per);
        }
        System.out.println(y[3]);
    }
}
