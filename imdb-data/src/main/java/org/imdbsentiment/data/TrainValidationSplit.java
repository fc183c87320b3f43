package org.imdbsentiment.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Splits the official training reviews into training and validation sets, stratified by label and
 * seeded: the same reviews, seed and size always give the same split. Both parts keep the input's
 * order (the split chooses members, the training iterator shuffles). Size 0 holds nothing out (a
 * final fit on every training review).
 */
public record TrainValidationSplit(List<Review> train, List<Review> validation) {

    public static TrainValidationSplit of(List<Review> reviews, int validationSize, long seed) {
        if (validationSize < 0 || validationSize >= reviews.size()) {
            throw new IllegalArgumentException("validation size must be between 0 and "
                    + (reviews.size() - 1) + ", was " + validationSize);
        }
        List<Integer> chosen = new ArrayList<>();
        Random random = new Random(seed);
        int remaining = validationSize;
        Sentiment[] labels = Sentiment.values();
        for (int l = 0; l < labels.length; l++) {
            Sentiment label = labels[l];
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < reviews.size(); i++) {
                if (reviews.get(i).label() == label) {
                    members.add(i);
                }
            }
            // Proportional share; the last label takes what is left so the total is exact.
            int take = l == labels.length - 1 ? remaining
                    : (int) Math.round((double) validationSize * members.size() / reviews.size());
            take = Math.min(take, members.size());
            Collections.shuffle(members, random);
            chosen.addAll(members.subList(0, take));
            remaining -= take;
        }
        boolean[] inValidation = new boolean[reviews.size()];
        chosen.forEach(i -> inValidation[i] = true);
        List<Review> train = new ArrayList<>();
        List<Review> validation = new ArrayList<>();
        for (int i = 0; i < reviews.size(); i++) {
            (inValidation[i] ? validation : train).add(reviews.get(i));
        }
        return new TrainValidationSplit(List.copyOf(train), List.copyOf(validation));
    }
}
