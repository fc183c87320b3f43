package org.imdbsentiment.app.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.Sentiment;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.model.BinaryEvaluation;
import org.imdbsentiment.model.Evaluator;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.pipeline.SentimentPipeline;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationScoreTest {
    @Test
    void withoutValidationEachEpochScoresItsNumberSoTheLastIsBestAndPatienceNeverEnds() {
        ValidationScore fresh = ValidationScore.none(0);
        assertEquals(1, fresh.calculateScore(null));
        assertEquals(2, fresh.calculateScore(null));
        assertTrue(fresh.last().isEmpty());
        assertFalse(fresh.minimizeScore());

        PatienceCondition patience = new PatienceCondition(1, 0, 0, Double.NEGATIVE_INFINITY);
        ValidationScore score = ValidationScore.none(0);
        for (int epoch = 1; epoch <= 5; epoch++) {
            assertFalse(patience.terminate(epoch - 1, score.calculateScore(null), false), "epoch " + epoch);
        }
    }

    @Test
    void aResumedFinalFitCountsOnFromItsCompletedEpochs() {
        // the checkpoint's best score is its last epoch's number: the next epoch must beat it
        assertEquals(4, ValidationScore.none(3).calculateScore(null));
    }

    @Test
    void validationScoresTheGraphItIsGivenToMakeOfTheTrainedOne() {
        ExperimentConfig config = ExperimentConfig.of(Map.of("embedding-size", "4", "hidden-size", "3", "batch-size", "4"));
        Vocabulary vocabulary = Vocabulary.of(List.of("good", "bad", "film"));
        SentimentPipeline pipeline = SentimentPipeline.of(config, vocabulary);
        List<EncodedReview> reviews = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            reviews.add(new EncodedReview("r" + i, new int[] {2 + i % 3, 2 + (i * 7) % 3, 4},
                    i % 2 == 0 ? Sentiment.POSITIVE : Sentiment.NEGATIVE));
        }
        ComputationGraph trained = SentimentGraph.build(config, vocabulary.size());
        ComputationGraph other = SentimentGraph.build(config.with(Map.of("seed", "7")), vocabulary.size());
        ComputationGraph[] given = new ComputationGraph[1];
        ValidationScore score = ValidationScore.on(pipeline.evaluationBatches(reviews), 0, g -> {
            given[0] = g;
            return other;
        });
        double accuracy = score.calculateScore(trained);
        assertSame(trained, given[0]);
        BinaryEvaluation expected = Evaluator.evaluate(other, pipeline.evaluationBatches(reviews), 0);
        assertEquals(expected.accuracy(), accuracy);
        assertEquals(expected.loss(), score.last().orElseThrow().loss());
        assertNotEquals(Evaluator.evaluate(trained, pipeline.evaluationBatches(reviews), 0).loss(), expected.loss());
    }
}
