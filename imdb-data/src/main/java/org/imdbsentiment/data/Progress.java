package org.imdbsentiment.data;

/**
 * How far a long step has got (a download in bytes, an archive being read, the batches of an epoch).
 * The library reports; the application decides how it is shown.
 */
public interface Progress extends AutoCloseable {

    /** Shows nothing. */
    Progress NONE = new Progress() {
        @Override
        public void advance(long amount) {
        }

        @Override
        public void close() {
        }
    };

    /** {@code amount} more units are done. */
    void advance(long amount);

    /** The step is over. */
    @Override
    void close();

    /** Starts showing the progress of a step. */
    @FunctionalInterface
    interface Factory {
        Factory NONE = (task, total, unit) -> Progress.NONE;

        /**
         * @param task  what is being done, e.g. "epoch 3"
         * @param total how many units make the whole step (0 or less: unknown)
         * @param unit  what a unit is, e.g. "batches", "MB"
         */
        Progress start(String task, long total, String unit);
    }
}
