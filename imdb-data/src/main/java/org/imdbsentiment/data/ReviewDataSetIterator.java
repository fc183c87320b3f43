package org.imdbsentiment.data;

import org.datavec.api.records.reader.SequenceRecordReader;
import org.datavec.api.records.reader.impl.collection.CollectionSequenceRecordReader;
import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.Writable;
import org.deeplearning4j.datasets.datavec.SequenceRecordReaderDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.IntSupplier;

/**
 * Encoded reviews as masked sequence minibatches, built by DataVec: every review is a sequence record
 * whose steps are {@code [tokenIndex, label]}; DataVec's {@link SequenceRecordReaderDataSetIterator}
 * pads each minibatch to its own longest review and writes the mask (DL4J's counterpart of
 * PyTorch's packed sequences). Each {@link DataSet} then holds:
 * <ul>
 *   <li>features {@code [batch, 1, T]}: token indices, PAD (0) after a review's end;</li>
 *   <li>features mask {@code [batch, T]}: 1 on a review's real steps, 0 on padding;</li>
 *   <li>labels {@code [batch, 1]}: 0 negative, 1 positive, or a review's target probability where it has one (one label per review, no labels mask);</li>
 * </ul>
 * where {@code T} is the longest review of that batch (at most the encoder's maximum length).
 *
 * and the batch's review ids as its example metadata ({@link #ids(DataSet)}), so a review's id travels
 * with its row even when DL4J reads batches ahead on another thread ({@code AsyncDataSetIterator}).
 *
 * <p>{@link #reset()} starts a new pass. A training iterator ({@link #forTraining}) orders each pass
 * from {@link BatchOrder}, the seed and the epoch its epoch source names at that moment (not from a
 * count of resets, which DL4J's wrappers make in their own numbers); an evaluation iterator
 * ({@link #forEvaluation}) reads the same length-bucketed order on every pass, so that little
 * padding is computed and a capped pass still sees both labels; {@link #inOrder} keeps the given order.
 */
public final class ReviewDataSetIterator implements DataSetIterator {
    private static final int TOKEN_COLUMN = 0;
    private static final int LABEL_COLUMN = 1;

    private final List<EncodedReview> reviews;
    private final List<List<List<Writable>>> records;
    private final int[] lengths;
    private final int batchSize;
    private final BatchOrder order;
    private final long seed;
    private final IntSupplier epochSource;
    private final int naiveLength;

    private int epoch = -1;
    private int[] epochOrder;
    private int cursor;
    private SequenceRecordReaderDataSetIterator delegate;
    private DataSetPreProcessor preProcessor;

    /**
     * Batches for training: each {@link #reset()} orders the reviews for the epoch (from 0) that
     * {@code epoch} gives then, e.g. the number of epochs completed so far.
     */
    public static ReviewDataSetIterator forTraining(List<EncodedReview> reviews, int batchSize, BatchOrder order, long seed,
                                                    IntSupplier epoch) {
        return new ReviewDataSetIterator(reviews, batchSize, order, seed, epoch, 0);
    }

    /** Batches for evaluation: the same length-bucketed order on every pass. */
    public static ReviewDataSetIterator forEvaluation(List<EncodedReview> reviews, int batchSize, long seed) {
        return new ReviewDataSetIterator(reviews, batchSize, BatchOrder.BUCKETED, seed, () -> 0, 0);
    }

    /** Batches in the given order, on every pass (prediction). */
    public static ReviewDataSetIterator inOrder(List<EncodedReview> reviews, int batchSize) {
        return new ReviewDataSetIterator(reviews, batchSize, BatchOrder.SEQUENTIAL, 0, () -> 0, 0);
    }

    /**
     * The same batches made the {@link Padding#NAIVE naive} way: every review padded with PAD to
     * {@code length} steps, no mask.
     */
    public ReviewDataSetIterator withNaivePadding(int length) {
        return new ReviewDataSetIterator(reviews, batchSize, order, seed, epochSource, length);
    }

    /** Batches padded as {@code padding} says; {@code length} is the fixed length of naive padding. */
    public ReviewDataSetIterator withPadding(Padding padding, int length) {
        return switch (padding) {
            case MASKED -> this;
            case NAIVE -> withNaivePadding(length);
        };
    }

