package org.imdbsentiment.app;

/**
 * One line of a run's {@code epochs.csv}.
 *
 * @param epoch       from 1
 * @param batches     training minibatches in the epoch
 * @param trainLoss   mean minibatch loss over the epoch
 * @param valLoss     validation binary cross-entropy after the epoch
 * @param valAccuracy validation accuracy after the epoch
 * @param trainSeconds wall time of the epoch's training
 * @param valSeconds  wall time of its validation
 */
record EpochMetrics(int epoch, int batches, double trainLoss, double valLoss, double valAccuracy,
                    double trainSeconds, double valSeconds) {
    static final String CSV_HEADER = "epoch,batches,train_loss,val_loss,val_accuracy,train_seconds,val_seconds";

    /** Reads the lines of an {@code epochs.csv} (header first). */
    static java.util.List<EpochMetrics> parseCsv(java.util.List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).equals(CSV_HEADER)) {
            throw new IllegalArgumentException("not an epochs.csv (expected header " + CSV_HEADER + ")");
        }
        return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> {
            String[] f = l.split(",");
            return new EpochMetrics(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]));
        }).toList();
    }

    String csv() {
        return String.format(java.util.Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.1f,%.1f",
                epoch, batches, trainLoss, valLoss, valAccuracy, trainSeconds, valSeconds);
    }
}
