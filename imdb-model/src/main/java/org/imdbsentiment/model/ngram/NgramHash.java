package org.imdbsentiment.model.ngram;

/**
 * Where an n-gram's vector lives in the n-gram table: rows {@code 0 .. vocabSize-1} hold the unigrams
 * (the word ids themselves), rows {@code vocabSize .. vocabSize+buckets-1} the hashed bigrams and
 * trigrams, which share the buckets (as fastText's word n-grams do). The hash depends only on the word
 * ids, through fixed 64-bit mixing (SplitMix64's finaliser), so an n-gram lands in the same bucket in
 * every run, on every JVM and in every saved model.
 *
 * @param vocabSize the vocabulary's size, PAD and UNK included
 * @param buckets   how many rows the bigrams and trigrams share
 */
public record NgramHash(int vocabSize, int buckets) {

    public NgramHash {
        if (vocabSize < 1 || buckets < 1) {
            throw new IllegalArgumentException("vocabSize and buckets must be >= 1, were " + vocabSize + ", " + buckets);
        }
        if ((long) vocabSize + buckets > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("vocabSize + buckets must fit an int");
        }
    }

    /** Rows of the whole table: unigrams, then n-gram buckets. */
    public int rows() {
        return vocabSize + buckets;
    }

    /** The row of the bigram (previous word, word). */
    public int row(int previous, int word) {
        return bucket(mix(pair(previous, word)));
    }

    /** The row of the trigram (first, second, third word). */
    public int row(int first, int second, int third) {
        return bucket(mix(mix(pair(first, second)) ^ ((third & 0xffffffffL) * 0xD6E8FEB86659FD93L)));
    }

    private static long pair(int a, int b) {
        return ((long) a << 32) ^ (b & 0xffffffffL);
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private int bucket(long z) {
        return vocabSize + (int) Math.floorMod(z, (long) buckets);
    }
}
