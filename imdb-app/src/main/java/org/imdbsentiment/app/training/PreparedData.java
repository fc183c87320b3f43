package org.imdbsentiment.app.training;

import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.ImdbCorpus;
import org.imdbsentiment.data.ImdbData;
import org.imdbsentiment.data.Progress;
import org.imdbsentiment.data.TrainValidationSplit;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.data.WordTokenizer;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.config.Settings;
import org.imdbsentiment.model.pipeline.SentimentPipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IMDB corpus as a run sees it: read, split into train and validation with the seed, the
 * vocabulary counted on the training split only, and all three splits encoded through the run's
 * {@link SentimentPipeline}. Training runs and the benchmark prepare their data through this one path.
 */
public record PreparedData(ImdbCorpus corpus, TrainValidationSplit split, Map<String, Long> trainingCounts,
                           SentimentPipeline pipeline, List<EncodedReview> train, List<EncodedReview> validation,
                           List<EncodedReview> test) {

    /** The data at {@code data} (an archive or an aclImdb/ directory, already located). */
    public static PreparedData load(ExperimentConfig config, Path data, Progress.Factory progress) throws IOException {
        ImdbCorpus corpus = ImdbData.load(Optional.of(data), config.cacheDir(), progress);
        TrainValidationSplit split = TrainValidationSplit.of(corpus.train(), config.get(Settings.VALIDATION_SIZE),
                config.get(Settings.SEED));
        WordTokenizer tokenizer = new WordTokenizer();
        Map<String, Long> trainingCounts = Vocabulary.countTokens(
                split.train().parallelStream().map(r -> tokenizer.tokenize(r.text())).toList());
        Vocabulary vocabulary = Vocabulary.fromCounts(trainingCounts, config.get(Settings.VOCAB_SIZE));
        SentimentPipeline pipeline = SentimentPipeline.of(config, tokenizer, vocabulary);
        return new PreparedData(corpus, split, trainingCounts, pipeline, pipeline.encodeAll(split.train()),
                pipeline.encodeAll(split.validation()), pipeline.encodeAll(corpus.test()));
    }

    /**
     * The same data with {@code more} training reviews after the labelled ones (self-training's pseudo-labelled
     * reviews); the vocabulary stays the one counted on the labelled training split.
     */
    public PreparedData withMoreTraining(List<EncodedReview> more) {
        List<EncodedReview> all = new java.util.ArrayList<>(train.size() + more.size());
        all.addAll(train);
        all.addAll(more);
        return new PreparedData(corpus, split, trainingCounts, pipeline, List.copyOf(all), validation, test);
    }

    public Vocabulary vocabulary() {
        return pipeline.vocabulary();
    }
}
