package org.imdbsentiment.model.workspace;

import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sizes the calling thread's DL4J training workspaces for the largest minibatch before training starts.
 *
 * <p>A ComputationGraph keeps the working memory of its forward and backward passes in workspaces that
 * learn their size from the minibatches they see: each minibatch larger than any before spills outside the
 * workspace, and the workspace is then allocated again at the larger size and zeroed
 * ({@code CpuWorkspace.init}). With length-bucketed batches that happens several times over the first ten
 * or so minibatches of a run, each time costing about as much as the minibatch itself (the first
 * minibatches of a v1 run took 2-5x their steady time; docs/performance.md, eighteenth session).
 *
 * <p>{@link #presize} fits the largest minibatch on the calling thread, through the same {@code fit} a run
 * calls (so every workspace of the forward pass, the backward pass and the updater is sized), until a fit grows
 * no workspace, and then puts back everything those fits changed: the parameters, the updater's state (Adam's moments), the
 * iteration count, and ND4J's random stream (so dropout then draws the masks it draws without the pass);
 * the listeners are detached meanwhile, so no run records or averages it. Workspaces belong to a thread: the
 * pass helps the thread that then calls {@code fit} (a run's {@code EarlyStoppingGraphTrainer}, the
 * benchmark), not ParallelWrapper's workers.
 */
public final class TrainingWorkspaces {
    /** The most fits the pass makes (the third has changed nothing for every graph of the project). */
    static final int MAX_FITS = 4;

    private TrainingWorkspaces() {
    }

    /**
     * Fits of {@code largest} (the most rows and steps a training minibatch of this run holds) until one grows
     * no workspace (at most {@link #MAX_FITS}), undone: afterwards the graph trains exactly as it would have without it, in workspaces of their final
     * size. Returns its milliseconds; 0 where the graph trains without workspaces (nothing to size).
     */
    public static double presize(ComputationGraph graph, DataSet largest) {
        if (graph.getConfiguration().getTrainingWorkspaceMode() == WorkspaceMode.NONE) {
            return 0;
        }
        long start = System.nanoTime();
        List<TrainingListener> listeners = new ArrayList<>(graph.getListeners());
        INDArray params = graph.params().dup();
        INDArray updaterState = graph.getUpdater(true).getStateViewArray();
        INDArray savedState = updaterState == null ? null : updaterState.dup();
        int iterations = graph.getConfiguration().getIterationCount();
        Random random = Nd4j.getRandom();
        long root = random.rootState();
        long node = random.nodeState();
        try {
            graph.setListeners(List.of());
            // Some workspaces learn over several openings (DL4J's LearningPolicy.OVER_TIME) and take their
            // size only in the second fit: fit until a fit changes no size.
            Map<String, Long> before;
            int fits = 0;
            do {
                before = sizesOfThisThread();
                graph.fit(largest);
                fits++;
            } while (fits < MAX_FITS && !before.equals(sizesOfThisThread()));
        } finally {
            graph.setParams(params);
            if (savedState != null) {
                graph.getUpdater().getStateViewArray().assign(savedState);
            }
            graph.getConfiguration().setIterationCount(iterations);
            graph.setListeners(listeners);
            random.setStates(root, node);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** This thread's workspaces by id, with their sizes in bytes. */
    static Map<String, Long> sizesOfThisThread() {
        Map<String, Long> sizes = new TreeMap<>();
        for (MemoryWorkspace w : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
            sizes.put(w.getId(), w.getCurrentSize());
        }
        return sizes;
    }
}
