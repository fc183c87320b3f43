package org.imdbsentiment.model;

/** What a sequence mask ({@code [batch, steps]}, 1 on real steps, 0 on padding) says of each row's length. */
public final class SequenceMasks {
    private SequenceMasks() {
    }

    /**
     * Each row's number of real steps when every row is 1s followed by 0s (a row of only 0s has
     * length 0); null when there is no mask or a row is padded otherwise.
     */
    public static int[] postPaddedLengths(double[] mask, int batch, int steps) {
        if (mask == null) {
            return null;
        }
        int[] lengths = new int[batch];
        for (int e = 0; e < batch; e++) {
            int n = 0;
            while (n < steps && mask[e * steps + n] == 1.0) {
                n++;
            }
            for (int t = n; t < steps; t++) {
                if (mask[e * steps + t] != 0.0) {
                    return null;
                }
            }
            lengths[e] = n;
        }
        return lengths;
    }
}
