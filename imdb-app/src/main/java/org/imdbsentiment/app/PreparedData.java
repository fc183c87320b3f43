package org.imdbsentiment.app;

import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.ImdbCorpus;
import org.imdbsentiment.data.ImdbData;
import org.imdbsentiment.data.Progress;
import org.imdbsentiment.data.TextEncoder;
import org.imdbsentiment.data.TrainValidationSplit;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.data.WordTokenizer;
import org.imdbsentiment.model.ExperimentConfig;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The IMDB corpus as a run sees it: read, split into train and validation with the seed, the
 * vocabulary counted on the training split only, and all three splits encoded. Training runs and the
 * benchmark prepare their data through this one path.
 */
record PreparedData(ImdbCorpus corpus, TrainValidationSplit split, Map<String, Long> trainingCounts,
                    Vocabulary vocabulary, List<EncodedReview> train, List<EncodedReview> validation,
                    List<EncodedReview> test) {

    static PreparedData load(ExperimentConfig config, Progress.Factory progress) throws IOException {
        ImdbCorpus corpus = ImdbData.load(config.data().source(), config.data().cacheDir(), progress);
        TrainValidationSplit split = TrainValidationSplit.of(corpus.train(), config.data().validationSize(),
                config.training().seed());
        WordTokenizer tokenizer = new WordTokenizer();
        Map<String, Long> trainingCounts = Vocabulary.countTokens(
                split.train().parallelStream().map(r -> tokenizer.tokenize(r.text())).toList());
        Vocabulary vocabulary = Vocabulary.fromCounts(trainingCounts, config.data().vocabSize());
        TextEncoder encoder = new TextEncoder(tokenizer, vocabulary, config.data().maxLength());
        return new PreparedData(corpus, split, trainingCounts, vocabulary, encoder.encodeAll(split.train()),
                encoder.encodeAll(split.validation()), encoder.encodeAll(corpus.test()));
    }
}
