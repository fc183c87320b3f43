package org.imdbsentiment.app.cli;

import org.imdbsentiment.model.config.Setting;
import org.imdbsentiment.model.config.Settings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every {@link Settings setting} as an option {@code --<key> <value>}, generated from the table: the
 * mixin that training and the benchmark share. Values stay text here; {@code ExperimentConfig}
 * checks them, with the system properties and the version file, in one place.
 */
final class SettingOptions {
    static final String MIXIN = "settings";

    private SettingOptions() {
    }

    /** Adds the options to {@code command}. */
    static void addTo(CommandSpec command) {
        CommandSpec mixin = CommandSpec.create();
        for (Setting<?> s : Settings.ALL) {
            String def = s.formattedDefault();
            mixin.addOption(OptionSpec.builder("--" + s.key())
                    .type(String.class)
                    .paramLabel("<" + s.key() + ">")
                    .arity(s.defaultValue() instanceof Boolean ? "0..1" : "1")
                    .fallbackValue("true")
                    .description(s.description() + " (" + s.range() + (def.isEmpty() ? "" : "; default: " + def) + ")")
                    .build());
        }
        command.addMixin(MIXIN, mixin);
    }

    /** The settings given as options, by key. */
    static Map<String, String> given(ParseResult parsed) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Setting<?> s : Settings.ALL) {
            String value = parsed.matchedOptionValue("--" + s.key(), (String) null);
            if (value != null) {
                m.put(s.key(), value);
            }
        }
        return m;
    }
}
