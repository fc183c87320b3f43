package org.imdbsentiment.model.output;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.LossLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime layer of {@link BranchMeanOutput}: DL4J's {@link LossLayer} (score and gradient from the
 * configured {@link BranchLogitsLoss} on the input logits), except that its activation is the sigmoid of
 * the logits' mean, one column.
 */
public class BranchMeanOutputLayer extends LossLayer {
    public BranchMeanOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray mean = input.mean(true, 1);
        INDArray out = layerConf().getActivationFn().getActivation(mean, training);
        if (maskArray != null) {
            // A mask per logit ([batch, K], e.g. teacher-branches lstm) masks an example whose logits are all masked.
            INDArray exampleMask = maskArray.size(1) == 1 ? maskArray : maskArray.max(true, 1);
            out.muliColumnVector(exampleMask.castTo(out.dataType()));
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, out);
    }
}
