package org.imdbsentiment.app.cli;

import org.imdbsentiment.app.runs.RunBundle;
import org.imdbsentiment.app.runs.RunDirectory;
import org.imdbsentiment.data.DataException;
import org.imdbsentiment.model.bundle.ModelBundle;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

@CommandLine.Command(name = "bundle", description = "Writes a finished run's model as one self-contained file (graph, "
        + "vocabulary, tokenizer, settings, provenance, test metrics), for runs made before runs wrote model.zip "
        + "themselves, or to copy one elsewhere.")
final class BundleCommand implements Command {
    private final CliContext context;
    private Path result;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = "--run", required = true, paramLabel = "<run-dir>", description = "the run directory")
    Path run;

    @Option(names = "--output", paramLabel = "<file>", description = "where to write (default: <run-dir>/model.zip); "
            + "an existing file is not overwritten")
    Path output;

    BundleCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public int run(CommandSpec spec, String[] args) throws Exception {
        RunDirectory dir = RunDirectory.existing(run);
        Path target = output != null ? output : dir.resolve(RunDirectory.MODEL_BUNDLE);
        if (Files.exists(target)) {
            throw new DataException(target + " already exists; not overwritten (give another --output)");
        }
        ModelBundle bundle = RunBundle.of(dir);
        bundle.write(target);
        result = target;
        context.out().println("Wrote " + target + " (" + bundle.id() + ")");
        return Cli.OK;
    }

    @Override
    public Path result() {
        return result;
    }
}
