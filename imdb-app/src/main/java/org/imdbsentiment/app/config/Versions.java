package org.imdbsentiment.app.config;

import org.imdbsentiment.model.config.ConfigException;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.config.Settings;

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
 * The experiment versions ({@code v1}, {@code v2}, ...): each is a file
 * {@code versions/<name>.properties} holding only its differences from the settings' defaults,
 * listed in {@code versions/index.txt}. Resolving a run's settings takes, later sources overriding
 * earlier ones: the defaults ({@link Settings}), the version's file, system properties named like a
 * setting ({@code -Depochs=3}), then command-line options ({@code --epochs 3}).
 */
public final class Versions {
    private static final String INDEX = "versions/index.txt";
    /** The key of a version file that names the version it starts from. */
    public static final String EXTENDS = "extends";

    private Versions() {
    }

    /** The resolved config of a command line's options over system properties over the version file. */
    public static ExperimentConfig resolve(Map<String, String> options, Properties systemProperties) {
        return ExperimentConfig.of(resolveText(options, systemProperties));
    }

    /** As {@link #resolve}, as text by key (only the keys some source gave). */
    public static Map<String, String> resolveText(Map<String, String> options, Properties systemProperties) {
        Map<String, String> fromSystem = fromSystemProperties(systemProperties);
        String key = Settings.VERSION.key();
        String version = options.getOrDefault(key, fromSystem.getOrDefault(key, Settings.VERSION.defaultValue()));
        Map<String, String> resolved = new LinkedHashMap<>(settingsOf(version));
        resolved.putAll(fromSystem);
        resolved.putAll(options);
        resolved.put(key, version);
        return resolved;
    }

    /** The system properties named like a setting, by key. */
    public static Map<String, String> fromSystemProperties(Properties systemProperties) {
        Map<String, String> m = new LinkedHashMap<>();
        Settings.ALL.forEach(s -> {
            String value = systemProperties.getProperty(s.key());
            if (value != null) {
                m.put(s.key(), value);
            }
        });
        return m;
    }

    /** The known versions, in the order of {@code versions/index.txt}. */
    public static List<String> names() {
        try (InputStream in = resource(INDEX)) {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A version's settings: its differences from the defaults. A file may start from another version
     * with {@code extends=<version>}, then holds only its differences from that one (v5 is v4 plus
     * one line). An unknown version, or versions that extend each other in a circle, are a
     * {@link ConfigException}.
     */
    public static Map<String, String> settingsOf(String version) {
        return settingsOf(version, new java.util.ArrayList<>());
    }

    private static Map<String, String> settingsOf(String version, List<String> chain) {
        List<String> known = names();
        if (!known.contains(version)) {
            throw new ConfigException("unknown version '" + version + "' (valid: " + String.join(", ", known) + ")");
        }
        if (chain.contains(version)) {
            throw new ConfigException("versions extend each other in a circle: " + String.join(" -> ", chain) + " -> " + version);
        }
        chain.add(version);
        Properties p = new Properties();
        try (InputStream in = resource("versions/" + version + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        String base = p.getProperty(EXTENDS);
        if (base != null) {
            m.putAll(settingsOf(base.trim(), chain));
        }
        p.stringPropertyNames().stream().filter(k -> !k.equals(EXTENDS)).sorted().forEach(k -> {
            Settings.require(k); // a version file names only real settings
            m.put(k, p.getProperty(k));
        });
        return m;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Versions.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name);
        }
        return in;
    }
}
