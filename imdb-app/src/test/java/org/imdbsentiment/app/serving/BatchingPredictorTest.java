package org.imdbsentiment.app.serving;

import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.pipeline.SentimentPipeline;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchingPredictorTest {
    private static final Vocabulary VOCAB = Vocabulary.of(List.of("good", "bad", "film"));
    private static final ExperimentConfig CONFIG = ExperimentConfig.defaults().with(Map.of("embedding-size", "4", "hidden-size", "5"));

    @Test
    void aFullQueueRefusesAtOnceAndOneLargeRequestAloneIsTaken() throws Exception {
        List<Integer> batches = new ArrayList<>();
        try (BatchingPredictor p = new BatchingPredictor(SentimentGraph.build(CONFIG, VOCAB.size()),
                SentimentPipeline.of(CONFIG, VOCAB), 64, 1_000, 2, batches::add, 1)) {
            CompletableFuture<BatchingPredictor.Result> big = p.submit(List.of("good", "bad", "film"), false);
            assertThrows(BatchingPredictor.Overloaded.class, () -> p.submit(List.of("film"), false));
            assertEquals(3, big.get().predictions().size());
            assertEquals(0, p.queuedTexts());
            CompletableFuture<BatchingPredictor.Result> a = p.submit(List.of("good"), false);
            CompletableFuture<BatchingPredictor.Result> b = p.submit(List.of("bad"), true);
            assertEquals(1, a.get().predictions().size());
            assertEquals(1, b.get().explanations().size());
            assertEquals(List.of(3, 2), batches);
        }
    }

    @Test
    void severalWorkersEachWithACopyOfTheModelGiveTheSamePredictions() throws Exception {
        var graph = SentimentGraph.build(CONFIG, VOCAB.size());
        var reference = graph.clone();
        SentimentPipeline pipeline = SentimentPipeline.of(CONFIG, VOCAB);
        List<String> texts = List.of("good film", "bad film", "good good bad", "film", "bad", "a good film", "zzz", "good bad film");
        try (BatchingPredictor p = new BatchingPredictor(graph, pipeline, 1, 0, 64, n -> { }, 2)) {
            assertEquals(2, p.workers());
            List<CompletableFuture<BatchingPredictor.Result>> results = new ArrayList<>();
            for (String t : texts) {
                results.add(p.submit(List.of(t), false));
            }
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(pipeline.predict(reference, List.of(texts.get(i))), results.get(i).get().predictions(), texts.get(i));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new BatchingPredictor(graph, pipeline, 1, 0, 64, n -> { }, 0));
    }
}
