package org.imdbsentiment.app.cli;

import org.imdbsentiment.app.config.Versions;
import org.imdbsentiment.model.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

@CommandLine.Command(name = "settings", description = "Lists every setting (key, default, valid values, whether it "
        + "changes results, meaning) as a Markdown table, and the versions with their own settings.")
final class SettingsCommand implements Command {
    private final CliContext context;
    private String result;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    SettingsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public int run(CommandSpec spec, String[] args) {
        StringBuilder text = new StringBuilder(Settings.markdownTable()).append('\n');
        for (String v : Versions.names()) {
            text.append("- `").append(v).append("`: ").append(Versions.settingsOf(v)).append('\n');
        }
        result = text.toString();
        context.out().print(result);
        return Cli.OK;
    }

    @Override
    public String result() {
        return result;
    }
}
