package org.imdbsentiment.model.lstm;

/**
 * tanh and the logistic sigmoid as a rational function (the single-precision approximation used by
 * Eigen and XLA: odd degree-13 numerator over even degree-6 denominator, input clamped to ±7.9053).
 * Its error is below single-precision rounding, it needs no {@code exp}, and the JIT compiles it to
 * a handful of multiply-adds and one division.
 */
public final class FastTanh {
    private static final double CLAMP = 7.90531110763549805;
    private static final double A1 = 4.89352455891786e-03;
    private static final double A3 = 6.37261928875436e-04;
    private static final double A5 = 1.48572235717979e-05;
    private static final double A7 = 5.12229709037114e-08;
    private static final double A9 = -8.60467152213735e-11;
    private static final double A11 = 2.00018790482477e-13;
    private static final double A13 = -2.76076847742355e-16;
    private static final double B0 = 4.89352518554385e-03;
    private static final double B2 = 2.26843463243900e-03;
    private static final double B4 = 1.18534705686654e-04;
    private static final double B6 = 1.19825839466702e-06;

    private static final float F_CLAMP = (float) CLAMP;
    private static final float F_A1 = (float) A1;
    private static final float F_A3 = (float) A3;
    private static final float F_A5 = (float) A5;
    private static final float F_A7 = (float) A7;
    private static final float F_A9 = (float) A9;
    private static final float F_A11 = (float) A11;
    private static final float F_A13 = (float) A13;
    private static final float F_B0 = (float) B0;
    private static final float F_B2 = (float) B2;
    private static final float F_B4 = (float) B4;
    private static final float F_B6 = (float) B6;

    private FastTanh() {
    }

    public static float tanh(float x) {
        float c = Math.max(-F_CLAMP, Math.min(F_CLAMP, x));
        float x2 = c * c;
        float p = ((((((F_A13 * x2 + F_A11) * x2 + F_A9) * x2 + F_A7) * x2 + F_A5) * x2 + F_A3) * x2 + F_A1) * c;
        float q = ((F_B6 * x2 + F_B4) * x2 + F_B2) * x2 + F_B0;
        return p / q;
    }

    public static float sigmoid(float x) {
        return 0.5f + 0.5f * tanh(0.5f * x);
    }
}
