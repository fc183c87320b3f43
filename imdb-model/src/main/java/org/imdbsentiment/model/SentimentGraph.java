package org.imdbsentiment.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.imdbsentiment.model.lstm.FastLstm;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

import java.util.Arrays;
import java.util.Optional;

/**
 * Builds the classifier as a {@link ComputationGraph} with named vertices:
 * <pre>
 * tokens     [batch, 1, T] token indices; its mask [batch, T] marks real steps (1) and padding (0)
 *   -> embedding  EmbeddingSequenceLayer(vocab -> E)      [batch, E, T]  (padded steps zeroed)
 *   -> lstm       LSTM(H, tanh), FastLstm or DL4J's LSTM  [batch, H, T]  (state reset on padded steps)
 *   -> last       LastTimeStepVertex(mask of "tokens")    [batch, H]     (each review's last real step)
 *   -> out        OutputLayer(1, sigmoid, binary XENT)    [batch, 1]     P(positive); label is p > 0.5
 * </pre>
 * Because "last" reads each review at its own last real step, padding never reaches the output:
 * the same review gives the same probability whatever the batch's padded length.
 */
public final class SentimentGraph {
    public static final String INPUT = "tokens";
    public static final String EMBEDDING = "embedding";
    public static final String LSTM_LAYER = "lstm";
    public static final String LAST = "last";
    public static final String OUTPUT = "out";

    private SentimentGraph() {
    }

    /** An initialised graph for a vocabulary of {@code vocabSize} tokens, embedding learned from scratch. */
    public static ComputationGraph build(ExperimentConfig.Model model, int vocabSize, double learningRate, long seed) {
        return build(model, vocabSize, learningRate, seed, Optional.empty());
    }

    /**
     * An initialised graph for a vocabulary of {@code vocabSize} tokens (PAD and UNK included). With
     * pretrained vectors ({@code [vocabSize, embeddingSize]}), they are written into the embedding
     * after initialisation, as its parameter {@code W}.
     */
    public static ComputationGraph build(ExperimentConfig.Model model, int vocabSize, double learningRate, long seed,
                                         Optional<INDArray> pretrained) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs(INPUT)
                .addLayer(EMBEDDING, embeddingLayer(model, vocabSize, pretrained.isPresent()), INPUT)
                .addLayer(LSTM_LAYER, lstmLayer(model), EMBEDDING)
                .addVertex(LAST, new LastTimeStepVertex(INPUT), LSTM_LAYER)
                .addLayer(OUTPUT, new OutputLayer.Builder(new LossBinaryXENT())
                        .nIn(model.hiddenSize())
                        .nOut(1)
                        .activation(Activation.SIGMOID)
                        .build(), LAST)
                .setOutputs(OUTPUT)
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        pretrained.ifPresent(w -> {
            if (w.rank() != 2 || w.size(0) != vocabSize || w.size(1) != model.embeddingSize()) {
                throw new IllegalArgumentException("pretrained embedding has shape " + Arrays.toString(w.shape())
                        + ", expected [" + vocabSize + ", " + model.embeddingSize() + "]");
            }
            graph.getLayer(EMBEDDING).setParam(DefaultParamInitializer.WEIGHT_KEY, w);
        });
        return graph;
    }

    /** The recurrent layer; both implementations have the same parameters and compute the same function. */
    private static Layer lstmLayer(ExperimentConfig.Model model) {
        return switch (model.lstm()) {
            case FAST -> new FastLstm(model.embeddingSize(), model.hiddenSize());
            case DL4J -> new LSTM.Builder()
                    .nIn(model.embeddingSize())
                    .nOut(model.hiddenSize())
                    .activation(Activation.TANH)
                    .build();
        };
    }

    /**
     * The one place where the three versions' word representations differ. Pretrained vectors are
     * written after {@code init()} rather than through {@code weightInit(INDArray)}: a graph built
     * that way comes back from save/restore with a scrambled embedding matrix.
     */
    private static Layer embeddingLayer(ExperimentConfig.Model model, int vocabSize, boolean hasPretrained) {
        if (hasPretrained != model.embedding().pretrained()) {
            throw new IllegalArgumentException("embedding " + model.embedding().key()
                    + (hasPretrained ? " takes no pretrained vectors" : " needs pretrained vectors"));
        }
        EmbeddingSequenceLayer.Builder embedding = new EmbeddingSequenceLayer.Builder()
                .nIn(vocabSize)
                .nOut(model.embeddingSize());
        return switch (model.embedding()) {
            // Word vectors drawn from N(0, 1), as PyTorch's nn.Embedding does.
            case SCRATCH -> embedding.weightInit(new NormalDistribution(0, 1)).build();
            // Overwritten with the pretrained vectors after init().
            case GLOVE_TRAINABLE -> embedding.build();
            // Same, and never updated: FrozenLayer keeps no updater state for its 2.5 M weights.
            case GLOVE_FROZEN -> new FrozenLayer(embedding.build());
        };
    }
}
