package org.imdbsentiment.model.ngram;

/**
 * Where a bigram's vector lives in the n-gram table: rows {@code 0 .. vocabSize-1} hold the unigrams
 * (the word ids themselves), rows {@code vocabSize .. vocabSize+buckets-1} the hashed bigrams. The
 * hash depends only on the two word ids, through fixed 64-bit mixing (SplitMix64's finaliser), so a
 * bigram lands in the same bucket in every run, on every JVM and in every saved model.
 *
 * @param vocabSize the vocabulary's size, PAD and UNK included
 * @param buckets   how many rows the bigrams share
 */
public record BigramHash(int vocabSize, int buckets) {

    public BigramHash {
        if (vocabSize < 1 || buckets < 1) {
            throw new IllegalArgumentException("vocabSize and buckets must be >= 1, were " + vocabSize + ", " + buckets);
        }
        if ((long) vocabSize + buckets > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("vocabSize + buckets must fit an int");
        }
    }

    /** Rows of the whole table: unigrams, then bigram buckets. */
    public int rows() {
        return vocabSize + buckets;
    }

    /** The row of the bigram (previous word, word). */
    public int row(int previous, int word) {
        long z = ((long) previous << 32) ^ (word & 0xffffffffL);
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return vocabSize + (int) Math.floorMod(z, (long) buckets);
    }
}
