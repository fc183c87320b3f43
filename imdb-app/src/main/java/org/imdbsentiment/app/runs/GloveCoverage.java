package org.imdbsentiment.app.runs;

import java.util.Map;

/**
 * A run's {@code glove-coverage.json}: how much of the vocabulary the pretrained vectors matched.
 *
 * @param file                  the vectors' file
 * @param fileSha256            its sha256 (null in runs made before it was recorded)
 * @param linesRead             lines read from it
 * @param vocabularySize        vocabulary entries (PAD and UNK included)
 * @param matched               entries with a vector
 * @param matchedPercent        {@code 100 * matched / vocabularySize}
 * @param trainingTokens        tokens of the training split
 * @param coveredTrainingTokens of them, those whose word has a vector
 * @param tokenPercent          {@code 100 * covered / trainingTokens}
 * @param unmatchedInitStd      standard deviation of the random vectors given to the other words
 * @param mostFrequentUnmatched the most frequent training words without a vector, with their counts
 * @param missingFrequentWords  of the vocabulary's most frequent words, those without a vector: a
 *                              file that lacks one of them (e.g. "the" lost to a byte-order mark) is suspect
 */
public record GloveCoverage(String file, String fileSha256, long linesRead, int vocabularySize, int matched,
                            double matchedPercent, long trainingTokens, long coveredTrainingTokens, double tokenPercent,
                            double unmatchedInitStd, Map<String, Long> mostFrequentUnmatched,
                            java.util.List<String> missingFrequentWords) {
}
