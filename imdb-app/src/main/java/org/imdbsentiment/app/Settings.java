package org.imdbsentiment.app;

import org.imdbsentiment.model.ConfigException;
import org.imdbsentiment.model.ConfigKey;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves the settings of a run, later sources overriding earlier ones:
 * {@link ConfigKey} defaults, then the version's file {@code versions/<version>.properties} (only
 * what differs from the defaults), then system properties with a setting's name
 * ({@code -Dversion=v2 -Depochs=3}), then command-line options ({@code --epochs 3}).
 */
final class Settings {
    private static final String INDEX = "versions/index.txt";

    private Settings() {
    }

    static Map<String, String> resolve(Map<String, String> options, Properties systemProperties) {
        Map<String, String> fromSystem = new LinkedHashMap<>();
        for (ConfigKey k : ConfigKey.values()) {
            String value = systemProperties.getProperty(k.key());
            if (value != null) {
                fromSystem.put(k.key(), value);
            }
        }
        String version = options.getOrDefault(ConfigKey.VERSION.key(),
                fromSystem.getOrDefault(ConfigKey.VERSION.key(), ConfigKey.VERSION.defaultValue()));
        Map<String, String> resolved = new LinkedHashMap<>(versionSettings(version));
        resolved.putAll(fromSystem);
        resolved.putAll(options);
        resolved.put(ConfigKey.VERSION.key(), version);
        return resolved;
    }

    /** The known versions, in the order of {@code versions/index.txt}. */
    static List<String> versions() {
        try (InputStream in = resource(INDEX)) {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A version's own settings: its differences from the defaults. */
    static Map<String, String> versionSettings(String version) {
        List<String> known = versions();
        if (!known.contains(version)) {
            throw new ConfigException("unknown version '" + version + "' (valid: " + String.join(", ", known) + ")");
        }
        Properties p = new Properties();
        try (InputStream in = resource("versions/" + version + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Settings.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name);
        }
        return in;
    }
}
