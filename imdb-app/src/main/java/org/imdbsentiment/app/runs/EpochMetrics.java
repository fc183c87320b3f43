package org.imdbsentiment.app.runs;

import org.imdbsentiment.data.DataException;

import java.util.List;
import java.util.Locale;

/**
 * One line of a run's {@code epochs.csv}; {@link RunDirectory} reads and writes the file through
 * {@link #parseCsv} and {@link #csv}, and nothing else parses it.
 *
 * @param epoch        from 1
 * @param batches      training minibatches in the epoch
 * @param trainLoss    mean minibatch loss over the epoch
 * @param valLoss      validation binary cross-entropy after the epoch (NaN in a final fit, which has no validation)
 * @param valAccuracy  validation accuracy after the epoch (NaN in a final fit)
 * @param trainSeconds wall time of the epoch's training
 * @param valSeconds   wall time of its validation
 */
public record EpochMetrics(int epoch, int batches, double trainLoss, double valLoss, double valAccuracy,
                           double trainSeconds, double valSeconds) {
    public static final String CSV_HEADER = "epoch,batches,train_loss,val_loss,val_accuracy,train_seconds,val_seconds";

    /** Reads the lines of an {@code epochs.csv} (header first); {@code source} names it in errors. */
    static List<EpochMetrics> parseCsv(List<String> lines, String source) {
        if (lines.isEmpty() || !lines.get(0).equals(CSV_HEADER)) {
            throw new DataException(source + " is not an epochs.csv (expected the header " + CSV_HEADER + ")");
        }
        return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> {
            String[] f = l.split(",");
            try {
                return new EpochMetrics(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]));
            } catch (RuntimeException e) {
                throw new DataException(source + " has a bad line: " + l);
            }
        }).toList();
    }

    String csv() {
        return String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.1f,%.1f",
                epoch, batches, trainLoss, valLoss, valAccuracy, trainSeconds, valSeconds);
    }

    /** Whether the epoch was validated (a final fit's epochs are not: their validation values are NaN). */
    public boolean validated() {
        return !Double.isNaN(valAccuracy);
    }

    /** Its validation accuracy, or null for an epoch that was not validated (a final fit's). */
    public Double validatedAccuracy() {
        return validated() ? valAccuracy : null;
    }

    /**
     * The first epoch with the highest validation accuracy (early stopping's choice); in a run without
     * validation (a final fit), the last epoch, the one it keeps; 0 for none.
     */
    public static int best(List<EpochMetrics> epochs) {
        if (!epochs.isEmpty() && epochs.stream().noneMatch(EpochMetrics::validated)) {
            return epochs.get(epochs.size() - 1).epoch();
        }
        int best = 0;
        double acc = -1;
        for (EpochMetrics e : epochs) {
            if (e.validated() && e.valAccuracy() > acc) {
                acc = e.valAccuracy();
                best = e.epoch();
            }
        }
        return best;
    }
}
