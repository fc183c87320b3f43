package org.imdbsentiment.model.pipeline;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.data.BatchOrder;
import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.Padding;
import org.imdbsentiment.data.Progress;
import org.imdbsentiment.data.Review;
import org.imdbsentiment.data.ReviewDataSetIterator;
import org.imdbsentiment.data.Sentiment;
import org.imdbsentiment.data.TextEncoder;
import org.imdbsentiment.data.Tokenizer;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.data.WordTokenizer;
import org.imdbsentiment.model.Evaluator;
import org.imdbsentiment.model.ScoredReview;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.config.Settings;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * The one path from text to prediction, in the spirit of DJL's {@code Translator}: tokenizer ->
 * truncation to max-length -> vocabulary -> masked (or, for the naive ablation, padded) minibatches
 * whose rows carry their review ids -> graph -> P(positive). Training batches, evaluation,
 * {@code predict} and the server all go through it, so a text gets the same probability everywhere.
 *
 * @param encoder   tokenizer, vocabulary and max-length
 * @param padding   how batches are padded
 * @param batchSize rows per minibatch
 * @param seed      the seed of the evaluation batches' length bucketing
 */
public record SentimentPipeline(TextEncoder encoder, Padding padding, int batchSize, long seed) {

    public SentimentPipeline {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(padding, "padding");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
    }

    /** The pipeline a run's settings describe, with the project's tokenizer. */
    public static SentimentPipeline of(ExperimentConfig config, Vocabulary vocabulary) {
        return of(config, new WordTokenizer(), vocabulary);
    }

    public static SentimentPipeline of(ExperimentConfig config, Tokenizer tokenizer, Vocabulary vocabulary) {
        return new SentimentPipeline(new TextEncoder(tokenizer, vocabulary, SentimentGraph.tokensRead(config),
                config.get(Settings.TRUNCATION)),
                config.get(Settings.PADDING), config.get(Settings.BATCH_SIZE), config.get(Settings.SEED));
    }

    public Vocabulary vocabulary() {
        return encoder.vocabulary();
    }

    public int maxLength() {
        return encoder.maxLength();
    }

    /** Labelled reviews, encoded (in parallel, order kept). */
    public List<EncodedReview> encodeAll(List<Review> reviews) {
        return encoder.encodeAll(reviews);
    }

    /** Training batches: each pass ordered for the epoch {@code epoch} names when it starts. */
    public ReviewDataSetIterator trainingBatches(List<EncodedReview> reviews, BatchOrder order, IntSupplier epoch) {
        return ReviewDataSetIterator.forTraining(reviews, batchSize, order, seed, epoch)
                .withPadding(padding, maxLength());
    }

    /** Evaluation batches: the same length-bucketed order on every pass. */
    public ReviewDataSetIterator evaluationBatches(List<EncodedReview> reviews) {
        return evaluationBatches(reviews, batchSize);
    }

    /** Evaluation batches of another size (one review at a time, for latency). */
    public ReviewDataSetIterator evaluationBatches(List<EncodedReview> reviews, int size) {
        return ReviewDataSetIterator.forEvaluation(reviews, size, seed).withPadding(padding, maxLength());
    }

    /**
     * The largest minibatch a training pass over {@code reviews} can hold: its {@code batchSize} longest
     * reviews (all of them where there are fewer) as one batch, padded as training pads. What
     * {@code TrainingWorkspaces.presize} sizes DL4J's workspaces with.
     */
    public DataSet largestBatch(List<EncodedReview> reviews) {
        if (reviews.isEmpty()) {
            throw new IllegalArgumentException("no reviews to make a batch of");
        }
        List<EncodedReview> longest = reviews.stream()
                .sorted(java.util.Comparator.comparingInt((EncodedReview r) -> r.tokens().length).reversed())
                .limit(batchSize).toList();
        return ReviewDataSetIterator.inOrder(longest, batchSize).withPadding(padding, maxLength()).next();
    }

    /** P(positive) of every review of one pass (at most {@code maxBatches} batches; 0: all), with its true label. */
    public List<ScoredReview> score(ComputationGraph graph, ReviewDataSetIterator batches, int maxBatches, Progress progress) {
        return Evaluator.score(graph, batches, maxBatches, progress);
    }

