package org.imdbsentiment.app.cli;

import org.deeplearning4j.nn.api.Layer;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.ImdbReader;
import org.imdbsentiment.data.MiniImdb;
import org.imdbsentiment.data.Review;
import org.imdbsentiment.data.Sentiment;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.imdbsentiment.model.ngram.NaiveBayesRatios;
import org.imdbsentiment.model.ngram.NgramBag;
import org.imdbsentiment.model.ngram.NgramBagParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ngram-weighting=nb} in a real run: the ratios come from the run's labelled training reviews only. */
class NaiveBayesWeightingTest {
    private final CliRunner cli = new CliRunner();

    @Test
    void aRunCountsTheRatiosOnItsTrainingReviewsAndTheBundleKeepsThem(@TempDir Path tmp) throws IOException {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 40);
        assertEquals(0, cli.run("--data", data.toString(), "--output", tmp.resolve("runs").toString(),
                "--architecture", "hybrid-heads", "--ngram-weighting", "nb", "--ngram-buckets", "64", "--ngram-size", "2",
                "--validation-size", "16", "--batch-size", "8", "--vocab-size", "30", "--embedding-size", "8",
                "--hidden-size", "8", "--epochs", "1", "--skip-test").status(), cli.err());
        Path run = CliTest.onlyRunDirectory(tmp.resolve("runs"));
        ModelBundle bundle = ModelBundle.read(run.resolve(RunDirectory.MODEL_BUNDLE));
        Layer bag = bundle.graph().getLayer(SentimentGraph.NGRAMS);
        NgramBag conf = (NgramBag) bag.conf().getLayer();

        Set<String> validation = Set.copyOf(Files.readAllLines(run.resolve(RunDirectory.VALIDATION_IDS)));
        List<Review> training = ImdbReader.readDirectory(data).train().stream()
                .filter(r -> !validation.contains(r.id())).toList();
        assertEquals(64, training.size());
        List<EncodedReview> encoded = bundle.pipeline().encodeAll(training);
        float[] expected = NaiveBayesRatios.of(encoded.stream()
                .map(r -> new NaiveBayesRatios.Labelled(r.tokens(), r.label() == Sentiment.POSITIVE)).toList(),
                conf.hash(), conf.getOrder());
        assertEquals(Nd4j.createFromArray(expected), bag.getParam(NgramBagParams.RATIOS_KEY).castTo(
                org.nd4j.linalg.api.buffer.DataType.FLOAT).reshape(expected.length));
        assertTrue(bag.getParam(NgramBagParams.RATIOS_KEY).amaxNumber().doubleValue() > 0.1, "set, not the initial ones");
        assertTrue(Files.readString(run.resolve(RunDirectory.CONFIG)).contains("ngram-weighting=nb"), "in the run's settings");
    }

    @Test
    void withNgramMaxLengthTheRatiosCountWholeReviewsWhileTheLstmSideReadsMaxLength(@TempDir Path tmp) throws IOException {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 40);
        assertEquals(0, cli.run("--data", data.toString(), "--output", tmp.resolve("runs").toString(),
                "--architecture", "hybrid-heads", "--ngram-weighting", "nb", "--ngram-buckets", "64", "--ngram-size", "2",
                "--max-length", "3", "--ngram-max-length", "64", "--truncation", "head-tail",
                "--validation-size", "16", "--batch-size", "8", "--vocab-size", "30", "--embedding-size", "8",
                "--hidden-size", "8", "--epochs", "1", "--skip-test").status(), cli.err());
        Path run = CliTest.onlyRunDirectory(tmp.resolve("runs"));
        ModelBundle bundle = ModelBundle.read(run.resolve(RunDirectory.MODEL_BUNDLE));
        assertEquals(64, bundle.pipeline().maxLength(), "the bundle's pipeline keeps ngram-max-length tokens");
        assertTrue(bundle.graph().getConfiguration().getVertices().containsKey(SentimentGraph.LSTM_STEPS));
        Layer bag = bundle.graph().getLayer(SentimentGraph.NGRAMS);
        NgramBag conf = (NgramBag) bag.conf().getLayer();
        Set<String> validation = Set.copyOf(Files.readAllLines(run.resolve(RunDirectory.VALIDATION_IDS)));
        List<EncodedReview> training = bundle.pipeline().encodeAll(ImdbReader.readDirectory(data).train().stream()
                .filter(r -> !validation.contains(r.id())).toList());
        assertTrue(training.stream().anyMatch(r -> r.tokens().length > 3), "some reviews are longer than max-length");
        float[] whole = NaiveBayesRatios.of(training.stream()
                .map(r -> new NaiveBayesRatios.Labelled(r.tokens(), r.label() == Sentiment.POSITIVE)).toList(),
                conf.hash(), conf.getOrder());
        assertEquals(Nd4j.createFromArray(whole), bag.getParam(NgramBagParams.RATIOS_KEY).castTo(
                org.nd4j.linalg.api.buffer.DataType.FLOAT).reshape(whole.length));
        assertTrue(Files.readString(run.resolve(RunDirectory.CONFIG)).contains("ngram-max-length=64"), "in the run's settings");
        assertEquals(0, cli.run("predict", "--run", run.toString(),
                "a long review that goes on and on about the film and its plot and acting").status(), cli.err());
    }
}
