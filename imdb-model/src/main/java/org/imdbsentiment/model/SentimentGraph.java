package org.imdbsentiment.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.imdbsentiment.data.Padding;
import org.imdbsentiment.model.config.ConfigException;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.config.Settings;
import org.imdbsentiment.model.embedding.FastEmbeddingSequence;
import org.imdbsentiment.model.lstm.FastBidirectional;
import org.imdbsentiment.model.lstm.FastLstm;
import org.imdbsentiment.model.ngram.NgramBag;
import org.imdbsentiment.model.output.BranchMeanOutput;
import org.imdbsentiment.model.schedule.LinearDecay;
import org.imdbsentiment.model.steps.TruncatedSteps;
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
 *
 * <p>With {@code architecture=bilstm-pool} (v4) the middle is instead
 * <pre>
 *   -> lstm   Bidirectional(CONCAT, LSTM(H))              [batch, 2H, T] (each direction masked;
 *                                                                        fast: both at once)
 *   -> max    GlobalPooling(MAX) over real steps          [batch, 2H]
 *   -> mean   GlobalPooling(AVG) over real steps          [batch, 2H]
 *   -> pool   Merge(max, mean)                            [batch, 4H]  -> out
 * </pre>
 * where pooling reads the mask, so padding never reaches the output either.
 *
 * <p>{@code architecture=ngrams} reads the tokens with a bag of n-grams alone, and {@code hybrid} (v5)
 * puts that bag beside v4's middle:
 * <pre>
 *   tokens -> ngrams  NgramBag: mean of unigram and hashed-bigram vectors over real steps  [batch, N]
 *   -> hybrid  Merge(pool, ngrams)                                                  [batch, 4H + N] -> out
 * </pre>
 * (the dropout of the output layer acts on both). The bag counts only real steps and bigrams of two
 * real steps, so padding never reaches the output in these either. {@code hybrid-heads} gives each
 * side its own logit and loss instead of merging their features:
 * <pre>
 *   pool   -> lstm-logit   Dense(1, identity)                         [batch, 1]
 *   ngrams -> ngram-logit  Dense(1, identity)                         [batch, 1]
 *   -> logits  Merge(lstm-logit, ngram-logit)                          [batch, 2]
 *   -> out     BranchMeanOutput: sigmoid(mean of the logits)           [batch, 1]
 *              loss: each logit's binary XENT, summed (BranchLogitsLoss)
 * </pre>
 * so each side is trained as it would be alone and the prediction averages their log-odds.
 */
public final class SentimentGraph {
    public static final String INPUT = "tokens";
    public static final String EMBEDDING = "embedding";
    public static final String LSTM_LAYER = "lstm";
    public static final String LAST = "last";
    public static final String OUTPUT = "out";
    /** bilstm-pool only: max over each review's real steps [batch, 2H]. */
    public static final String MAX_POOL = "max";
    /** bilstm-pool only: mean over each review's real steps [batch, 2H]. */
    public static final String MEAN_POOL = "mean";
    /** bilstm-pool only: max and mean concatenated [batch, 4H]. */
    public static final String POOL = "pool";
    /** ngrams and hybrid: the mean of the review's unigram and hashed-bigram vectors [batch, N]. */
    public static final String NGRAMS = "ngrams";
    /** hybrid only: pool and ngrams concatenated [batch, 4H + N]. */
    public static final String HYBRID = "hybrid";
    /** hybrid-heads only: the BiLSTM side's logit, read from pool [batch, 1]. */
    public static final String LSTM_LOGIT = "lstm-logit";
    /** hybrid-heads only: the n-gram side's logit, read from ngrams [batch, 1]. */
    public static final String NGRAM_LOGIT = "ngram-logit";
    /** hybrid-heads only: the two logits side by side [batch, 2]. */
    public static final String LOGITS = "logits";
    /** The steps the LSTM side reads when the n-gram side reads more of each review (ngram-max-length). */
    public static final String LSTM_STEPS = "lstm-steps";

    private SentimentGraph() {
    }

    /** An initialised graph for a vocabulary of {@code vocabSize} tokens, embedding learned from scratch. */
    public static ComputationGraph build(ExperimentConfig config, int vocabSize) {
        return build(config, vocabSize, Optional.empty());
    }

    /**
     * An initialised graph for a vocabulary of {@code vocabSize} tokens (PAD and UNK included). With
     * pretrained vectors ({@code [vocabSize, embeddingSize]}), they are written into the embedding
     * after initialisation, as its parameter {@code W}.
     */
    public static ComputationGraph build(ExperimentConfig config, int vocabSize, Optional<INDArray> pretrained) {
        return build(config, vocabSize, pretrained, 0);
    }

