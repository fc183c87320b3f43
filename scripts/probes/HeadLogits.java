import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.data.EncodedReview;
import org.imdbsentiment.data.ReviewDataSetIterator;
import org.imdbsentiment.model.SentimentGraph;
import org.imdbsentiment.model.bundle.ModelBundle;
import org.imdbsentiment.model.pipeline.SentimentPipeline;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A probe outside the project (issue 12, v5 hybrid-heads): each side's logit for every review of a file.
 *
 *     java -cp imdb-app/target/imdb-sentiment-0.1.0-SNAPSHOT.jar scripts/probes/HeadLogits.java MODEL.zip REVIEWS.txt OUT.tsv
 *
 * REVIEWS.txt: one review per line (nb-validation-split.py writes val.txt). OUT.tsv: one line per review, in
 * the file's order: the LSTM side's logit and the n-gram side's logit (vertex "logits" of a hybrid-heads graph).
 */
public class HeadLogits {
    public static void main(String[] args) throws Exception {
        ModelBundle bundle = ModelBundle.read(Path.of(args[0]));
        ComputationGraph graph = bundle.graph();
        SentimentPipeline pipeline = bundle.pipeline();
        List<String> texts = Files.readAllLines(Path.of(args[1]));
        List<EncodedReview> encoded = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            encoded.add(pipeline.encoder().encode(Integer.toString(i), texts.get(i), null));
        }
        double[][] out = new double[texts.size()][];
        List<EncodedReview> byLength = encoded.stream()
                .sorted(java.util.Comparator.comparingInt((EncodedReview r) -> r.tokens().length)).toList();
        ReviewDataSetIterator batches = ReviewDataSetIterator.inOrder(byLength, pipeline.batchSize())
                .withPadding(pipeline.padding(), pipeline.maxLength());
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            INDArray mask = ds.getFeaturesMaskArray();
            graph.setLayerMaskArrays(mask == null ? null : new INDArray[] {mask}, null);
            Map<String, INDArray> acts = graph.feedForward(new INDArray[] {ds.getFeatures()}, false, false);
            graph.clearLayerMaskArrays();
            INDArray logits = acts.get(SentimentGraph.LOGITS);
            List<String> ids = ReviewDataSetIterator.ids(ds);
            for (int row = 0; row < ids.size(); row++) {
                out[Integer.parseInt(ids.get(row))] = new double[] {logits.getDouble(row, 0), logits.getDouble(row, 1)};
            }
        }
        StringBuilder sb = new StringBuilder();
        for (double[] o : out) {
            sb.append(o[0]).append('\t').append(o[1]).append('\n');
        }
        Files.writeString(Path.of(args[2]), sb);
    }
}
