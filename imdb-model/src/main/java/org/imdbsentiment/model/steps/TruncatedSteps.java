package org.imdbsentiment.model.steps;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.data.Truncation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * Reads a batch of word ids ({@code [batch, 1, steps]} or {@code [batch, steps]}, masked by the network
 * input {@code input}) and keeps, of each review's real steps, the {@code maxLength} that {@code truncation}
 * keeps ({@link Truncation#kept}): so a side of the graph behind it sees each review as the data pipeline
 * would have cut it to {@code maxLength}, while the rest of the graph reads the longer review. Its mask is
 * the kept steps'. Ids get no gradient (what it hands back is zeros), as DL4J's embedding layers give
 * none. No parameters. The runtime vertex is {@link TruncatedStepsVertex}.
 */
public class TruncatedSteps extends GraphVertex {
    private final String input;
    private final int maxLength;
    private final Truncation truncation;

    public TruncatedSteps(@JsonProperty("input") String input, @JsonProperty("maxLength") int maxLength,
                          @JsonProperty("truncation") Truncation truncation) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be >= 1, was " + maxLength);
        }
        this.input = Objects.requireNonNull(input, "input");
        this.maxLength = maxLength;
        this.truncation = Objects.requireNonNull(truncation, "truncation");
    }

    public String getInput() {
        return input;
    }

    public int getMaxLength() {
        return maxLength;
    }

    public Truncation getTruncation() {
        return truncation;
    }

    @Override
    public TruncatedSteps clone() {
        return new TruncatedSteps(input, maxLength, truncation);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TruncatedSteps other && input.equals(other.input) && maxLength == other.maxLength
                && truncation == other.truncation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(input, maxLength, truncation);
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                    INDArray paramsView, boolean initializeParams,
                                                                    DataType networkDatatype) {
        return new TruncatedStepsVertex(graph, name, idx, this, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 1) {
            throw new InvalidInputTypeException("truncated steps read one input, got " + vertexInputs.length);
        }
        if (vertexInputs[0] instanceof InputType.InputTypeRecurrent rnn && rnn.getTimeSeriesLength() > maxLength) {
            return InputType.recurrent(rnn.getSize(), maxLength, rnn.getFormat());
        }
        return vertexInputs[0];
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(null, TruncatedSteps.class, inputTypes[0], getOutputType(-1, inputTypes))
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    @Override
    public String toString() {
        return "TruncatedSteps(input=" + input + ", maxLength=" + maxLength + ", truncation=" + truncation.key() + ")";
    }
}