    /**
     * One prediction per text, in the order given. The texts are scored in order of length, so that a
     * batch holds texts of similar length and little padding is computed (with masks, a text's
     * probability does not depend on its batch). A blank text is an {@link IllegalArgumentException}.
     */
    public List<Prediction> predict(ComputationGraph graph, List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no text to score");
        }
        List<EncodedReview> encoded = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = Objects.requireNonNull(texts.get(i), "text");
            if (text.isBlank()) {
                throw new IllegalArgumentException("text " + (i + 1) + " is empty");
            }
            encoded.add(encoder.encode(Integer.toString(i), text, null));
        }
        Prediction[] out = new Prediction[texts.size()];
        List<EncodedReview> byLength = encoded.stream()
                .sorted(java.util.Comparator.comparingInt((EncodedReview r) -> r.tokens().length)).toList();
        ReviewDataSetIterator batches = ReviewDataSetIterator.inOrder(byLength, batchSize).withPadding(padding, maxLength());
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            float[] p = Evaluator.predict(graph, ds.getFeatures(), ds.getFeaturesMaskArray());
            List<String> ids = ReviewDataSetIterator.ids(ds);
            for (int row = 0; row < p.length; row++) {
                EncodedReview r = encoded.get(Integer.parseInt(ids.get(row)));
                out[Integer.parseInt(r.id())] = new Prediction(p[row], Sentiment.ofProbability(p[row]),
                        r.originalLength(), r.truncated());
            }
        }
        return List.of(out);
    }

    /**
     * Explains each text's prediction by occlusion: the text and every variant with one of its
     * tokens replaced by UNK are scored as one set of batches, and each token's contribution is the
     * change in P(positive). Tokens already UNK contribute 0 without being scored again.
     */
    public List<Explanation> explain(ComputationGraph graph, List<String> texts) {
        List<Prediction> base = predict(graph, texts);
        List<EncodedReview> variants = new ArrayList<>();
        List<List<String>> tokensOf = new ArrayList<>();
        for (int t = 0; t < texts.size(); t++) {
            List<String> tokens = encoder.keptTokens(texts.get(t));
            tokensOf.add(tokens);
            int[] ids = encoder.encode(texts.get(t));
            for (int i = 0; i < tokens.size(); i++) {
                if (ids[i] != Vocabulary.UNK) {
                    int[] occluded = ids.clone();
                    occluded[i] = Vocabulary.UNK;
                    variants.add(new EncodedReview(t + ":" + i, occluded, null));
                }
            }
        }
        java.util.Map<String, Double> scored = new java.util.HashMap<>();
        if (!variants.isEmpty()) {
            ReviewDataSetIterator batches = ReviewDataSetIterator.forEvaluation(variants, batchSize, seed)
                    .withPadding(padding, maxLength());
            while (batches.hasNext()) {
                DataSet ds = batches.next();
                float[] p = Evaluator.predict(graph, ds.getFeatures(), ds.getFeaturesMaskArray());
                List<String> ids = ReviewDataSetIterator.ids(ds);
                for (int row = 0; row < p.length; row++) {
                    scored.put(ids.get(row), (double) p[row]);
                }
            }
        }
        List<Explanation> out = new ArrayList<>(texts.size());
        for (int t = 0; t < texts.size(); t++) {
            double p = base.get(t).probabilityPositive();
            List<Explanation.TokenContribution> contributions = new ArrayList<>();
            List<String> tokens = tokensOf.get(t);
            for (int i = 0; i < tokens.size(); i++) {
                Double without = scored.get(t + ":" + i);
                contributions.add(new Explanation.TokenContribution(tokens.get(i), i, without == null ? 0 : p - without));
            }
            contributions.sort(java.util.Comparator.comparingDouble(
                    (Explanation.TokenContribution c) -> -Math.abs(c.contribution())).thenComparingInt(c -> c.position()));
            out.add(new Explanation(base.get(t), List.copyOf(contributions)));
        }
        return out;
    }
}
