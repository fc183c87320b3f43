package org.imdbsentiment.model.embedding;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.embedding.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

/**
 * The runtime layer of {@link FastEmbeddingSequence}: DL4J's {@link EmbeddingSequenceLayer} with the
 * same parameters, masks, outputs and gradients, computed in one pass each way:
 * <ul>
 *   <li>forward: each step's row of the weights (ND4J's {@code pullRows}, as DL4J's layer) written
 *       time-major ([T, B, E], the layout the LSTM above copies its input into) and handed on as a
 *       [B, E, T] view; only the rows whose mask value is not 1 are multiplied by it (DL4J: a broadcast
 *       multiplication of the whole output);</li>
 *   <li>backward: each real step's incoming gradient (read in whatever layout it comes: the fast LSTM
 *       hands on a time-major view) added to its word's row of a sum kept on the heap, in DL4J's order
 *       (example by example, step by step), so every sum is DL4J's bit for bit; then only the rows of
 *       the words the minibatch holds are written into the zeroed gradient. Padded steps, whose masked
 *       gradient is zero, are skipped. DL4J's layer instead looks every row up again, multiplies by the
 *       mask, copies the gradient twice into other layouts and scatters it: at v1's sizes a seventh of
 *       the training thread's time (JFR), all of it while the LSTM's other threads wait.</li>
 * </ul>
 * Other configurations (an activation other than identity, a bias, NWC output, double precision) and
 * inputs of another shape (ids other than [B, T] or [B, 1, T]) use DL4J's code.
 */
public class FastEmbeddingSequenceLayer extends EmbeddingSequenceLayer {
    private static final String W = DefaultParamInitializer.WEIGHT_KEY;

    /** The word ids of the last fast forward pass, [B][T] row by row; null after DL4J's own pass. */
    private int[] ids;
    private float[] raw = new float[0];
    /** The weight gradient's sums, [V][E], and which rows a pass touched: all zeros / false between passes. */
    private float[] sums = new float[0];
    private boolean[] touched = new boolean[0];
    private int[] words = new int[0];

    public FastEmbeddingSequenceLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Whether this configuration and input are ones the fast path computes exactly like DL4J's layer. */
    boolean fastPathApplies() {
        org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer conf = layerConf();
        return conf.getActivationFn() instanceof ActivationIdentity
                && !conf.hasBias()
                && conf.getOutputFormat() == RNNFormat.NCW
                && dataType == DataType.FLOAT
                && input != null && (input.rank() == 2 || (input.rank() == 3 && input.size(1) == 1))
                && (maskArray == null || (maskArray.rank() == 2 && maskArray.size(0) == input.size(0)
                        && maskArray.size(1) == input.size(input.rank() - 1)));
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!fastPathApplies()) {
            ids = null;
            return super.activate(training, workspaceMgr);
        }
        assertInputSet(false);
        int batch = (int) input.size(0);
        int steps = (int) input.size(input.rank() - 1); // ids [B, T], or [B, 1, T] as the data pipeline makes them
        checkLength(steps);
        ids = wordIds(batch, steps);
        float[] mask = maskValues();
        int width = (int) layerConf().getNOut();
        INDArray weights = getParam(W);
        // Time-major, [T, B, E] in 'c' order (row t·B + b), handed on as a [B, E, T] view of it: the LSTM
        // above copies its input into exactly that layout, so its copy is a straight one. The rows are
        // looked up by ND4J's native pullRows, as in DL4J's layer, in that order.
        int[] order = new int[ids.length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                order[t * batch + b] = ids[b * steps + t];
            }
        }
        INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{(long) steps * batch, width}, 'c');
        Nd4j.pullRows(weights, result, 1, order);
        if (mask != null) {
            // DL4J multiplies every row by its mask value; only rows whose value is not 1 change.
            FloatBuffer rows = result.data().asNioFloat();
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < steps; t++) {
                    float m = mask[b * steps + t];
                    if (m != 1f) {
                        int at = (t * batch + b) * width;
                        for (int e = 0; e < width; e++) {
                            rows.put(at + e, rows.get(at + e) * m);
                        }
                    }
                }
            }
        }
        return result.reshape('c', steps, batch, width).permute(1, 2, 0);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (ids == null || !fastPathApplies()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        int batch = (int) input.size(0);
        int steps = (int) input.size(input.rank() - 1);
        int width = (int) layerConf().getNOut();
        if (epsilon.rank() != 3 || epsilon.size(0) != batch || epsilon.size(1) != width || epsilon.size(2) != steps
                || ids.length != batch * steps) {
            throw new IllegalStateException("gradient " + epsilon.shapeInfoToString() + " does not match the forward pass ["
                    + batch + ", " + width + ", " + steps + "]");
        }
        float[] mask = maskValues();
        int vocabulary = (int) layerConf().getNIn();
        if (sums.length < vocabulary * width) {
            sums = new float[vocabulary * width];
            touched = new boolean[vocabulary];
        }
        // The incoming gradient [B, E, T] as it lies in memory (the fast LSTM hands on a view of its
        // time-major [T, B, E] array: each step's E values together).
        INDArray source = epsilon.castTo(dataType);
        long offset = source.offset();
        long span = 1;
        boolean forward = true;
        for (int k = 0; k < 3; k++) {
            span += (source.size(k) - 1) * source.stride(k);
            forward &= source.stride(k) >= 0;
        }
        if (!forward || offset + span > source.data().length()) {
            source = source.dup('c');
            offset = 0;
            span = source.length();
        }
        if (raw.length < span) {
            raw = new float[(int) span];
        }
        float[] in = raw;
        source.data().asNioFloat().get((int) offset, in, 0, (int) span);
        int s0 = (int) source.stride(0);
        int s1 = (int) source.stride(1);
        int s2 = (int) source.stride(2);
        // Row by row of the weight gradient ([V][E] here): each step's E values added to its word's row,
        // steps in DL4J's order (example by example, step by step), so each sum is DL4J's bit for bit.
        int distinct = 0;
        int[] words = wordList(ids.length);
        INDArray weightGradient = gradientViews.get(W);
        try {
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < steps; t++) {
                    int i = b * steps + t;
                    float m = mask == null ? 1f : mask[i];
                    if (m == 0f) {
                        continue; // a padded step adds only zeros in DL4J's layer
                    }
                    int id = ids[i];
                    if (!touched[id]) {
                        touched[id] = true;
                        words[distinct++] = id;
                    }
                    int to = id * width;
                    int from = b * s0 + t * s2;
                    if (s1 == 1) {
                        for (int e = 0; e < width; e++) {
                            sums[to + e] += in[from + e] * m;
                        }
                    } else {
                        for (int e = 0; e < width; e++) {
                            sums[to + e] += in[from + e * s1] * m;
                        }
                    }
                }
            }
            weightGradient.assign(0);
            FloatBuffer g = weightGradient.data().asNioFloat();
            long gradientOffset = weightGradient.offset();
            long rowStride = weightGradient.stride(0);
            long columnStride = weightGradient.stride(1);
            for (int k = 0; k < distinct; k++) {
                int id = words[k];
                int row = id * width;
                for (int e = 0; e < width; e++) {
                    g.put(Math.toIntExact(gradientOffset + id * rowStride + e * columnStride), sums[row + e]);
                    sums[row + e] = 0f; // all zeros again for the next pass
                }
                touched[id] = false;
            }
        } catch (RuntimeException e) {
            // Leave the sums as every pass expects to find them: all zeros.
            java.util.Arrays.fill(sums, 0f);
            java.util.Arrays.fill(touched, false);
            throw e;
        }
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(W, weightGradient);
        return new Pair<>(gradient, null);
    }

    @Override
    public void clear() {
        super.clear();
        ids = null;
    }

    private int[] wordList(int n) {
        if (words.length < n) {
            words = new int[n];
        }
        return words;
    }

    /** DL4J's check of the sequence length against the configured one, or its inference of it. */
    private void checkLength(int steps) {
        org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer conf = layerConf();
        if (conf.isInferInputLength()) {
            conf.setInputLength(steps);
        } else if (steps != conf.getInputLength()) {
            throw new DL4JInvalidInputException("Sequence length of embedding input has to be equal to the specified "
                    + "input length: " + conf.getInputLength() + ", got " + steps + " for layer " + layerId());
        }
    }

    /** The input's word ids, example by example, each checked against the vocabulary as DL4J checks it. */
    private int[] wordIds(int batch, int steps) {
        int[] result = input.castTo(DataType.INT).dup('c').reshape(input.length()).toIntVector();
        long vocabulary = layerConf().getNIn();
        for (int i = 0; i < result.length; i++) {
            if (result[i] < 0 || result[i] >= vocabulary) {
                throw new DL4JInvalidInputException("Invalid index for embedding layer: got index " + result[i]
                        + " for entry " + i + " in minibatch; indexes must be between 0 and nIn-1 inclusive (0 to "
                        + (vocabulary - 1) + ")");
            }
        }
        return result;
    }

    /** The mask [B, T] row by row, or null without one. */
    private float[] maskValues() {
        if (maskArray == null) {
            return null;
        }
        return maskArray.castTo(DataType.FLOAT).dup('c').reshape(maskArray.length()).toFloatVector();
    }
}
