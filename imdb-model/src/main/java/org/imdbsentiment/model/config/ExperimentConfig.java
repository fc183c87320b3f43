package org.imdbsentiment.model.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A fully resolved experiment: a value for every {@link Settings setting}, each checked against its
 * range when read from text, once. Read a value with {@code config.get(Settings.EPOCHS)}.
 *
 * @param values every setting's value, in {@link Settings#ALL} order
 */
public record ExperimentConfig(Map<Setting<?>, Object> values) {

    public ExperimentConfig {
        Map<Setting<?>, Object> ordered = new LinkedHashMap<>();
        for (Setting<?> s : Settings.ALL) {
            ordered.put(s, Objects.requireNonNull(values.get(s), () -> "no value for " + s.key()));
        }
        values = Collections.unmodifiableMap(ordered);
    }

    /** The defaults of every setting. */
    public static ExperimentConfig defaults() {
        return of(Map.of());
    }

    /**
     * Resolves settings given as text; keys not given take their default.
     *
     * @throws ConfigException for an unknown key or a value out of its range
     */
    public static ExperimentConfig of(Map<String, String> settings) {
        return parse(settings, false);
    }

    /**
     * Reads the settings a run recorded: a key missing there (a setting added since) takes the value
     * such runs had, {@link Setting#recordedDefault()}.
     */
    public static ExperimentConfig ofRecorded(Map<String, String> settings) {
        return parse(settings, true);
    }

    private static ExperimentConfig parse(Map<String, String> settings, boolean recorded) {
        Map<Setting<?>, Object> v = new LinkedHashMap<>();
        for (Setting<?> s : Settings.ALL) {
            v.put(s, recorded ? s.recordedDefault() : s.defaultValue());
        }
        settings.forEach((key, text) -> {
            Setting<?> s = Settings.require(key);
            v.put(s, s.parse(text));
        });
        return new ExperimentConfig(v);
    }

    public <T> T get(Setting<T> setting) {
        @SuppressWarnings("unchecked")
        T value = (T) values.get(setting);
        return value;
    }

    /** This config with some settings replaced (given as text, checked as always). */
    public ExperimentConfig with(Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(toSettings());
        all.putAll(overrides);
        return of(all);
    }

    /** This config with one setting replaced. */
    public <T> ExperimentConfig with(Setting<T> setting, T value) {
        Map<Setting<?>, Object> v = new LinkedHashMap<>(values);
        v.put(setting, value);
        return new ExperimentConfig(v);
    }

    public String version() {
        return get(Settings.VERSION);
    }

    /** Every setting as text, in table order: what a run directory records. Reading it back gives an equal config. */
    public Map<String, String> toSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        values.forEach((s, value) -> m.put(s.key(), s.formatUnchecked(value)));
        return m;
    }

    /** Only the settings that change results ({@link Setting.Group#changesResults()}): what a resume must keep. */
    public Map<String, String> resultSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        values.forEach((s, value) -> {
            if (s.group().changesResults()) {
                m.put(s.key(), s.formatUnchecked(value));
            }
        });
        return m;
    }

    /** The download cache: the {@code cache-dir} setting, else the platform default. */
    public Path cacheDir() {
        return get(Settings.CACHE_DIR).orElseGet(ExperimentConfig::defaultCacheDir);
    }

    /** {@code $IMDB_SENTIMENT_CACHE}, else {@code $XDG_CACHE_HOME/imdb-sentiment}, else {@code ~/.cache/imdb-sentiment}. */
    public static Path defaultCacheDir() {
        String env = System.getenv("IMDB_SENTIMENT_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("imdb-sentiment");
    }
}
