package org.imdbsentiment.app.training;

import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.listener.EarlyStoppingListener;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.IEarlyStoppingTrainer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Early stopping over DL4J's {@link ParallelWrapper}: each epoch is one {@code wrapper.fit} pass in
 * which {@code workers} copies of the graph train on different minibatches (one thread each; on a
 * GPU box, one device each) and share what they learned, by parameter averaging or by DL4J's
 * threshold-encoded gradient sharing; then the main graph is validated, saved and checked against
 * the termination conditions exactly as {@code EarlyStoppingGraphTrainer} does (same epoch numbers,
 * same listener calls), so checkpoints, resume and the run files do not change.
 *
 * <p>DL4J ships {@code EarlyStoppingParallelTrainer}, but it offers parameter averaging only and
 * numbers its epochs differently from the single-thread trainer; this class keeps the latter's.
 */
final class ParallelGraphTrainer implements IEarlyStoppingTrainer<ComputationGraph> {
    private final EarlyStoppingConfiguration<ComputationGraph> es;
    private final ComputationGraph graph;
    private final DataSetIterator train;
    private final EarlyStoppingListener<ComputationGraph> listener;
    private final TrainingListener progress;
    private final ParallelWrapper wrapper;

    /**
     * @param progress told of every epoch's start and end and (from the workers' threads, one call at
     *                 a time) of every minibatch
     */
    ParallelGraphTrainer(EarlyStoppingConfiguration<ComputationGraph> es, ComputationGraph graph, DataSetIterator train,
                         EarlyStoppingListener<ComputationGraph> listener, TrainingListener progress, ExperimentConfig config) {
        this.es = es;
        this.graph = graph;
        this.train = train;
        this.listener = listener;
        this.progress = progress;
        // The workers' copies get the wrapper's listeners: the graph's own move there (the dashboard's
        // StatsListener is cloned per worker by DL4J; the progress listener is called one at a time).
        List<TrainingListener> listeners = new ArrayList<>();
        for (TrainingListener l : graph.getListeners()) {
            listeners.add(l == progress ? new OneAtATime(progress) : l);
        }
        graph.setListeners(new ArrayList<TrainingListener>());
        this.wrapper = ParallelTraining.wrapper(graph, config);
        wrapper.setListeners(listeners);
    }

    @Override
    public EarlyStoppingResult<ComputationGraph> fit() {
        es.getEpochTerminationConditions().forEach(EpochTerminationCondition::initialize);
        listener.onStart(es, graph);
        Map<Integer, Double> scores = new LinkedHashMap<>();
        double best = Double.NaN;
        int bestEpoch = -1;
        boolean minimize = es.getScoreCalculator().minimizeScore();
        try {
            for (int epoch = 0; ; epoch++) {
                progress.onEpochStart(graph);
                wrapper.fit(train); // resets the iterator itself
                progress.onEpochEnd(graph);
                double score = es.getScoreCalculator().calculateScore(graph);
                scores.put(epoch, score);
                if (bestEpoch < 0 || (minimize ? score < best : score > best)) {
                    best = score;
                    bestEpoch = epoch;
                    es.getModelSaver().saveBestModel(graph, score);
                }
                listener.onEpoch(epoch, score, es, graph);
                for (EpochTerminationCondition c : es.getEpochTerminationConditions()) {
                    if (c.terminate(epoch, score, minimize)) {
                        EarlyStoppingResult<ComputationGraph> result = new EarlyStoppingResult<>(
                                EarlyStoppingResult.TerminationReason.EpochTerminationCondition, c.toString(), scores,
                                bestEpoch, best, epoch + 1, es.getModelSaver().getBestModel());
                        listener.onCompletion(result);
                        return result;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the best model: " + e.getMessage(), e);
        } finally {
            wrapper.shutdown();
        }
    }

    @Override
    public EarlyStoppingResult<ComputationGraph> pretrain() {
        throw new UnsupportedOperationException("no layer-wise pretraining here");
    }

    @Override
    public void setListener(EarlyStoppingListener<ComputationGraph> listener) {
        throw new UnsupportedOperationException("the listener is given to the constructor");
    }

    /** The workers call their listeners from their own threads: one call at a time here. */
    private static final class OneAtATime extends BaseTrainingListener {
        private final TrainingListener delegate;

        OneAtATime(TrainingListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized void iterationDone(Model model, int iteration, int epoch) {
            delegate.iterationDone(model, iteration, epoch);
        }
    }
}
