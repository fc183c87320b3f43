package org.imdbsentiment.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.imdbsentiment.app.benchmark.Benchmark;
import org.imdbsentiment.model.config.ExperimentConfig;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.util.Map;

@CommandLine.Command(name = "benchmark", description = "Times training and inference minibatches of a version's model on "
        + "the real IMDB lengths and prints one JSON line: ms per batch (median, min), padded and real tokens/s, "
        + "single-review latency, an epoch estimate, threads, backend and settings. Takes the training settings.")
final class BenchmarkCommand implements Command {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliContext context;
    private Map<String, Object> result;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = "--batches", paramLabel = "<n>", description = "timed minibatches of each kind (default: 20)")
    int batches = 20;

    @Option(names = "--warmup", paramLabel = "<n>", description = "untimed minibatches first (default: 20, while the "
            + "JIT compiles the hot loops; DL4J's workspaces are sized for the largest minibatch before them, as a run "
            + "sizes them before its first; docs/performance.md)")
    int warmup = 20;

    BenchmarkCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public int run(CommandSpec spec, String[] args) throws Exception {
        ExperimentConfig config = context.config(SettingOptions.given(spec.commandLine().getParseResult()));
        result = Benchmark.run(config, batches, warmup, context.progress());
        context.out().println(JSON.writeValueAsString(result));
        return Cli.OK;
    }

    @Override
    public Map<String, Object> result() {
        return result;
    }
}
