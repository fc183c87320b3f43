package org.imdbsentiment.model.bundle;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.data.WordTokenizer;
import org.imdbsentiment.model.ClassificationReport;
import org.imdbsentiment.model.ScoredReview;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.SmallConfig;
import org.imdbsentiment.model.TestMetrics;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.data.Sentiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelBundleTest {
    private static final Vocabulary VOCAB = Vocabulary.of(List.of("good", "bad", "film", "plot"));
    private static final ExperimentConfig CONFIG = SmallConfig.of("scratch", 5, 7, "fast", 0.01, 9);

    private static ModelBundle bundle() {
        TestMetrics metrics = TestMetrics.of("v1", ClassificationReport.of(List.of(
                new ScoredReview("a", Sentiment.POSITIVE, 0.9), new ScoredReview("b", Sentiment.NEGATIVE, 0.2))),
                3, 0.85, 1.5, true);
        return new ModelBundle(SentimentGraph.build(CONFIG, VOCAB.size()), VOCAB, WordTokenizer.NAME,
                WordTokenizer.RULES_VERSION, CONFIG,
                new Provenance("0.1.0", "abc123", "v1-20261129-120000", "2026-11-29T12:00:00Z", 9, "data.tar.gz",
                        "00ff", null, null), metrics);
    }

    @Test
    void aBundleReadsBackWithItsGraphVocabularySettingsProvenanceAndMetrics(@TempDir Path dir) throws IOException {
        ModelBundle written = bundle();
        Path file = dir.resolve("model.zip");
        written.write(file);
        ModelBundle read = ModelBundle.read(file);
        assertEquals(written.graph().params(), read.graph().params());
        assertEquals(VOCAB, read.vocabulary());
        assertEquals(CONFIG, read.config());
        assertEquals(written.provenance(), read.provenance());
        assertEquals(written.testMetrics(), read.testMetrics());
        assertEquals("v1-20261129-120000", read.id());
        List<String> texts = List.of("good film", "bad plot");
        assertEquals(written.pipeline().predict(written.graph(), texts), read.pipeline().predict(read.graph(), texts));
    }

    @Test
    void aBundleIsAlsoAPlainDl4jModelFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.zip");
        ModelBundle b = bundle();
        b.write(file);
        ComputationGraph plain = ModelSerializer.restoreComputationGraph(file.toFile(), false);
        assertEquals(b.graph().params(), plain.params());
    }

    @Test
    void aPlainModelFileIsRefusedWithAOneLineReason(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("best-model.zip");
        ModelSerializer.writeModel(SentimentGraph.build(CONFIG, VOCAB.size()), file.toFile(), false);
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.read(file));
        assertTrue(e.getMessage().contains("is not a model bundle"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertThrows(BundleException.class, () -> ModelBundle.read(dir.resolve("missing.zip")));
    }

    @Test
    void anotherTokenizerVersionIsRefused(@TempDir Path dir) throws IOException {
        ModelBundle b = bundle();
        ModelBundle other = new ModelBundle(b.graph(), b.vocabulary(), WordTokenizer.NAME, WordTokenizer.RULES_VERSION + 1,
                b.config(), b.provenance(), b.testMetrics());
        Path file = dir.resolve("model.zip");
        other.write(file);
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.read(file));
        assertTrue(e.getMessage().contains("rules " + (WordTokenizer.RULES_VERSION + 1)), e.getMessage());
    }

    @Test
    void aVocabularyThatDoesNotFitTheGraphIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.zip");
        bundle().write(file);
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + file.toUri()), Map.of())) {
            Files.writeString(zip.getPath(ModelBundle.VOCABULARY), "<pad>\n<unk>\ngood\n");
        }
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.read(file));
        assertTrue(e.getMessage().contains("has 3 tokens but the model's embedding has 6 rows"), e.getMessage());
    }

    @Test
    void settingsThatDoNotFitTheGraphAreRefused() {
        ComputationGraph g = SentimentGraph.build(CONFIG, VOCAB.size());
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.checkShapes(g, VOCAB,
                CONFIG.with(Map.of("embedding-size", "9")), "here"));
        assertTrue(e.getMessage().contains("embedding-size 9"), e.getMessage());
    }
}
