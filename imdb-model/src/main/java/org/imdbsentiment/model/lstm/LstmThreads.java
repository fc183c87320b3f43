package org.imdbsentiment.model.lstm;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * How many threads one LSTM layer computes on (the setting {@code lstm-threads}), applied to a graph's
 * runtime layers: a {@link FastBidirectionalLayer} computes its two directions at once with two or
 * more, a {@link FastLstmLayer} of its own (v1-v3) splits its training recurrence's rows between
 * them. The results are the same with any count.
 */
public final class LstmThreads {
    private LstmThreads() {
    }

    /** {@code requested}, or with 0 one per core of this machine. */
    public static int resolve(int requested) {
        return requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
    }

    /** Sets {@code threads} (0: one per core) on every fast recurrent layer of {@code graph}; returns how many. */
    public static int apply(ComputationGraph graph, int threads) {
        int n = resolve(threads);
        int found = 0;
        for (Layer layer : graph.getLayers()) {
            if (layer instanceof FastBidirectionalLayer b) {
                b.setParallel(n > 1);
                found++;
            } else if (layer instanceof FastLstmLayer f) {
                f.setRowThreads(n);
                found++;
            }
        }
        return found;
    }
}