    /**
     * As {@link #build(ExperimentConfig, int, Optional)}, for a run of {@code batchesPerEpoch}
     * training minibatches per epoch: the length a learning-rate schedule other than constant decays
     * over ({@code epochs} times it). 0: unknown, which only a constant rate accepts.
     */
    public static ComputationGraph build(ExperimentConfig config, int vocabSize, Optional<INDArray> pretrained,
                                         int batchesPerEpoch) {
        NeuralNetConfiguration.Builder common = new NeuralNetConfiguration.Builder()
                .seed(config.get(Settings.SEED))
                .updater(adam(config, config.get(Settings.LEARNING_RATE), batchesPerEpoch))
                .weightInit(WeightInit.XAVIER);
        double weightDecay = config.get(Settings.WEIGHT_DECAY);
        if (weightDecay > 0) {
            common.l2(weightDecay); // on weights only, not biases; 0 leaves the configuration as before the setting
        }
        double clip = config.get(Settings.GRADIENT_CLIP);
        if (clip > 0) {
            common.gradientNormalization(GradientNormalization.ClipL2PerLayer).gradientNormalizationThreshold(clip);
        }
        Architecture architecture = config.get(Settings.ARCHITECTURE);
        int hidden = config.get(Settings.HIDDEN_SIZE);
        int ngramSize = config.get(Settings.NGRAM_SIZE);
        int features = switch (architecture) {
            case LAST_STEP -> hidden;
            case BILSTM_POOL -> 4 * hidden;
            case NGRAMS -> ngramSize;
            case HYBRID -> 4 * hidden + ngramSize;
            case HYBRID_HEADS -> 2;
        };
        double dropout = config.get(Settings.DROPOUT);
        Layer out = architecture == Architecture.HYBRID_HEADS
                ? new BranchMeanOutput(features)
                : withDropout(new OutputLayer.Builder(new LossBinaryXENT()).activation(Activation.SIGMOID), dropout)
                        .nIn(features).nOut(1).build();
        ComputationGraphConfiguration.GraphBuilder layers = common
                .graphBuilder()
                .addInputs(INPUT);
        if (architecture.recurrent()) {
            String words = INPUT;
            if (tokensRead(config) > config.get(Settings.MAX_LENGTH)) {
                // The n-gram side reads the longer review; the LSTM side the tokens max-length would have kept.
                layers.addVertex(LSTM_STEPS, new TruncatedSteps(INPUT, config.get(Settings.MAX_LENGTH),
                        config.get(Settings.TRUNCATION)), INPUT);
                words = LSTM_STEPS;
            }
            layers.addLayer(EMBEDDING, embeddingLayer(config, vocabSize, pretrained.isPresent()), words);
        } else if (pretrained.isPresent() || config.get(Settings.EMBEDDING).pretrained()) {
            throw new IllegalArgumentException("architecture " + architecture.key() + " has no word embedding to take pretrained vectors");
        }
        if (architecture.ngrams()) {
            NgramBag bag = new NgramBag(vocabSize, config.get(Settings.NGRAM_BUCKETS), ngramSize, config.get(Settings.NGRAM_ORDER),
                    config.get(Settings.NGRAM_WEIGHTING));
            double ngramRate = config.get(Settings.NGRAM_LEARNING_RATE);
            if (ngramRate > 0) {
                // Its own Adam: a sparse table of a million rows, each updated by few batches, learns
                // far slower than the dense LSTM beside it at the same rate.
                bag.setIUpdater(adam(config, ngramRate, batchesPerEpoch));
            }
            layers.addLayer(NGRAMS, bag, INPUT);
        }
        String top = switch (architecture) {
            case LAST_STEP -> {
                layers.addLayer(LSTM_LAYER, lstmLayer(config), EMBEDDING)
                        .addVertex(LAST, new LastTimeStepVertex(INPUT), LSTM_LAYER);
                yield LAST;
            }
            case BILSTM_POOL -> {
                addPooledBidirectional(layers, config);
                yield POOL;
            }
            case NGRAMS -> NGRAMS;
            case HYBRID -> {
                addPooledBidirectional(layers, config);
                layers.addVertex(HYBRID, new MergeVertex(), POOL, NGRAMS);
                yield HYBRID;
            }
            case HYBRID_HEADS -> {
                addPooledBidirectional(layers, config);
                // The output layer's dropout, on what each logit reads.
                layers.addLayer(LSTM_LOGIT, logit(4 * hidden, dropout), POOL)
                        .addLayer(NGRAM_LOGIT, logit(ngramSize, dropout), NGRAMS)
                        .addVertex(LOGITS, new MergeVertex(), LSTM_LOGIT, NGRAM_LOGIT);
                yield LOGITS;
            }
        };
        ComputationGraphConfiguration conf = layers
                .addLayer(OUTPUT, out, top)
                .setOutputs(OUTPUT)
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        pretrained.ifPresent(w -> {
            int embeddingSize = config.get(Settings.EMBEDDING_SIZE);
            if (w.rank() != 2 || w.size(0) != vocabSize || w.size(1) != embeddingSize) {
                throw new IllegalArgumentException("pretrained embedding has shape " + Arrays.toString(w.shape())
                        + ", expected [" + vocabSize + ", " + embeddingSize + "]");
            }
            graph.getLayer(EMBEDDING).setParam(DefaultParamInitializer.WEIGHT_KEY, w);
        });
        return graph;
    }

