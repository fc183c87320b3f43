package org.imdbsentiment.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Decides, for one epoch, the order in which reviews are read; consecutive runs of
 * {@code batchSize} indices form the minibatches, and a smaller remainder batch, if any, is last.
 * Deterministic for a given seed and epoch.
 */
final class BatchPlanner {
    /** Bucketing sorts by length within pools of this many batches, so batches still vary. */
    static final int BATCHES_PER_POOL = 50;

    private BatchPlanner() {
    }

    static int[] order(int[] lengths, int batchSize, BatchOrder mode, long seed, int epoch) {
        int n = lengths.length;
        List<Integer> idx = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        if (mode == BatchOrder.SEQUENTIAL) {
            return toArray(idx);
        }
        Random random = new Random(seed * 1_000_003L + epoch);
        Collections.shuffle(idx, random);
        if (mode == BatchOrder.RANDOM) {
            return toArray(idx);
        }
        int pool = batchSize * BATCHES_PER_POOL;
        List<List<Integer>> batches = new ArrayList<>();
        for (int from = 0; from < n; from += pool) {
            List<Integer> part = new ArrayList<>(idx.subList(from, Math.min(n, from + pool)));
            part.sort(Comparator.comparingInt(i -> lengths[i]));
            for (int b = 0; b < part.size(); b += batchSize) {
                batches.add(part.subList(b, Math.min(part.size(), b + batchSize)));
            }
        }
        // Full batches in random order; at most one short batch, and it must go last.
        List<List<Integer>> full = new ArrayList<>(batches.stream().filter(b -> b.size() == batchSize).toList());
        List<List<Integer>> shortOnes = batches.stream().filter(b -> b.size() < batchSize).toList();
        Collections.shuffle(full, random);
        List<Integer> out = new ArrayList<>(n);
        full.forEach(out::addAll);
        List<Integer> rest = new ArrayList<>();
        shortOnes.forEach(rest::addAll);
        rest.sort(Comparator.comparingInt(i -> lengths[i]));
        out.addAll(rest);
        return toArray(out);
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
