package org.imdbsentiment.app.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.imdbsentiment.app.cli.Cli;
import org.imdbsentiment.app.cli.CliRunner;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.data.MiniImdb;
import org.imdbsentiment.data.Review;
import org.imdbsentiment.data.Sentiment;
import org.imdbsentiment.glove.GloveReader;
import org.imdbsentiment.glove.GloveVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordVectorTrainingTest {

    @Test
    void vectorsTrainedOnATinyCorpusAreAGloveFileTheGlovePathReads(@TempDir Path tmp) throws IOException {
        Path data = MiniImdb.writeDirectory(tmp.resolve("data"), 40); // includes train/unsup/0_0.txt
        Path out = tmp.resolve("w2v.txt");
        CliRunner cli = new CliRunner();
        Cli.Outcome o = cli.run("word2vec", "--data", data.toString(), "--output", out.toString(), "--dimension", "100",
                "--epochs", "2", "--min-count", "1", "--validation-size", "16");
        assertEquals(0, o.status(), cli.err());

        GloveVectors vectors = GloveReader.read(out, 100, w -> true);
        assertTrue(vectors.contains("wonderful") && vectors.contains("awful"), vectors.vectors().keySet().toString());
        JsonNode report = new ObjectMapper().readTree(tmp.resolve("w2v.txt.json").toFile());
        assertEquals(64, report.get("sha256").asText().length());
        assertEquals(64, report.at("/sources/training_reviews").asInt()); // 80 training reviews less 16 for validation
        assertEquals(1, report.at("/sources/unlabelled_reviews").asInt());
        assertEquals(0, report.at("/sources/validation_and_test_reviews_used").asInt());
        assertTrue(report.at("/coverage_of_the_classifier_vocabulary/matched_percent").asDouble() > 50);

        // The GloVe path of v2 starts from them.
        Path run = CliRunner.trainMini(data, tmp.resolve("runs"), "--version", "v2", "--glove", out.toString(),
                "--embedding-size", "100", "--epochs", "1");
        String coverage = Files.readString(run.resolve(RunDirectory.GLOVE_COVERAGE));
        assertTrue(coverage.contains("\"file\" : \"" + out + "\""), coverage);

        assertEquals(Cli.FAILED, cli.run("word2vec", "--data", data.toString(), "--output", out.toString()).status());
        assertTrue(cli.err().contains("already exists"), cli.err());
    }

    @Test
    void testTextIsRefused() {
        List<Review> reviews = List.of(new Review("train/pos/1_9", "fine", Sentiment.POSITIVE, 9),
                new Review("test/neg/3_2", "bad", Sentiment.NEGATIVE, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WordVectorTraining.refuseTestText(reviews));
        assertTrue(e.getMessage().contains("test/neg/3_2"), e.getMessage());
    }

    @Test
    void unlabelledReviewsAreReadFromAnArchiveInFileNameOrder(@TempDir Path tmp) throws IOException {
        Path archive = MiniImdb.writeArchive(tmp.resolve("a.tar.gz"), java.util.Map.of(
                "aclImdb/train/unsup/10_0.txt", "ten", "aclImdb/train/unsup/1_0.txt", "one",
                "aclImdb/train/pos/1_9.txt", "labelled"));
        assertEquals(List.of("one", "ten"), UnlabelledReviews.read(archive));
    }
}
