package org.imdbsentiment.model.config;

import org.imdbsentiment.data.BatchOrder;
import org.imdbsentiment.data.Padding;
import org.imdbsentiment.data.Truncation;
import org.imdbsentiment.model.Architecture;
import org.imdbsentiment.model.EmbeddingMode;
import org.imdbsentiment.model.LearningRateSchedule;
import org.imdbsentiment.model.LstmImplementation;
import org.imdbsentiment.model.ngram.NgramWeighting;
import org.imdbsentiment.model.TeacherBranches;
import org.imdbsentiment.model.TeacherTargets;
import org.imdbsentiment.model.ParallelMode;
import org.imdbsentiment.model.config.Setting.Group;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting of the project, in the order help and documents list them: the one place where a
 * setting's key, type, default, range and meaning live. To add one, add its entry here (and to
 * {@link #ALL}) and read it where it is used with {@code config.get(Settings.NAME)}.
 */
public final class Settings {
    private Settings() {
    }

    public static final Setting<String> VERSION = Setting.text("version", Group.EXPERIMENT, "v1",
            "a version's name (below)", "experiment version: a file of settings that differ from these defaults");

    // ---- data ----
    public static final Setting<Integer> MAX_LENGTH = Setting.integer("max-length", Group.DATA, 256, 1, 4096,
            "reviews are truncated to this many tokens");
    public static final Setting<Integer> NGRAM_MAX_LENGTH = Setting.integer("ngram-max-length", Group.DATA, 0, 0, 16384,
            "tokens of a review the n-gram branch reads (architectures hybrid, hybrid-heads), kept as truncation says; "
                    + "the LSTM side still reads max-length of them (the same ones as without this setting); 0: max-length");
    public static final Setting<Integer> VOCAB_SIZE = Setting.integer("vocab-size", Group.DATA, 25_000, 1, 1_000_000,
            "most frequent training tokens kept (PAD and UNK come on top)");
    public static final Setting<Integer> VALIDATION_SIZE = Setting.integer("validation-size", Group.DATA, 5_000, 0, 24_999,
            "training reviews held out for validation (stratified; IMDB's training split has 25,000); 0: a final "
                    + "fit, training on all of them for exactly `epochs` epochs (a count an earlier run chose on "
                    + "validation) and keeping the last epoch's model");
    public static final Setting<Padding> PADDING = Setting.choice("padding", Group.DATA, Padding.MASKED,
            List.of(Padding.values()), Padding::key,
            "masked (each batch trimmed, padding masked) or naive (padded to max-length, no mask)");
    public static final Setting<Truncation> TRUNCATION = Setting.choice("truncation", Group.DATA, Truncation.HEAD,
            List.of(Truncation.values()), Truncation::key,
            "which tokens of a longer review are kept: head (the first max-length) or head-tail (the first quarter "
                    + "of max-length and the rest from the end)");

    // ---- model ----
    public static final Setting<EmbeddingMode> EMBEDDING = Setting.choice("embedding", Group.MODEL, EmbeddingMode.SCRATCH,
            List.of(EmbeddingMode.values()), EmbeddingMode::key, "word vectors: scratch, glove-trainable or glove-frozen");
    public static final Setting<Integer> EMBEDDING_SIZE = Setting.integer("embedding-size", Group.MODEL, 100, 1, 1024,
            "word vector size");
    public static final Setting<Integer> HIDDEN_SIZE = Setting.integer("hidden-size", Group.MODEL, 256, 1, 4096,
            "LSTM units (in each direction for bilstm-pool and hybrid)");
    public static final Setting<Architecture> ARCHITECTURE = Setting.choice("architecture", Group.MODEL,
            Architecture.LAST_STEP, List.of(Architecture.values()), Architecture::key,
            "last-step (an LSTM read at each review's last real step), bilstm-pool (a bidirectional LSTM, "
                    + "max and mean pooled over the real steps), ngrams (a bag of unigrams and hashed bigrams alone) "
                    + "hybrid (bilstm-pool and the bag of n-grams side by side, merged before one output) or hybrid-heads "
                    + "(the same two sides, each with its own logit and loss; P(positive) from the mean of the logits)");
    public static final Setting<Integer> NGRAM_BUCKETS = Setting.integer("ngram-buckets", Group.MODEL, 1 << 20, 1, 1 << 24,
            "rows shared by the hashed bigrams and trigrams of the n-gram branch (architectures ngrams, hybrid, hybrid-heads)");
    public static final Setting<Integer> NGRAM_ORDER = Setting.integer("ngram-order", Group.MODEL, 2, 1, 3,
            "longest n-grams of the n-gram branch (architectures ngrams, hybrid, hybrid-heads): 1 unigrams, 2 and hashed "
                    + "bigrams, 3 and hashed trigrams (sharing the bigrams' rows)");
    public static final Setting<Integer> NGRAM_SIZE = Setting.integer("ngram-size", Group.MODEL, 16, 1, 1024,
            "vector size of the n-gram branch (architectures ngrams, hybrid, hybrid-heads)");
    public static final Setting<NgramWeighting> NGRAM_WEIGHTING = Setting.choice("ngram-weighting", Group.MODEL,
            NgramWeighting.MEAN, List.of(NgramWeighting.values()), NgramWeighting::key,
            "how the n-gram branch combines its n-grams' vectors: mean (fastText: over every occurrence) or nb "
                    + "(NBSVM: each distinct n-gram once, scaled by its Naive Bayes log-count ratio in the labelled "
                    + "training reviews, summed)");
    public static final Setting<LstmImplementation> LSTM = Setting.choice("lstm", Group.MODEL, LstmImplementation.FAST,
            LstmImplementation.DL4J, List.of(LstmImplementation.values()), LstmImplementation::key,
            "LSTM implementation: fast (this project's, same results) or dl4j (DL4J's own layer)");
    public static final Setting<Double> DROPOUT = Setting.decimal("dropout", Group.MODEL, 0.0, 0, false, 1,
            "probability of dropping each input of the output layer during training (0: none)");
    public static final Setting<Double> EMBEDDING_DROPOUT = Setting.decimal("embedding-dropout", Group.MODEL, 0.0, 0, false,
            1, "probability of dropping each value of the word vectors the LSTM reads, during training (0: none)");

    // ---- training ----
    public static final Setting<Integer> BATCH_SIZE = Setting.integer("batch-size", Group.TRAINING, 64, 1, 1024,
            "reviews per minibatch");
    public static final Setting<Double> LEARNING_RATE = Setting.decimal("learning-rate", Group.TRAINING, 0.001, 0, true, 1,
            "Adam learning rate");
    public static final Setting<Double> NGRAM_LEARNING_RATE = Setting.decimal("ngram-learning-rate", Group.TRAINING, 0.0, 0,
            false, 1, "Adam learning rate of the n-gram branch's table (architectures ngrams, hybrid, hybrid-heads; 0: learning-rate)");
    public static final Setting<LearningRateSchedule> LEARNING_RATE_SCHEDULE = Setting.choice("learning-rate-schedule",
            Group.TRAINING, LearningRateSchedule.CONSTANT, List.of(LearningRateSchedule.values()), LearningRateSchedule::key,
            "constant, or linear-decay: both Adam rates fall linearly, minibatch by minibatch, to 0 at the end of "
                    + "`epochs` epochs (continued by --resume; with workers 1)");
    public static final Setting<Double> WEIGHT_DECAY = Setting.decimal("weight-decay", Group.TRAINING, 0.0, 0, false, 1,
            "L2 penalty on the weights, added to the loss's gradient as in PyTorch's Adam(weight_decay) (0: none)");
    public static final Setting<Double> GRADIENT_CLIP = Setting.decimal("gradient-clip", Group.TRAINING, 0.0, 0, false, 1000,
            "clip each layer's gradient to this L2 norm (0: no clipping)");
    public static final Setting<Double> WEIGHT_AVERAGE_DECAY = Setting.decimal("weight-average-decay", Group.TRAINING, 0.0,
            0, false, 1, "keep an exponential moving average of the weights, updated after every minibatch with this "
                    + "decay (bias-corrected; 0.998: half the weight on the last 346 minibatches), and validate, keep and "
                    + "test the average instead of the trained weights (continued by --resume; with workers 1; 0: none)");
    public static final Setting<Optional<Path>> TEACHER = Setting.optionalPath("teacher", Group.TRAINING,
            "self-training: a trained model (a model.zip bundle or a run directory) labels the unlabelled reviews "
                    + "(see unsup), and they join the training reviews with its labels for every epoch; the teacher must "
                    + "not have trained on this run's validation reviews (empty: none)");
    public static final Setting<TeacherTargets> TEACHER_TARGETS = Setting.choice("teacher-targets", Group.TRAINING,
            TeacherTargets.LABELS, List.of(TeacherTargets.values()), TeacherTargets::key,
            "with a teacher, what its reviews are trained towards: labels (1 where its P(positive) > 0.5, else 0) or "
                    + "probabilities (its P(positive) itself, as in knowledge distillation)");
    public static final Setting<TeacherBranches> TEACHER_BRANCHES = Setting.choice("teacher-branches", Group.TRAINING,
            TeacherBranches.ALL, List.of(TeacherBranches.values()), TeacherBranches::key,
            "with a teacher and architecture hybrid-heads, which sides' logits its reviews train: all, or lstm (the "
                    + "n-gram side learns from the labelled training reviews only); without a teacher it changes nothing");
    public static final Setting<Integer> WORKERS = Setting.integer("workers", Group.TRAINING, 1, 1, 256,
            "data-parallel workers of one run (DL4J's ParallelWrapper): each trains a copy of the model on its own "
                    + "minibatches with one thread (on a GPU box, one device each); 1: plain single-thread training");
    public static final Setting<ParallelMode> PARALLEL_MODE = Setting.choice("parallel-mode", Group.TRAINING,
            ParallelMode.AVERAGING, List.of(ParallelMode.values()), ParallelMode::key,
            "with workers > 1: averaging (parameters and Adam state averaged) or shared-gradients (DL4J's "
                    + "threshold-encoded gradient sharing)");
    public static final Setting<Integer> AVERAGING_FREQUENCY = Setting.integer("averaging-frequency", Group.TRAINING, 1, 1, 1000,
            "with workers > 1 and parallel-mode averaging: minibatches each worker trains between averagings");
    public static final Setting<Integer> EPOCHS = Setting.integer("epochs", Group.TRAINING, 15, 1, 1000,
            "maximum number of training epochs");
    public static final Setting<Integer> PATIENCE = Setting.integer("patience", Group.TRAINING, 3, 1, 1000,
            "stop after this many epochs without a better validation accuracy");
    public static final Setting<Long> SEED = Setting.longInteger("seed", Group.TRAINING, 42,
            "seed of the split, the shuffles and the weight initialisation");
    public static final Setting<BatchOrder> BATCHING = Setting.choice("batching", Group.TRAINING, BatchOrder.BUCKETED,
            List.of(BatchOrder.BUCKETED, BatchOrder.RANDOM), o -> o.name().toLowerCase(Locale.ROOT),
            "bucketed (similar lengths per batch, fast) or random (the study's setting)");
    public static final Setting<Integer> MAX_BATCHES = Setting.integer("max-batches", Group.TRAINING, 0, 0, Integer.MAX_VALUE,
            "cap on minibatches per pass over each split, for smoke runs (0: no cap)");

    // ---- where and how a run executes ----
    public static final Setting<Optional<Path>> DATA = Setting.optionalPath("data", Group.RUN,
            "IMDB data: an aclImdb/ directory or a .tar.gz (or .tar) archive (empty: cache, else download)");
    public static final Setting<Optional<Path>> GLOVE = Setting.optionalPath("glove", Group.RUN,
            "pretrained vectors for glove-trainable/glove-frozen (v2-v5): a glove.6B.100d.txt file, glove.6B.zip, or vectors in the same text format such as the word2vec command writes (empty: GloVe from the cache, else download)");
    public static final Setting<Optional<Path>> UNSUP = Setting.optionalPath("unsup", Group.RUN,
            "the unlabelled reviews a teacher labels: aclImdb_v1-unsup.tar.gz, or an archive or aclImdb/ directory "
                    + "holding train/unsup (empty: those of data)");
    public static final Setting<Optional<Path>> CACHE_DIR = Setting.optionalPath("cache-dir", Group.RUN,
            "download cache (empty: $IMDB_SENTIMENT_CACHE, else $XDG_CACHE_HOME/imdb-sentiment, else ~/.cache/imdb-sentiment)");
    public static final Setting<Path> OUTPUT = Setting.path("output", Group.RUN, "runs",
            "directory under which each run gets its own new sub-directory");
    public static final Setting<Integer> THREADS = Setting.integer("threads", Group.RUN, 1, 1, 256,
            "CPU threads for ND4J; 1 is fastest on 2 cores");
    public static final Setting<Integer> LSTM_THREADS = Setting.integer("lstm-threads", Group.RUN, 0, 0, 256,
            "threads one fast LSTM layer computes on (same results with any count): v4 and v5 compute their two "
                    + "directions at once with 2 or more; v1-v3 split a training minibatch's rows between them; 0: one per core");
    public static final Setting<Boolean> UI = Setting.bool("ui", Group.RUN,
            "show the DL4J training dashboard (http://localhost:9000/train/overview)");
    public static final Setting<Boolean> SKIP_TEST = Setting.bool("skip-test", Group.RUN,
            "do not evaluate the test set at the end (runs that compare settings on validation; the test set is "
                    + "evaluated once per final configuration, later with evaluate --run)");
    public static final Setting<Boolean> UI_KEEP = Setting.bool("ui-keep", Group.RUN,
            "keep the dashboard running after training, until Ctrl-C (implies ui)");

    /** Every setting, in table order. */
    public static final List<Setting<?>> ALL = List.of(VERSION, MAX_LENGTH, NGRAM_MAX_LENGTH, VOCAB_SIZE, VALIDATION_SIZE, PADDING, TRUNCATION,
            EMBEDDING, EMBEDDING_SIZE, HIDDEN_SIZE, ARCHITECTURE, NGRAM_BUCKETS, NGRAM_ORDER, NGRAM_SIZE, NGRAM_WEIGHTING, LSTM, DROPOUT, EMBEDDING_DROPOUT, BATCH_SIZE, LEARNING_RATE, NGRAM_LEARNING_RATE, LEARNING_RATE_SCHEDULE,
            WEIGHT_DECAY,
            GRADIENT_CLIP, WEIGHT_AVERAGE_DECAY, TEACHER, TEACHER_TARGETS, TEACHER_BRANCHES, WORKERS, PARALLEL_MODE, AVERAGING_FREQUENCY, EPOCHS,
            PATIENCE, SEED, BATCHING, MAX_BATCHES, DATA, GLOVE, UNSUP, CACHE_DIR, OUTPUT, THREADS, LSTM_THREADS, SKIP_TEST, UI, UI_KEEP);

    /** The setting called {@code key}, if any. */
    public static Optional<Setting<?>> byKey(String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** The setting called {@code key}; an unknown key is a {@link ConfigException} naming the valid ones. */
    public static Setting<?> require(String key) {
        return byKey(key).orElseThrow(() -> new ConfigException("unknown setting '" + key + "' (valid: "
                + String.join(", ", ALL.stream().map(Setting::key).toList()) + ")"));
    }

    /** The settings as a Markdown table: key, default, valid values, changes results, meaning. */
    public static String markdownTable() {
        StringBuilder md = new StringBuilder("| setting | default | valid values | changes results | meaning |\n")
                .append("|---|---|---|---|---|\n");
        for (Setting<?> s : ALL) {
            String def = s.formattedDefault();
            md.append("| `").append(s.key()).append("` | ").append(def.isEmpty() ? "(none)" : "`" + def + "`")
                    .append(" | ").append(s.range()).append(" | ")
                    .append(s.group().changesResults() ? "yes (" + s.group().key() + ")" : "no")
                    .append(" | ").append(s.description().replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }
}
