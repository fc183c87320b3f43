package org.imdbsentiment.app.training;

import org.imdbsentiment.data.ReviewDataSetIterator;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Set;

/**
 * teacher-branches lstm: gives each training batch that holds reviews a teacher labelled a labels mask
 * {@code [batch, K]}, one value per logit of a hybrid-heads model: {@code row} for those reviews (0 where a
 * side must not learn from them), ones for the labelled reviews. A batch of labelled reviews only keeps no
 * mask. Reviews are known by their ids ({@link ReviewDataSetIterator#ids}).
 */
public final class TaughtLogitsMask implements DataSetPreProcessor {
    private final Set<String> taught;
    private final float[] row;

    public TaughtLogitsMask(Set<String> taughtIds, float[] row) {
        this.taught = Set.copyOf(taughtIds);
        this.row = row.clone();
    }

    @Override
    public void preProcess(DataSet batch) {
        List<String> ids = ReviewDataSetIterator.ids((org.nd4j.linalg.dataset.DataSet) batch);
        if (ids.stream().noneMatch(taught::contains)) {
            return;
        }
        float[][] mask = new float[ids.size()][];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = taught.contains(ids.get(i)) ? row.clone() : ones(row.length);
        }
        batch.setLabelsMaskArray(Nd4j.createFromArray(mask).castTo(batch.getLabels().dataType()));
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }
}
