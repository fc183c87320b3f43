package org.imdbsentiment.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every setting of an experiment, with its default and meaning: the one place defaults live. The
 * same kebab-case names are used in version files ({@code versions/v1.properties}), as system
 * properties ({@code -Depochs=3}) and as command-line options ({@code --epochs 3}).
 */
public enum ConfigKey {
    VERSION("version", "v1", "experiment version: a file of settings that differ from these defaults"),
    DATA("data", "", "IMDB data: an aclImdb/ directory or a .tar.gz archive (empty: cache, else download)"),
    CACHE_DIR("cache-dir", "", "download cache (empty: $IMDB_SENTIMENT_CACHE, else ~/.cache/imdb-sentiment)"),
    GLOVE("glove", "", "GloVe vectors for v2/v3: a glove.6B.100d.txt file or glove.6B.zip (empty: cache, else download)"),
    OUTPUT("output", "runs", "directory under which each run gets its own new sub-directory"),
    MAX_LENGTH("max-length", "256", "reviews are truncated to this many tokens"),
    VOCAB_SIZE("vocab-size", "25000", "most frequent training tokens kept (PAD and UNK come on top)"),
    VALIDATION_SIZE("validation-size", "5000", "training reviews held out for validation (stratified)"),
    PADDING("padding", "masked", "masked (each batch trimmed, padding masked) or naive (padded to max-length, no mask)"),
    EMBEDDING("embedding", "scratch", "word vectors: scratch, glove-trainable or glove-frozen"),
    EMBEDDING_SIZE("embedding-size", "100", "word vector size"),
    HIDDEN_SIZE("hidden-size", "256", "LSTM units"),
    LSTM("lstm", "fast", "LSTM implementation: fast (this project's, same results) or dl4j (DL4J's own layer)"),
    BATCH_SIZE("batch-size", "64", "reviews per minibatch"),
    LEARNING_RATE("learning-rate", "0.001", "Adam learning rate"),
    EPOCHS("epochs", "15", "maximum number of training epochs"),
    PATIENCE("patience", "3", "stop after this many epochs without a better validation accuracy"),
    SEED("seed", "42", "seed of the split, the shuffles and the weight initialisation"),
    BATCHING("batching", "bucketed", "bucketed (similar lengths per batch, fast) or random (the study's setting)"),
    MAX_BATCHES("max-batches", "0", "cap on minibatches per pass over each split, for smoke runs (0: no cap)"),
    THREADS("threads", "1", "CPU threads for ND4J; 1 is fastest on 2 cores");

    private final String key;
    private final String defaultValue;
    private final String description;

    ConfigKey(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public static Optional<ConfigKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** The valid names, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(ConfigKey::key).collect(Collectors.joining(", "));
    }
}
