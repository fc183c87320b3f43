package org.imdbsentiment.model.pipeline;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.Progress;
import org.imdbsentiment.data.Review;
import org.imdbsentiment.data.Sentiment;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.model.ScoredReview;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.SmallConfig;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentimentPipelineTest {
    private static final Vocabulary VOCAB = Vocabulary.of(List.of("good", "bad", "film", "the", "a", "plot", "!"));
    private static final ExperimentConfig CONFIG = SmallConfig.of("scratch", 6, 8, "fast", 0.01, 3)
            .with(Map.of("max-length", "5", "batch-size", "3"));

    private final SentimentPipeline pipeline = SentimentPipeline.of(CONFIG, VOCAB);
    private final ComputationGraph graph = SentimentGraph.build(CONFIG, VOCAB.size());

    @Test
    void predictGivesOnePredictionPerTextInOrderWithTokensAndTruncation() {
        List<String> texts = List.of("good film!", "the plot the plot the plot", "bad", "a good film", "zzz");
        List<Prediction> p = pipeline.predict(graph, texts);
        assertEquals(5, p.size());
        assertEquals(3, p.get(0).tokens());
        assertFalse(p.get(0).truncated());
        assertEquals(6, p.get(1).tokens());
        assertTrue(p.get(1).truncated());
        for (Prediction one : p) {
            assertEquals(one.probabilityPositive() > 0.5 ? Sentiment.POSITIVE : Sentiment.NEGATIVE, one.label());
        }
        // Each text alone gets the probability it got among the others.
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(p.get(i).probabilityPositive(),
                    pipeline.predict(graph, List.of(texts.get(i))).get(0).probabilityPositive(), 1e-6, texts.get(i));
        }
    }

    @Test
    void predictionAndEvaluationAgreeOnTheSameText() {
        List<Review> reviews = new ArrayList<>();
        String[] texts = {"good film", "bad plot !", "the film the plot", "a bad bad film", "good", "plot"};
        for (int i = 0; i < texts.length; i++) {
            reviews.add(new Review("r" + i, texts[i], i % 2 == 0 ? Sentiment.POSITIVE : Sentiment.NEGATIVE, i % 2 == 0 ? 9 : 2));
        }
        List<EncodedReview> encoded = pipeline.encodeAll(reviews);
        List<ScoredReview> scored = pipeline.score(graph, pipeline.evaluationBatches(encoded), 0, Progress.NONE);
        List<Prediction> predicted = pipeline.predict(graph, List.of(texts));
        for (ScoredReview s : scored) {
            int i = Integer.parseInt(s.id().substring(1));
            assertEquals(reviews.get(i).label(), s.label());
            assertEquals(s.probability(), predicted.get(i).probabilityPositive(), 1e-6, s.id());
        }
        assertEquals(texts.length, scored.size());
    }

    @Test
    void explanationsNameTheTokensTheModelReadsWithHeadTailTruncation() {
        ExperimentConfig headTail = CONFIG.with(Map.of("truncation", "head-tail", "max-length", "4"));
        SentimentPipeline p = SentimentPipeline.of(headTail, VOCAB);
        ComputationGraph g = SentimentGraph.build(headTail, VOCAB.size());
        // 6 tokens, 4 kept: the first one, then the last three
        Explanation e = p.explain(g, List.of("good the a plot bad film")).get(0);
        assertEquals(List.of("good", "plot", "bad", "film"),
                e.tokens().stream().sorted(java.util.Comparator.comparingInt(Explanation.TokenContribution::position))
                        .map(Explanation.TokenContribution::token).toList());
        // and the probability is the one of the kept tokens alone
        assertEquals(p.predict(g, List.of("good plot bad film")).get(0).probabilityPositive(),
                e.prediction().probabilityPositive(), 1e-6);
    }

    @Test
    void aBlankTextIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pipeline.predict(graph, List.of("good", "  ")));
        assertEquals("text 2 is empty", e.getMessage());
    }
}
