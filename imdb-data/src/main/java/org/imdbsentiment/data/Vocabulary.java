package org.imdbsentiment.data;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable token-to-index map. Index {@value #PAD} is padding and index {@value #UNK} stands for
 * every token not in the vocabulary; the corpus tokens follow from index 2, most frequent first,
 * ties broken by the token's natural (UTF-16) order so that the same corpus always gives the same
 * vocabulary.
 *
 * <p>Saved as UTF-8 text, one token per line, the line number (from 0) being the index.
 */
public final class Vocabulary {
    public static final int PAD = 0;
    public static final int UNK = 1;
    public static final String PAD_TOKEN = "<pad>";
    public static final String UNK_TOKEN = "<unk>";

    private final ImmutableList<String> tokens;
    private final ImmutableMap<String, Integer> index;

    private Vocabulary(List<String> tokens) {
        if (tokens.size() < 2 || !PAD_TOKEN.equals(tokens.get(PAD)) || !UNK_TOKEN.equals(tokens.get(UNK))) {
            throw new IllegalArgumentException("a vocabulary starts with " + PAD_TOKEN + " and " + UNK_TOKEN);
        }
        this.tokens = ImmutableList.copyOf(tokens);
        ImmutableMap.Builder<String, Integer> b = ImmutableMap.builderWithExpectedSize(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.isEmpty() || t.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("vocabulary token " + i + " is empty or has whitespace");
            }
            b.put(t, i);
        }
        this.index = b.buildOrThrow();
    }

    /**
     * The {@code maxTokens} most frequent tokens of a corpus, plus PAD and UNK.
     *
     * @param corpus    the tokenized documents (the training split only)
     * @param maxTokens how many corpus tokens to keep (25,000 in the study)
     */
    public static Vocabulary build(Iterable<? extends List<String>> corpus, int maxTokens) {
        return fromCounts(countTokens(corpus), maxTokens);
    }

    /** How often each token occurs in the corpus. */
    public static Map<String, Long> countTokens(Iterable<? extends List<String>> corpus) {
        Map<String, Long> counts = new HashMap<>();
        for (List<String> doc : corpus) {
            for (String t : doc) {
                counts.merge(t, 1L, Long::sum);
            }
        }
        return counts;
    }

    /** The {@code maxTokens} most frequent tokens of {@link #countTokens token counts}, plus PAD and UNK. */
    public static Vocabulary fromCounts(Map<String, Long> counts, int maxTokens) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, was " + maxTokens);
        }
        List<String> top = counts.entrySet().stream()
                .filter(e -> !e.getKey().equals(PAD_TOKEN) && !e.getKey().equals(UNK_TOKEN))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(maxTokens)
                .map(Map.Entry::getKey)
                .toList();
        return new Vocabulary(ImmutableList.<String>builder().add(PAD_TOKEN, UNK_TOKEN).addAll(top).build());
    }

    /** A vocabulary with exactly these corpus tokens, in this order, after PAD and UNK. */
    public static Vocabulary of(List<String> corpusTokens) {
        return new Vocabulary(ImmutableList.<String>builder().add(PAD_TOKEN, UNK_TOKEN).addAll(corpusTokens).build());
    }

    public static Vocabulary load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        try {
            return new Vocabulary(lines);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a vocabulary file: " + file + ": " + e.getMessage(), e);
        }
    }

    /** Saves the vocabulary (atomically: a reader sees the old file or the whole new one). */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (String t : tokens) {
                    w.write(t);
                    w.write('\n');
                }
            }
        });
    }

    /** The index of {@code token}, or {@link #UNK} when it is not in the vocabulary. */
    public int indexOf(String token) {
        Integer i = index.get(token);
        return i == null ? UNK : i;
    }

    public boolean contains(String token) {
        return index.containsKey(token);
    }

    public String token(int i) {
        return tokens.get(i);
    }

    /** PAD and UNK included: 25,002 for the study's 25,000 corpus tokens. */
    public int size() {
        return tokens.size();
    }

    /** All tokens, by index. */
    public List<String> tokens() {
        return tokens;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary(" + size() + " tokens)";
    }
}
