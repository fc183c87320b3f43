package org.imdbsentiment.app.cli;

import org.imdbsentiment.app.dashboard.Dashboard;
import org.imdbsentiment.app.runs.RunDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@CommandLine.Command(name = "ui", description = "Opens the DL4J dashboard on the statistics a run recorded with --ui, until Ctrl-C.")
final class UiCommand implements Command {
    private final CliContext context;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Option(names = "--run", required = true, paramLabel = "<run-dir>", description = "the run directory")
    Path run;

    UiCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public int run(CommandSpec spec, String[] args) throws Exception {
        Dashboard.forFinishedRun(RunDirectory.existing(run).path());
        context.out().println("Press Ctrl-C to stop the dashboard.");
        Thread.currentThread().join();
        return Cli.OK;
    }

    @Override
    public Object result() {
        return null;
    }
}