    private ReviewDataSetIterator(List<EncodedReview> reviews, int batchSize, BatchOrder order, long seed,
                                  IntSupplier epochSource, int naiveLength) {
        if (reviews.isEmpty()) {
            throw new IllegalArgumentException("no reviews to iterate");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        this.reviews = List.copyOf(reviews);
        this.batchSize = batchSize;
        this.order = order;
        this.seed = seed;
        this.epochSource = epochSource;
        this.naiveLength = naiveLength;
        this.lengths = reviews.stream().mapToInt(EncodedReview::length).toArray();
        this.records = new ArrayList<>(reviews.size());
        for (EncodedReview r : reviews) {
            if (naiveLength > 0 && r.length() > naiveLength) {
                throw new IllegalArgumentException("review " + r.id() + " is longer than the padded length " + naiveLength);
            }
            records.add(toSequenceRecord(r, naiveLength));
        }
        reset();
    }

    /**
     * One DataVec sequence record: a step {@code [tokenIndex, label]} per token, then PAD steps up to
     * {@code paddedLength} (0: none).
     */
    static List<List<Writable>> toSequenceRecord(EncodedReview review, int paddedLength) {
        // Unlabelled text (prediction) reads as label 0; nothing uses the label of such a batch. A review with a
        // target (a teacher's probability) is fitted to that instead.
        Writable label = review.target() != null ? new DoubleWritable(review.target())
                : new IntWritable(review.label() == null ? 0 : review.label().value());
        List<List<Writable>> steps = new ArrayList<>(Math.max(review.length(), paddedLength));
        for (int token : review.tokens()) {
            steps.add(List.of(new IntWritable(token), label));
        }
        Writable pad = new IntWritable(Vocabulary.PAD);
        while (steps.size() < paddedLength) {
            steps.add(List.of(pad, label));
        }
        return steps;
    }

    @Override
    public void reset() {
        int wanted = epochSource.getAsInt();
        if (wanted < 0) {
            throw new IllegalStateException("epoch must be >= 0, was " + wanted);
        }
        if (epochOrder == null || wanted != epoch) {
            epoch = wanted;
            epochOrder = BatchPlanner.order(lengths, batchSize, order, seed, epoch);
        }
        List<List<List<Writable>>> ordered = new ArrayList<>(epochOrder.length);
        for (int i : epochOrder) {
            ordered.add(records.get(i));
        }
        SequenceRecordReader reader = new CollectionSequenceRecordReader(ordered);
        delegate = new SequenceRecordReaderDataSetIterator(reader, batchSize, 1, LABEL_COLUMN, true);
        cursor = 0;
    }

    @Override
    public boolean hasNext() {
        return cursor < epochOrder.length;
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        DataSet raw = delegate.next();
        List<Serializable> ids = new ArrayList<>(raw.numExamples());
        for (int i = cursor; i < cursor + raw.numExamples(); i++) {
            ids.add(reviews.get(epochOrder[i]).id());
        }
        cursor += raw.numExamples();
        DataSet ds = oneLabelPerReview(raw);
        ds.setExampleMetaData(ids);
        if (naiveLength > 0) {
            ds.setFeaturesMaskArray(null);
        }
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    /**
     * DataVec gives a label at every step ({@code [batch, 1, T]}); a review has one, read at its
     * first step, which is real for every review.
     */
    private static DataSet oneLabelPerReview(DataSet raw) {
        INDArray labels = raw.getLabels().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0)).dup();
        INDArray mask = raw.getFeaturesMaskArray();
        if (mask == null) {
            // Every review of this batch has the same length: DataVec writes no mask. Make it explicit.
            INDArray f = raw.getFeatures();
            mask = f.like().reshape(f.size(0), f.size(2)).assign(1);
        }
        return new DataSet(raw.getFeatures(), labels, mask, null);
    }

    /** The ids of a batch's reviews, in row order: its example metadata, set by {@link #next()}. */
    public static List<String> ids(DataSet batch) {
        List<Serializable> meta = batch.getExampleMetaData();
        if (meta == null || meta.size() != batch.numExamples()) {
            throw new IllegalArgumentException("the batch carries no review ids (not made by ReviewDataSetIterator)");
        }
        return meta.stream().map(String.class::cast).toList();
    }

    /** The epoch that the current pass belongs to, from 0. */
    public int epoch() {
        return epoch;
    }

    /** How many batches one pass yields. */
    public int batchesPerEpoch() {
        return (reviews.size() + batchSize - 1) / batchSize;
    }

    public int numExamples() {
        return reviews.size();
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("batches have a fixed size: use next()");
    }

    @Override
    public int inputColumns() {
        return 1;
    }

    @Override
    public int totalOutcomes() {
        return 1;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return List.of("positive");
    }
}
