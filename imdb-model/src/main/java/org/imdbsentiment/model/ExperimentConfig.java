package org.imdbsentiment.model;

import org.imdbsentiment.data.BatchOrder;
import org.imdbsentiment.data.Padding;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A fully resolved experiment: what data, which model, how it is trained. Built from string
 * settings ({@link ConfigKey}); every value is checked here, once, and a bad one is a
 * {@link ConfigException} naming the valid range.
 */
public record ExperimentConfig(String version, Data data, Model model, Training training) {

    /** Where the reviews come from and how they are prepared. */
    public record Data(Optional<Path> source, Optional<Path> glove, Path cacheDir, Path output, int maxLength,
                       int vocabSize, int validationSize, Padding padding) {
        public Data {
            Objects.requireNonNull(padding, "padding");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(glove, "glove");
            positive(ConfigKey.MAX_LENGTH, maxLength);
            positive(ConfigKey.VOCAB_SIZE, vocabSize);
            positive(ConfigKey.VALIDATION_SIZE, validationSize);
        }
    }

    /** The network's shape. */
    public record Model(EmbeddingMode embedding, int embeddingSize, int hiddenSize, LstmImplementation lstm) {
        public Model {
            Objects.requireNonNull(embedding, "embedding");
            Objects.requireNonNull(lstm, "lstm");
            positive(ConfigKey.EMBEDDING_SIZE, embeddingSize);
            positive(ConfigKey.HIDDEN_SIZE, hiddenSize);
        }

        /** With the default, fast LSTM implementation. */
        public Model(EmbeddingMode embedding, int embeddingSize, int hiddenSize) {
            this(embedding, embeddingSize, hiddenSize, LstmImplementation.FAST);
        }
    }

    /** The optimisation. */
    public record Training(int batchSize, double learningRate, int epochs, int patience, long seed,
                           BatchOrder batching, int maxBatches, int threads) {
        public Training {
            positive(ConfigKey.BATCH_SIZE, batchSize);
            if (!(learningRate > 0 && learningRate < 1)) {
                throw new ConfigException("learning-rate must be in (0, 1), was " + learningRate);
            }
            positive(ConfigKey.EPOCHS, epochs);
            positive(ConfigKey.PATIENCE, patience);
            if (maxBatches < 0) {
                throw new ConfigException("max-batches must be >= 0 (0: no cap), was " + maxBatches);
            }
            if (threads < 1 || threads > 256) {
                throw new ConfigException("threads must be between 1 and 256, was " + threads);
            }
        }
    }

