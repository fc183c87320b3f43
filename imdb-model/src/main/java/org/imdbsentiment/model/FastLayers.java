package org.imdbsentiment.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.model.embedding.FastEmbeddingSequence;
import org.imdbsentiment.model.lstm.FastBidirectional;
import org.imdbsentiment.model.lstm.FastLstm;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Graphs saved by earlier versions of this project (runs, their checkpoints and bundles), given the
 * faster layers this version builds, when they are loaded: DL4J's {@link Bidirectional} around
 * {@link FastLstm} becomes {@link FastBidirectional} (both directions at once), and in a graph with the
 * fast LSTM, DL4J's {@link EmbeddingSequenceLayer} (also inside a {@link FrozenLayer}) becomes
 * {@link FastEmbeddingSequence}. Each computes the same numbers as the layer it replaces; the
 * parameters, the updater's state (Adam's moments, for a resumed run) and the iteration and epoch
 * counts are carried over. Graphs with DL4J's own LSTM stay all DL4J's.
 */
public final class FastLayers {
    private FastLayers() {
    }

    /** {@code graph} with its layers upgraded, or {@code graph} itself when none is (nothing is copied). */
    public static ComputationGraph upgrade(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        boolean fastLstm = false;
        for (GraphVertex vertex : conf.getVertices().values()) {
            if (vertex instanceof LayerVertex layerVertex) {
                Layer layer = layerVertex.getLayerConf().getLayer();
                fastLstm |= layer instanceof FastLstm
                        || (layer instanceof Bidirectional b && b.getFwd() instanceof FastLstm);
            }
        }
        boolean changed = false;
        for (GraphVertex vertex : conf.getVertices().values()) {
            if (!(vertex instanceof LayerVertex layerVertex)) {
                continue;
            }
            Layer layer = layerVertex.getLayerConf().getLayer();
            Layer upgraded = layer;
            if (layer.getClass() == Bidirectional.class && ((Bidirectional) layer).getFwd() instanceof FastLstm) {
                upgraded = FastBidirectional.of((Bidirectional) layer);
            } else if (fastLstm && layer.getClass() == EmbeddingSequenceLayer.class) {
                upgraded = FastEmbeddingSequence.of((EmbeddingSequenceLayer) layer);
            } else if (fastLstm && layer instanceof FrozenLayer frozen
                    && frozen.getLayer().getClass() == EmbeddingSequenceLayer.class) {
                FrozenLayer fast = new FrozenLayer(FastEmbeddingSequence.of((EmbeddingSequenceLayer) frozen.getLayer()));
                fast.setLayerName(frozen.getLayerName());
                upgraded = fast;
            }
            if (upgraded != layer) {
                layerVertex.getLayerConf().setLayer(upgraded);
                changed = true;
            }
        }
        if (!changed) {
            return graph;
        }
        // The counters (Adam's bias correction reads the iteration) do not survive clone().
        conf.setIterationCount(graph.getConfiguration().getIterationCount());
        conf.setEpochCount(graph.getConfiguration().getEpochCount());
        ComputationGraph result = new ComputationGraph(conf);
        result.init(graph.params(), true);
        INDArray state = graph.getUpdater(false) == null ? null : graph.getUpdater(false).getStateViewArray();
        if (state != null) {
            result.getUpdater(true).getStateViewArray().assign(state);
        }
        return result;
    }
}
