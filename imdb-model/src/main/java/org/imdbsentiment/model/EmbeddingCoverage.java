package org.imdbsentiment.model;

import org.imdbsentiment.data.Vocabulary;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much of a vocabulary (and of the training text) pretrained vectors cover.
 *
 * @param matched         vocabulary entries that have a pretrained vector
 * @param vocabularySize  all entries, PAD and UNK included (the study: 15,814 of 25,002 = 63.25%)
 * @param trainingTokens  tokens in the training split
 * @param coveredTokens   of those, the ones whose vocabulary entry has a pretrained vector
 * @param topUnmatched    the most frequent vocabulary entries without a vector, with their counts
 */
public record EmbeddingCoverage(int matched, int vocabularySize, long trainingTokens, long coveredTokens,
                                List<Map.Entry<String, Long>> topUnmatched) {

    public double matchedPercent() {
        return 100.0 * matched / vocabularySize;
    }

    public double tokenPercent() {
        return trainingTokens == 0 ? 0 : 100.0 * coveredTokens / trainingTokens;
    }

    public static EmbeddingCoverage of(Vocabulary vocabulary, Set<String> withVector, Map<String, Long> trainingCounts,
                                       int topN) {
        int matched = 0;
        long covered = 0;
        for (int i = 2; i < vocabulary.size(); i++) {
            String token = vocabulary.token(i);
            if (withVector.contains(token)) {
                matched++;
                covered += trainingCounts.getOrDefault(token, 0L);
            }
        }
        long total = trainingCounts.values().stream().mapToLong(Long::longValue).sum();
        List<Map.Entry<String, Long>> unmatched = vocabulary.tokens().subList(2, vocabulary.size()).stream()
                .filter(t -> !withVector.contains(t))
                .map(t -> Map.entry(t, trainingCounts.getOrDefault(t, 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(topN)
                .toList();
        return new EmbeddingCoverage(matched, vocabulary.size(), total, covered, unmatched);
    }

    @Override
    public String toString() {
        return String.format("%d of %d vocabulary entries have a vector (%.2f%%), covering %.2f%% of the training tokens",
                matched, vocabularySize, matchedPercent(), tokenPercent());
    }
}
