package org.imdbsentiment.app.vectors;

import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.tokenization.tokenizer.TokenPreProcess;
import org.deeplearning4j.text.tokenization.tokenizerfactory.TokenizerFactory;
import org.imdbsentiment.app.runs.FileDigest;
import org.imdbsentiment.data.AtomicFiles;
import org.imdbsentiment.data.Review;
import org.imdbsentiment.data.Tokenizer;
import org.imdbsentiment.data.Vocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Word vectors trained on IMDB's own text with DL4J's {@link Word2Vec} (skip-gram, negative
 * sampling), through the classifier's tokenizer, and written in GloVe's text format
 * ({@code word v1 ... vN}, one word a line, most frequent first), so the GloVe path of v2/v3/v4 reads
 * them as it reads GloVe. Only training text may go in: a review whose id is a test review's
 * ({@code test/...}) is refused.
 */
public final class WordVectorTraining {
    private static final Logger log = LoggerFactory.getLogger(WordVectorTraining.class);

    private WordVectorTraining() {
    }

    /**
     * @param dimension vector size
     * @param epochs    passes over the corpus
     * @param minCount  words seen fewer times get no vector
     * @param window    context words on each side
     * @param seed      seed of the initialisation and sampling (one worker, so a seed gives one result)
     */
    public record Options(int dimension, int epochs, int minCount, int window, long seed) {
    }

    /** What was trained and written. */
    public record Result(Path file, String sha256, int words, int dimension, long trainingTexts, long unlabelledTexts) {
    }

    /** Refuses test text: word vectors for a classifier must never have read its test set. */
    public static void refuseTestText(List<Review> reviews) {
        for (Review r : reviews) {
            if (r.id().startsWith("test/")) {
                throw new IllegalArgumentException("word vectors must not be trained on test text, but " + r.id()
                        + " is a test review");
            }
        }
    }

    public static Result train(List<Review> training, List<String> unlabelled, Tokenizer tokenizer, Options o, Path output,
                               org.imdbsentiment.data.Progress.Factory progress) throws IOException {
        refuseTestText(training);
        List<String> texts = new ArrayList<>(training.size() + unlabelled.size());
        training.forEach(r -> texts.add(r.text()));
        texts.addAll(unlabelled);
        log.info("Training {}-dimensional word vectors on {} training and {} unlabelled reviews, {} epochs",
                o.dimension(), training.size(), unlabelled.size(), o.epochs());
        Word2Vec w2v = new Word2Vec.Builder()
                .layerSize(o.dimension())
                .windowSize(o.window())
                .minWordFrequency(o.minCount())
                .epochs(o.epochs())
                .iterations(1)
                .seed(o.seed())
                .workers(1)
                .negativeSample(5)
                .useHierarchicSoftmax(false)
                .iterate(new ShownSentences(texts, progress))
                .tokenizerFactory(factory(tokenizer))
                .build();
        w2v.fit();
        List<String> words = new ArrayList<>(w2v.getVocab().words());
        // Most frequent first, as GloVe files are (ties by word, so the order is fixed).
        words.sort(java.util.Comparator.comparingDouble((String w) -> -w2v.getVocab().wordFrequency(w))
                .thenComparing(java.util.Comparator.naturalOrder()));
        AtomicFiles.write(output, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (String word : words) {
                    if (word.isEmpty() || word.chars().anyMatch(Character::isWhitespace)) {
                        continue;
                    }
                    w.write(word);
                    for (double v : w2v.getWordVector(word)) {
                        w.write(' ');
                        w.write(String.format(Locale.ROOT, "%.6g", v));
                    }
                    w.write('\n');
                }
            }
        });
        return new Result(output, FileDigest.sha256(output), words.size(), o.dimension(), training.size(), unlabelled.size());
    }

    /** The corpus, one review a sentence, each pass over it shown as progress. */
    private static final class ShownSentences implements org.deeplearning4j.text.sentenceiterator.SentenceIterator {
        private final List<String> texts;
        private final org.imdbsentiment.data.Progress.Factory progress;
        private org.imdbsentiment.data.Progress shown = org.imdbsentiment.data.Progress.NONE;
        private org.deeplearning4j.text.sentenceiterator.SentencePreProcessor pre;
        private int next;
        private int pass;

        ShownSentences(List<String> texts, org.imdbsentiment.data.Progress.Factory progress) {
            this.texts = texts;
            this.progress = progress;
        }

        @Override
        public String nextSentence() {
            if (next == 0) {
                shown = progress.start("word2vec pass " + (++pass), texts.size(), "reviews");
            }
            String s = texts.get(next++);
            shown.advance(1);
            if (next == texts.size()) {
                shown.close();
            }
            return pre == null ? s : pre.preProcess(s);
        }

        @Override
        public boolean hasNext() {
            return next < texts.size();
        }

        @Override
        public void reset() {
            next = 0;
        }

        @Override
        public void finish() {
            shown.close();
        }

        @Override
        public org.deeplearning4j.text.sentenceiterator.SentencePreProcessor getPreProcessor() {
            return pre;
        }

        @Override
        public void setPreProcessor(org.deeplearning4j.text.sentenceiterator.SentencePreProcessor preProcessor) {
            this.pre = preProcessor;
        }
    }

    /** What share of a classifier's vocabulary the vectors cover. */
    public static Map<String, Object> coverage(Vocabulary vocabulary, java.util.Set<String> words) {
        long matched = vocabulary.tokens().stream().skip(2).filter(words::contains).count();
        return Map.of("vocabulary_size", vocabulary.size(), "matched", matched,
                "matched_percent", 100.0 * matched / vocabulary.size());
    }

    /** The project's tokenizer as DL4J's tokenizer factory. */
    static TokenizerFactory factory(Tokenizer tokenizer) {
        return new TokenizerFactory() {
            private TokenPreProcess pre;

            @Override
            public org.deeplearning4j.text.tokenization.tokenizer.Tokenizer create(String text) {
                List<String> tokens = tokenizer.tokenize(text);
                return new org.deeplearning4j.text.tokenization.tokenizer.Tokenizer() {
                    private int next;

                    @Override
                    public boolean hasMoreTokens() {
                        return next < tokens.size();
                    }

                    @Override
                    public int countTokens() {
                        return tokens.size();
                    }

                    @Override
                    public String nextToken() {
                        return tokens.get(next++);
                    }

                    @Override
                    public List<String> getTokens() {
                        return tokens;
                    }

                    @Override
                    public void setTokenPreProcessor(TokenPreProcess tokenPreProcessor) {
                        // the project's tokenizer is complete: no pre-processing
                    }
                };
            }

            @Override
            public org.deeplearning4j.text.tokenization.tokenizer.Tokenizer create(InputStream in) {
                try {
                    return create(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void setTokenPreProcessor(TokenPreProcess preProcess) {
                this.pre = preProcess;
            }

            @Override
            public TokenPreProcess getTokenPreProcessor() {
                return pre;
            }
        };
    }
}