    /**
     * How many tokens of a review the data pipeline keeps for a model of these settings: max-length, or
     * ngram-max-length where it is set (then the n-gram side reads that many and the LSTM side max-length
     * of them). A {@link ConfigException} where ngram-max-length cannot apply.
     */
    public static int tokensRead(ExperimentConfig config) {
        int maxLength = config.get(Settings.MAX_LENGTH);
        int ngramMaxLength = config.get(Settings.NGRAM_MAX_LENGTH);
        if (ngramMaxLength == 0) {
            return maxLength;
        }
        Architecture architecture = config.get(Settings.ARCHITECTURE);
        if (!architecture.ngrams()) {
            throw new ConfigException(Settings.NGRAM_MAX_LENGTH.key() + " " + ngramMaxLength + " needs an architecture with an "
                    + "n-gram branch (ngrams, hybrid, hybrid-heads), not " + architecture.key());
        }
        if (ngramMaxLength < maxLength) {
            throw new ConfigException(Settings.NGRAM_MAX_LENGTH.key() + " " + ngramMaxLength + " is shorter than "
                    + Settings.MAX_LENGTH.key() + " " + maxLength + " (0: the same)");
        }
        if (config.get(Settings.PADDING) != Padding.MASKED) {
            throw new ConfigException(Settings.NGRAM_MAX_LENGTH.key() + " needs " + Settings.PADDING.key() + " "
                    + Padding.MASKED.key() + " (the LSTM side finds each review's steps by the mask)");
        }
        return ngramMaxLength;
    }

    /**
     * The labels mask row of a review a teacher labelled, one value per column of {@link #LOGITS} (1: that
     * side's logit learns from it), or empty where every side learns from every review (teacher-branches
     * all, or no teacher: then there is nothing to mask, as v5's untaught first generation has). A
     * {@link ConfigException} where a teacher's reviews are to train one side of a model without sides.
     */
    public static Optional<float[]> taughtLogitsMask(ExperimentConfig config) {
        TeacherBranches branches = config.get(Settings.TEACHER_BRANCHES);
        if (branches == TeacherBranches.ALL || config.get(Settings.TEACHER).isEmpty()) {
            return Optional.empty();
        }
        if (config.get(Settings.ARCHITECTURE) != Architecture.HYBRID_HEADS) {
            throw new ConfigException(Settings.TEACHER_BRANCHES.key() + " " + branches.key() + " needs architecture "
                    + Architecture.HYBRID_HEADS.key() + " (a logit for each side), not " + config.get(Settings.ARCHITECTURE).key());
        }
        return Optional.of(new float[] {1f, 0f}); // the columns of LOGITS: lstm-logit, ngram-logit
    }

    /** A branch's logit: one linear unit over {@code inputs} features, with the output layer's dropout. */
    private static DenseLayer logit(int inputs, double dropout) {
        return withDropout(new DenseLayer.Builder().activation(Activation.IDENTITY), dropout).nIn(inputs).nOut(1).build();
    }

    /** {@code dropout} (the probability of dropping an input; 0: none) on the layer's input. */
    private static <B extends org.deeplearning4j.nn.conf.layers.FeedForwardLayer.Builder<B>> B withDropout(B layer, double dropout) {
        if (dropout > 0) {
            layer.dropOut(1 - dropout); // DL4J takes the probability of keeping an input
        }
        return layer;
    }

