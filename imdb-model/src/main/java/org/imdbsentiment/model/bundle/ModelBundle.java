package org.imdbsentiment.model.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.imdbsentiment.data.AtomicFiles;
import org.imdbsentiment.data.Messages;
import org.imdbsentiment.data.Tokenizer;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.data.WordTokenizer;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.TestMetrics;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.config.Settings;
import org.imdbsentiment.model.FastLayers;
import org.imdbsentiment.model.ngram.NgramBag;
import org.imdbsentiment.model.pipeline.SentimentPipeline;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A trained model that works alone: one zip holding the graph, the vocabulary, the tokenizer's name
 * and rules version, the resolved settings, {@link Provenance} and the test metrics. The zip is a
 * DL4J model file ({@code ModelSerializer} reads its graph as it is) with two more top-level entries,
 * {@value #MANIFEST} and {@value #VOCABULARY}.
 *
 * <p>{@link #read} refuses, with a one-line {@link BundleException}, a file that is not such a
 * bundle, a tokenizer this code does not have (name or rules version), and a vocabulary or settings
 * that do not fit the graph's shapes.
 */
public record ModelBundle(ComputationGraph graph, Vocabulary vocabulary, String tokenizer, int tokenizerRules,
                          ExperimentConfig config, Provenance provenance, TestMetrics testMetrics) {
    /** The manifest: format, tokenizer, settings, provenance, test metrics. */
    public static final String MANIFEST = "imdb-sentiment-bundle.json";
    /** The vocabulary, one token per line, the line number (from 0) being the index. */
    public static final String VOCABULARY = "imdb-sentiment-vocab.txt";
    /** The bundle format this code writes and reads. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ModelBundle {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(provenance, "provenance");
    }

    /** What {@value #MANIFEST} holds. */
    record Manifest(int format, String tokenizer, int tokenizerRules, Map<String, String> settings,
                    Provenance provenance, TestMetrics testMetrics) {
    }

    /** The model's id: its run's name. */
    public String id() {
        return provenance.run();
    }

    /** The text pipeline the model was trained with. */
    public SentimentPipeline pipeline() {
        return SentimentPipeline.of(config, tokenizerOf(tokenizer, tokenizerRules), vocabulary);
    }

    /** Writes the bundle to {@code file} atomically (a reader sees the old file or the whole new one). */
    public void write(Path file) throws IOException {
        byte[] manifest = JSON.writeValueAsBytes(new Manifest(FORMAT, tokenizer, tokenizerRules, config.toSettings(),
                provenance, testMetrics));
        byte[] vocab = (String.join("\n", vocabulary.tokens()) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, tmp -> {
            ModelSerializer.writeModel(graph, tmp.toFile(), false);
            try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + tmp.toUri()), Map.of())) {
                // Top-level entries only: DL4J's ModelSerializer refuses a zip with directory entries.
                Files.write(zip.getPath(MANIFEST), manifest);
                Files.write(zip.getPath(VOCABULARY), vocab);
            }
        });
    }

    /** Whether {@code file} is a zip holding a bundle's manifest (false for a plain DL4J model file). */
    public static boolean isBundle(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(MANIFEST) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The settings a bundle was trained with, read from its manifest alone (the graph is not loaded). */
    public static ExperimentConfig readConfig(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BundleException("model bundle not found: " + file);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry m = zip.getEntry(MANIFEST);
            if (m == null) {
                throw new BundleException(file + " is not a model bundle of imdb-sentiment (no " + MANIFEST + ")");
            }
            try (InputStream in = zip.getInputStream(m)) {
                return ExperimentConfig.ofRecorded(JSON.readValue(in, Manifest.class).settings());
            }
        } catch (BundleException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BundleException("cannot read model bundle " + file + ": " + Messages.oneLine(e), e);
        }
    }

    /** Reads and checks a bundle. */
    public static ModelBundle read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BundleException("model bundle not found: " + file);
        }
        Manifest manifest;
        Vocabulary vocabulary;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry m = zip.getEntry(MANIFEST);
            ZipEntry v = zip.getEntry(VOCABULARY);
            if (m == null || v == null) {
                throw new BundleException(file + " is not a model bundle of imdb-sentiment (no " + MANIFEST
                        + "); a run directory's model.zip is one, best-model.zip is not (use --run for a run directory)");
            }
            try (InputStream in = zip.getInputStream(m)) {
                manifest = JSON.readValue(in, Manifest.class);
            }
            try (InputStream in = zip.getInputStream(v)) {
                List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
                vocabulary = Vocabulary.of(lines.subList(Math.min(2, lines.size()), lines.size()));
                if (!lines.subList(0, Math.min(2, lines.size())).equals(List.of(Vocabulary.PAD_TOKEN, Vocabulary.UNK_TOKEN))) {
                    throw new BundleException(file + ": its vocabulary does not start with "
                            + Vocabulary.PAD_TOKEN + " and " + Vocabulary.UNK_TOKEN);
                }
            }
        } catch (BundleException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BundleException("cannot read model bundle " + file + ": " + Messages.oneLine(e), e);
        }
        if (manifest.format() > FORMAT) {
            throw new BundleException(file + " has bundle format " + manifest.format() + "; this version of "
                    + "imdb-sentiment reads format " + FORMAT + " (use a newer imdb-sentiment)");
        }
        tokenizerOf(manifest.tokenizer(), manifest.tokenizerRules()); // refuses an unknown one
        ExperimentConfig config;
        try {
            config = ExperimentConfig.ofRecorded(manifest.settings());
        } catch (IllegalArgumentException e) {
            throw new BundleException(file + " has settings this version cannot read: " + e.getMessage(), e);
        }
        ComputationGraph graph;
        try {
            graph = FastLayers.upgrade(ModelSerializer.restoreComputationGraph(file.toFile(), false));
        } catch (IOException | RuntimeException e) {
            throw new BundleException("cannot read the graph of model bundle " + file + ": " + Messages.oneLine(e), e);
        }
        ModelBundle bundle = new ModelBundle(graph, vocabulary, manifest.tokenizer(), manifest.tokenizerRules(), config,
                manifest.provenance(), manifest.testMetrics());
        checkShapes(graph, vocabulary, config, file.toString());
        return bundle;
    }

    /**
     * Refuses a graph that does not fit the vocabulary and settings it comes with: not this
     * project's graph, another vocabulary size, another embedding size.
     */
    public static void checkShapes(ComputationGraph graph, Vocabulary vocabulary, ExperimentConfig config, String where) {
        var vertices = graph.getConfiguration().getVertices();
        boolean recurrent = config.get(Settings.ARCHITECTURE).recurrent();
        String first = recurrent ? SentimentGraph.EMBEDDING : SentimentGraph.NGRAMS;
        if (!(vertices.get(first) instanceof LayerVertex lv)) {
            throw new BundleException("the model of " + where + " has no '" + first
                    + "' layer: not a model of this project");
        }
        var layer = lv.getLayerConf().getLayer();
        if (layer instanceof FrozenLayer frozen) {
            layer = frozen.getLayer();
        }
        if (layer instanceof NgramBag bag) {
            if (bag.getVocabSize() != vocabulary.size()) {
                throw new BundleException("the vocabulary of " + where + " has " + vocabulary.size()
                        + " tokens but the model's n-gram table has " + bag.getVocabSize() + " unigram rows: they do not belong together");
            }
            return;
        }
        FeedForwardLayer embedding = (FeedForwardLayer) layer;
        if (embedding.getNIn() != vocabulary.size()) {
            throw new BundleException("the vocabulary of " + where + " has " + vocabulary.size()
                    + " tokens but the model's embedding has " + embedding.getNIn() + " rows: they do not belong together");
        }
        int size = config.get(Settings.EMBEDDING_SIZE);
        if (embedding.getNOut() != size) {
            throw new BundleException("the settings of " + where + " say embedding-size " + size
                    + " but the model's embedding has " + embedding.getNOut());
        }
    }

    /** The tokenizer a model names, if this code has it with the same rules. */
    public static Tokenizer tokenizerOf(String name, int rules) {
        if (WordTokenizer.NAME.equals(name) && rules == WordTokenizer.RULES_VERSION) {
            return new WordTokenizer();
        }
        throw new BundleException("the model was saved with tokenizer '" + name + "' rules " + rules
                + "; this version of imdb-sentiment has '" + WordTokenizer.NAME + "' rules " + WordTokenizer.RULES_VERSION
                + ": it would read text differently (retrain the model, or use the imdb-sentiment that made it)");
    }
}