    /**
     * Resolves settings given as strings. Keys not given take their {@link ConfigKey} default.
     *
     * @throws ConfigException for an unknown key or a bad value
     */
    public static ExperimentConfig of(Map<String, String> settings) {
        Map<ConfigKey, String> v = new EnumMap<>(ConfigKey.class);
        for (ConfigKey k : ConfigKey.values()) {
            v.put(k, k.defaultValue());
        }
        settings.forEach((key, value) -> v.put(ConfigKey.of(key).orElseThrow(() -> new ConfigException(
                "unknown setting '" + key + "' (valid: " + ConfigKey.names() + ")")), value.trim()));

        String cache = v.get(ConfigKey.CACHE_DIR);
        Data data = new Data(optionalPath(v.get(ConfigKey.DATA)), optionalPath(v.get(ConfigKey.GLOVE)),
                cache.isEmpty() ? defaultCacheDir() : Path.of(cache),
                Path.of(nonEmpty(ConfigKey.OUTPUT, v.get(ConfigKey.OUTPUT))),
                integer(ConfigKey.MAX_LENGTH, v), integer(ConfigKey.VOCAB_SIZE, v),
                integer(ConfigKey.VALIDATION_SIZE, v), padding(v.get(ConfigKey.PADDING)));
        Model model;
        try {
            model = new Model(EmbeddingMode.ofKey(v.get(ConfigKey.EMBEDDING)),
                    integer(ConfigKey.EMBEDDING_SIZE, v), integer(ConfigKey.HIDDEN_SIZE, v),
                    LstmImplementation.ofKey(v.get(ConfigKey.LSTM)));
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        Training training = new Training(integer(ConfigKey.BATCH_SIZE, v), decimal(ConfigKey.LEARNING_RATE, v),
                integer(ConfigKey.EPOCHS, v), integer(ConfigKey.PATIENCE, v), longValue(ConfigKey.SEED, v),
                batching(v.get(ConfigKey.BATCHING)), integer(ConfigKey.MAX_BATCHES, v), integer(ConfigKey.THREADS, v));
        return new ExperimentConfig(nonEmpty(ConfigKey.VERSION, v.get(ConfigKey.VERSION)), data, model, training);
    }

    /** Every setting, resolved, by key: what a run directory records. Reading it back gives an equal config. */
    public Map<String, String> toSettings() {
        Map<String, String> m = new TreeMap<>();
        m.put(ConfigKey.VERSION.key(), version);
        m.put(ConfigKey.DATA.key(), data.source.map(Path::toString).orElse(""));
        m.put(ConfigKey.GLOVE.key(), data.glove.map(Path::toString).orElse(""));
        m.put(ConfigKey.CACHE_DIR.key(), data.cacheDir.toString());
        m.put(ConfigKey.OUTPUT.key(), data.output.toString());
        m.put(ConfigKey.MAX_LENGTH.key(), Integer.toString(data.maxLength));
        m.put(ConfigKey.VOCAB_SIZE.key(), Integer.toString(data.vocabSize));
        m.put(ConfigKey.VALIDATION_SIZE.key(), Integer.toString(data.validationSize));
        m.put(ConfigKey.PADDING.key(), data.padding.key());
        m.put(ConfigKey.EMBEDDING.key(), model.embedding.key());
        m.put(ConfigKey.EMBEDDING_SIZE.key(), Integer.toString(model.embeddingSize));
        m.put(ConfigKey.HIDDEN_SIZE.key(), Integer.toString(model.hiddenSize));
        m.put(ConfigKey.LSTM.key(), model.lstm.key());
        m.put(ConfigKey.BATCH_SIZE.key(), Integer.toString(training.batchSize));
        m.put(ConfigKey.LEARNING_RATE.key(), Double.toString(training.learningRate));
        m.put(ConfigKey.EPOCHS.key(), Integer.toString(training.epochs));
        m.put(ConfigKey.PATIENCE.key(), Integer.toString(training.patience));
        m.put(ConfigKey.SEED.key(), Long.toString(training.seed));
        m.put(ConfigKey.BATCHING.key(), training.batching.name().toLowerCase(Locale.ROOT));
        m.put(ConfigKey.MAX_BATCHES.key(), Integer.toString(training.maxBatches));
        m.put(ConfigKey.THREADS.key(), Integer.toString(training.threads));
        return m;
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.putAll(toSettings());
        return p;
    }

    /** {@code $IMDB_SENTIMENT_CACHE}, else {@code $XDG_CACHE_HOME/imdb-sentiment}, else {@code ~/.cache/imdb-sentiment}. */
    public static Path defaultCacheDir() {
        String env = System.getenv("IMDB_SENTIMENT_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("imdb-sentiment");
    }

    private static Optional<Path> optionalPath(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(Path.of(s));
    }

    private static Padding padding(String s) {
        return switch (s) {
            case "masked" -> Padding.MASKED;
            case "naive" -> Padding.NAIVE;
            default -> throw new ConfigException("padding must be masked or naive, was '" + s + "'");
        };
    }

    private static BatchOrder batching(String s) {
        return switch (s) {
            case "bucketed" -> BatchOrder.BUCKETED;
            case "random" -> BatchOrder.RANDOM;
            default -> throw new ConfigException("batching must be bucketed or random, was '" + s + "'");
        };
    }

    private static String nonEmpty(ConfigKey k, String s) {
        if (s.isEmpty()) {
            throw new ConfigException(k.key() + " must not be empty");
        }
        return s;
    }

    private static int integer(ConfigKey k, Map<ConfigKey, String> v) {
        try {
            return Integer.parseInt(v.get(k));
        } catch (NumberFormatException e) {
            throw new ConfigException(k.key() + " must be a whole number, was '" + v.get(k) + "'");
        }
    }

    private static long longValue(ConfigKey k, Map<ConfigKey, String> v) {
        try {
            return Long.parseLong(v.get(k));
        } catch (NumberFormatException e) {
            throw new ConfigException(k.key() + " must be a whole number, was '" + v.get(k) + "'");
        }
    }

    private static double decimal(ConfigKey k, Map<ConfigKey, String> v) {
        try {
            return Double.parseDouble(v.get(k));
        } catch (NumberFormatException e) {
            throw new ConfigException(k.key() + " must be a number, was '" + v.get(k) + "'");
        }
    }

    private static void positive(ConfigKey k, int value) {
        if (value < 1) {
            throw new ConfigException(k.key() + " must be >= 1, was " + value);
        }
    }
}