    /**
     * Adam at {@code rate}, constant or decaying as the learning-rate-schedule setting says, over
     * {@code epochs} epochs of {@code batchesPerEpoch} minibatches.
     */
    private static Adam adam(ExperimentConfig config, double rate, int batchesPerEpoch) {
        return switch (config.get(Settings.LEARNING_RATE_SCHEDULE)) {
            case CONSTANT -> new Adam(rate);
            case LINEAR_DECAY -> {
                if (batchesPerEpoch < 1) {
                    throw new IllegalArgumentException("learning-rate-schedule "
                            + LearningRateSchedule.LINEAR_DECAY.key() + " needs the number of minibatches per epoch");
                }
                yield new Adam(new LinearDecay(rate, Math.multiplyExact(batchesPerEpoch, config.get(Settings.EPOCHS))));
            }
        };
    }

    /**
     * [batch, 2H, T]: forward and backward directions concatenated; the mask of "tokens" reaches both
     * (DL4J reverses each sequence with it) and the pooling layers.
     */
    private static void addPooledBidirectional(ComputationGraphConfiguration.GraphBuilder layers, ExperimentConfig config) {
        Layer lstm = lstmLayer(config);
        // With the fast LSTM, its two directions compute at the same time (FastBidirectional); DL4J's LSTM
        // keeps DL4J's Bidirectional, which runs them one after the other.
        Bidirectional bidirectional = lstm instanceof FastLstm
                ? new FastBidirectional(Bidirectional.Mode.CONCAT, lstm)
                : new Bidirectional(Bidirectional.Mode.CONCAT, lstm);
        layers.addLayer(LSTM_LAYER, bidirectional, EMBEDDING)
                .addLayer(MAX_POOL, new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), LSTM_LAYER)
                .addLayer(MEAN_POOL, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), LSTM_LAYER)
                .addVertex(POOL, new MergeVertex(), MAX_POOL, MEAN_POOL);
    }

    /**
     * The recurrent layer; both implementations have the same parameters and compute the same function.
     * With embedding-dropout, the layer drops its input, the word vectors, during training (DL4J's
     * dropout acts on a layer's input; in a bidirectional layer each direction draws its own mask).
     */
    private static Layer lstmLayer(ExperimentConfig config) {
        int in = config.get(Settings.EMBEDDING_SIZE);
        int hidden = config.get(Settings.HIDDEN_SIZE);
        Layer layer = switch (config.get(Settings.LSTM)) {
            case FAST -> new FastLstm(in, hidden);
            case DL4J -> new LSTM.Builder()
                    .nIn(in)
                    .nOut(hidden)
                    .activation(Activation.TANH)
                    .build();
        };
        double embeddingDropout = config.get(Settings.EMBEDDING_DROPOUT);
        if (embeddingDropout > 0) {
            layer.setIDropout(new Dropout(1 - embeddingDropout)); // DL4J takes the probability of keeping
        }
        return layer;
    }

    /**
     * The one place where the three versions' word representations differ. Pretrained vectors are
     * written after {@code init()} rather than through {@code weightInit(INDArray)}: a graph built
     * that way comes back from save/restore with a scrambled embedding matrix.
     */
    private static Layer embeddingLayer(ExperimentConfig config, int vocabSize, boolean hasPretrained) {
        EmbeddingMode mode = config.get(Settings.EMBEDDING);
        if (hasPretrained != mode.pretrained()) {
            throw new IllegalArgumentException("embedding " + mode.key()
                    + (hasPretrained ? " takes no pretrained vectors" : " needs pretrained vectors"));
        }
        EmbeddingSequenceLayer.Builder embedding = new EmbeddingSequenceLayer.Builder()
                .nIn(vocabSize)
                .nOut(config.get(Settings.EMBEDDING_SIZE));
        if (mode == EmbeddingMode.SCRATCH) {
            // Word vectors drawn from N(0, 1), as PyTorch's nn.Embedding does.
            embedding.weightInit(new NormalDistribution(0, 1));
        } // else overwritten with the pretrained vectors after init()
        EmbeddingSequenceLayer layer = embedding.build();
        // With the fast LSTM, the embedding's passes are the project's too (FastEmbeddingSequence: DL4J's
        // numbers in one pass each way); with DL4J's LSTM, the graph stays all DL4J's, the reference.
        Layer chosen = config.get(Settings.LSTM) == LstmImplementation.FAST ? FastEmbeddingSequence.of(layer) : layer;
        // Frozen: never updated, and FrozenLayer keeps no updater state for its 2.5 M weights.
        return mode == EmbeddingMode.GLOVE_FROZEN ? new FrozenLayer(chosen) : chosen;
    }
}
