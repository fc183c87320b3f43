package org.imdbsentiment.app.training;

import org.imdbsentiment.app.runs.GloveCoverage;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.data.Downloader;
import org.imdbsentiment.data.Progress;
import org.imdbsentiment.data.RemoteFile;
import org.imdbsentiment.data.Vocabulary;
import org.imdbsentiment.glove.GloveReader;
import org.imdbsentiment.glove.GloveResource;
import org.imdbsentiment.glove.GloveVectors;
import org.imdbsentiment.model.EmbeddingCoverage;
import org.imdbsentiment.model.PretrainedEmbedding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GloVe side of a v2/v3 run: finds the vectors (the given {@code .txt} or {@code .zip}, else the
 * verified {@code glove.6B.zip} in the cache, else a verified download), reads only the
 * vocabulary's words, aligns them into an embedding matrix and measures their coverage.
 */
final class GloveEmbedding {
    private static final Logger log = LoggerFactory.getLogger(GloveEmbedding.class);
    static final int TOP_UNMATCHED = 50;
    /** How many of the most frequent vocabulary words are checked for a vector. */
    static final int FREQUENT_WORDS = 20;

    private GloveEmbedding() {
    }

    /** What a run gets: the aligned matrix, the coverage, and the file it came from. */
    record Loaded(PretrainedEmbedding embedding, EmbeddingCoverage coverage, Path source, long linesRead,
                  List<String> missingFrequent) {

        /** The run's glove-coverage.json; {@code sha256} of the source file. */
        GloveCoverage report(String sha256) {
            EmbeddingCoverage c = coverage;
            Map<String, Long> unmatched = new LinkedHashMap<>();
            c.topUnmatched().forEach(e -> unmatched.put(e.getKey(), e.getValue()));
            return new GloveCoverage(source.toString(), sha256, linesRead, c.vocabularySize(), c.matched(),
                    c.matchedPercent(), c.trainingTokens(), c.coveredTokens(), c.tokenPercent(), embedding.initStd(),
                    unmatched, missingFrequent);
        }
    }

    static Loaded load(Optional<Path> given, Path cacheDir, int dimension, Vocabulary vocabulary,
                       Map<String, Long> trainingCounts, long seed, Progress.Factory progress) throws IOException {
        GloveResource resource = GloveResource.forDimension(dimension).orElseThrow(() -> new DataException(
                "no known GloVe resource has " + dimension + " dimensions (known: "
                        + GloveResource.KNOWN.stream().map(r -> r.member()).toList() + "); set embedding-size"));
        Path file = given.isPresent() ? given.get() : new Downloader(cacheDir, progress).fetch(asRemoteFile(resource));
        if (!Files.isRegularFile(file)) {
            throw new DataException("GloVe file not found: " + file
                    + " (give glove.6B.100d.txt or glove.6B.zip with --glove, or leave it empty to download)");
        }
        log.info("Reading GloVe vectors from {}", file);
        GloveVectors vectors = GloveReader.read(file, resource.member(), dimension, vocabulary::contains);
        PretrainedEmbedding embedding = PretrainedEmbedding.align(vocabulary, vectors.vectors(), dimension, seed);
        EmbeddingCoverage coverage = EmbeddingCoverage.of(vocabulary, vectors.vectors().keySet(), trainingCounts, TOP_UNMATCHED);
        log.info("GloVe coverage ({} lines read): {}; other rows drawn from N(0, {})", vectors.linesRead(), coverage,
                String.format("%.4f", embedding.initStd()));
        // The most frequent words (vocabulary order) that the file lacks: any of them missing is suspect.
        // Words with an apostrophe ("it's") are left out: GloVe's tokenizer split them, so no GloVe file has them.
        List<String> missingFrequent = vocabulary.tokens().stream().skip(2).filter(w -> w.indexOf('\'') < 0)
                .limit(FREQUENT_WORDS).filter(w -> !vectors.vectors().containsKey(w)).toList();
        if (!missingFrequent.isEmpty()) {
            log.warn("GloVe file {} has no vector for {} of the {} most frequent training words: {} (a damaged file?)",
                    file, missingFrequent.size(), FREQUENT_WORDS, missingFrequent);
        }
        return new Loaded(embedding, coverage, file, vectors.linesRead(), missingFrequent);
    }

    static RemoteFile asRemoteFile(GloveResource r) {
        return new RemoteFile(r.fileName(), r.uri(), r.size(), r.sha256());
    }
}
