package org.imdbsentiment.app;

import org.imdbsentiment.data.BatchOrder;
import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.ReviewDataSetIterator;
import org.imdbsentiment.data.Sentiment;
import org.imdbsentiment.data.TextEncoder;
import org.imdbsentiment.model.Evaluator;
import org.imdbsentiment.model.ScoredReview;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores new text with a trained model, through the same tokenizer, vocabulary, truncation and
 * batching as its evaluation, so a review gets the same probability here as in the run's
 * {@code test-predictions.csv}.
 */
final class Predictor {
    private static final int BATCH = 64;

    private final ModelBundle bundle;
    private final TextEncoder encoder;

    Predictor(ModelBundle bundle) {
        this.bundle = bundle;
        this.encoder = bundle.encoder();
    }

    /** One prediction per text, in order. */
    record Prediction(String text, double probability, Sentiment label) {
    }

    List<Prediction> predict(List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no text to score");
        }
        List<EncodedReview> encoded = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).isBlank()) {
                throw new IllegalArgumentException("review " + (i + 1) + " is empty");
            }
            // The label is a placeholder: the iterator wants one, the prediction ignores it.
            encoded.add(new EncodedReview(Integer.toString(i), encoder.encode(texts.get(i)), Sentiment.NEGATIVE));
        }
        ReviewDataSetIterator batches = ReviewDataSetIterator.forTraining(encoded, BATCH, BatchOrder.SEQUENTIAL, 0)
                .withPadding(bundle.config().data().padding(), bundle.config().data().maxLength());
        List<ScoredReview> scored = Evaluator.score(bundle.graph(), batches, 0);
        List<Prediction> out = new ArrayList<>(texts.size());
        for (ScoredReview s : scored) {
            String text = texts.get(Integer.parseInt(s.id()));
            out.add(new Prediction(text, s.probability(), s.predicted()));
        }
        return out;
    }
}
