package org.imdbsentiment.app.cli;

import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.data.DataException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@CommandLine.Command(name = "keep", description = "Copies the small files that record runs (config, run.json, epochs, "
        + "test metrics, GloVe coverage, errors.md, charts; no models, vocabularies or per-review predictions) into "
        + "<into>/<run-name>/, so that compare can regenerate results from the repository alone.")
final class KeepCommand implements Command {
    private final CliContext context;
    private List<Path> result;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = "--into", paramLabel = "<dir>", description = "where to keep them (default: docs/runs)")
    Path into = Path.of("docs", "runs");

    @Parameters(arity = "1..*", paramLabel = "<run-dir>", description = "run directories")
    List<Path> runs = new ArrayList<>();

    KeepCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public int run(CommandSpec spec, String[] args) throws Exception {
        List<Path> kept = new ArrayList<>();
        for (Path r : runs) {
            RunDirectory run = RunDirectory.existing(r);
            if (run.epochs().isEmpty()) {
                throw new DataException("run " + r + " has no finished epoch: nothing worth keeping");
            }
            Path target = into.resolve(run.name());
            if (Files.exists(target)) {
                throw new DataException(target + " already exists; not overwritten");
            }
            Files.createDirectories(target);
            for (String f : RunDirectory.RECORD_FILES) {
                if (Files.isRegularFile(run.resolve(f))) {
                    Files.copy(run.resolve(f), target.resolve(f));
                }
            }
            kept.add(target);
            context.out().println("Kept " + r + " in " + target);
        }
        result = kept;
        return Cli.OK;
    }

    @Override
    public List<Path> result() {
        return result;
    }
}
