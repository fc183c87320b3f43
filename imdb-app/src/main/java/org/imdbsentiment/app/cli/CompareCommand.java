package org.imdbsentiment.app.cli;

import org.imdbsentiment.app.reports.Comparison;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@CommandLine.Command(name = "compare", description = "Compares run directories (e.g. docs/runs/*): writes results.md, "
        + "results.json and validation-curves.png, and copies each run's charts, into the output directory.")
final class CompareCommand implements Command {
    private final CliContext context;
    private Path result;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = "--output", paramLabel = "<dir>", description = "where to write (default: docs)")
    Path output = Path.of("docs");

    @Option(names = "--note", paramLabel = "<text>", description = "a note listed under the table (repeatable)")
    List<String> notes = new ArrayList<>();

    @Option(names = "--label", paramLabel = "<run-dir>=<name>", description = "name a run in the table instead of "
            + "the automatic label (version and differing settings), e.g. the run a version was chosen from (repeatable)")
    Map<Path, String> labels = new LinkedHashMap<>();

    @Parameters(arity = "0..*", paramLabel = "<run-dir>", description = "run directories, v1 first")
    List<Path> runs = new ArrayList<>();

    CompareCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public int run(CommandSpec spec, String[] args) throws Exception {
        if (runs.isEmpty()) {
            throw new org.imdbsentiment.model.config.ConfigException(Comparison.noRuns().getMessage());
        }
        Comparison.write(runs, output, context.commandLine(args), notes, labels);
        result = output.resolve("results.md");
        context.out().println("Wrote " + result + ", results.json and validation-curves.png");
        return Cli.OK;
    }

    @Override
    public Path result() {
        return result;
    }
}
