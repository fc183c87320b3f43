package org.imdbsentiment.model.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One setting: its key, value type, default, valid range or choices, description, and the
 * {@link Group} that says whether it changes a run's results. Parsing, validation, the command
 * line's options and help, the README's table and the resume check all work from these entries
 * ({@link Settings#ALL}); nothing else spells a setting's rules.
 *
 * <p>Instances are immutable constants compared by identity.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {

    /** What a setting decides. Only {@link #RUN} settings may differ when a run is resumed. */
    public enum Group {
        /** Which experiment: the version whose file the other settings start from. */
        EXPERIMENT,
        /** What data the model sees and how text becomes steps. */
        DATA,
        /** The network's shape. */
        MODEL,
        /** The optimisation and early stopping. */
        TRAINING,
        /** Where and how a run executes (paths, threads, dashboard): never its results. */
        RUN;

        public boolean changesResults() {
            return this != RUN;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How text becomes a value and back; {@link #describe()} is the valid range, for help and errors. */
    interface Type<T> {
        T parse(String text);

        default String format(T value) {
            return String.valueOf(value);
        }

        String describe();
    }

    private final String key;
    private final Group group;
    private final Type<T> type;
    private final T defaultValue;
    private final T recordedDefault;
    private final String description;

    private Setting(String key, Group group, Type<T> type, T defaultValue, T recordedDefault, String description) {
        this.key = key;
        this.group = group;
        this.type = type;
        this.defaultValue = defaultValue;
        this.recordedDefault = recordedDefault;
        this.description = description;
    }

    // ---- kinds of setting ----

    static Setting<Integer> integer(String key, Group group, int defaultValue, int min, int max, String description) {
        return new Setting<>(key, group, new Type<>() {
            @Override
            public Integer parse(String text) {
                long v;
                try {
                    v = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    v = Long.MIN_VALUE;
                }
                if (v < min || v > max) {
                    throw new ConfigException(key + " must be a whole number " + describe() + ", was '" + text + "'");
                }
                return (int) v;
            }

            @Override
            public String describe() {
                return max == Integer.MAX_VALUE ? ">= " + min : String.format(Locale.ROOT, "from %d to %d", min, max);
            }
        }, defaultValue, defaultValue, description);
    }

    static Setting<Long> longInteger(String key, Group group, long defaultValue, String description) {
        return new Setting<>(key, group, new Type<>() {
            @Override
            public Long parse(String text) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new ConfigException(key + " must be " + describe() + ", was '" + text + "'");
                }
            }

            @Override
            public String describe() {
                return "a whole number (64-bit)";
            }
        }, defaultValue, defaultValue, description);
    }

    /** A number in {@code [min, max)}, or {@code (min, max)} when {@code minExclusive}. */
    static Setting<Double> decimal(String key, Group group, double defaultValue, double min, boolean minExclusive,
                                   double max, String description) {
        return new Setting<>(key, group, new Type<>() {
            @Override
            public Double parse(String text) {
                double v;
                try {
                    v = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    v = Double.NaN;
                }
                boolean aboveMin = minExclusive ? v > min : v >= min;
                if (!(aboveMin && v < max)) {
                    throw new ConfigException(key + " must be a number " + describe() + ", was '" + text + "'");
                }
                return v;
            }

            @Override
            public String describe() {
                return "in " + (minExclusive ? "(" : "[") + plain(min) + ", " + plain(max) + ")";
            }
        }, defaultValue, defaultValue, description);
    }

    static Setting<Boolean> bool(String key, Group group, String description) {
        return new Setting<>(key, group, new Type<>() {
            @Override
            public Boolean parse(String text) {
                return switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "" -> true;
                    case "false" -> false;
                    default -> throw new ConfigException(key + " must be " + describe() + ", was '" + text + "'");
                };
            }

            @Override
            public String describe() {
                return "true or false";
            }
        }, false, false, description);
    }

    /** One of {@code choices}, spelled as {@code keyOf} says. */
    static <T> Setting<T> choice(String key, Group group, T defaultValue, List<T> choices, Function<T, String> keyOf,
                                 String description) {
        return choice(key, group, defaultValue, defaultValue, choices, keyOf, description);
    }

    /** As above, with the value that a recorded run without this key had ({@link #recordedDefault()}). */
    static <T> Setting<T> choice(String key, Group group, T defaultValue, T recordedDefault, List<T> choices,
                                 Function<T, String> keyOf, String description) {
        List<T> valid = List.copyOf(choices);
        return new Setting<>(key, group, new Type<>() {
            @Override
            public T parse(String text) {
                return valid.stream().filter(c -> keyOf.apply(c).equals(text)).findFirst().orElseThrow(() ->
                        new ConfigException(key + " must be " + describe() + ", was '" + text + "'"));
            }

            @Override
            public String format(T value) {
                return keyOf.apply(value);
            }

            @Override
            public String describe() {
                return "one of " + valid.stream().map(keyOf).collect(Collectors.joining(", "));
            }
        }, defaultValue, recordedDefault, description);
    }

    /** Non-empty text; {@code valid} says what it may be, in words. */
    static Setting<String> text(String key, Group group, String defaultValue, String valid, String description) {
        return new Setting<>(key, group, new Type<>() {
            @Override
            public String parse(String text) {
                if (text.isEmpty()) {
                    throw new ConfigException(key + " must not be empty");
                }
                return text;
            }

            @Override
            public String describe() {
                return valid;
            }
        }, defaultValue, defaultValue, description);
    }

    /** A path, or none (empty text). */
    static Setting<Optional<Path>> optionalPath(String key, Group group, String description) {
        return new Setting<>(key, group, new Type<>() {
            @Override
            public Optional<Path> parse(String text) {
                try {
                    return text.isEmpty() ? Optional.empty() : Optional.of(Path.of(text));
                } catch (java.nio.file.InvalidPathException e) {
                    throw new ConfigException(key + " is not a valid path: " + e.getMessage());
                }
            }

            @Override
            public String format(Optional<Path> value) {
                return value.map(Path::toString).orElse("");
            }

            @Override
            public String describe() {
                return "a path (empty: none)";
            }
        }, Optional.empty(), Optional.empty(), description);
    }

    /** A path that must be given. */
    static Setting<Path> path(String key, Group group, String defaultValue, String description) {
        return new Setting<>(key, group, new Type<>() {
            @Override
            public Path parse(String text) {
                if (text.isEmpty()) {
                    throw new ConfigException(key + " must not be empty");
                }
                try {
                    return Path.of(text);
                } catch (java.nio.file.InvalidPathException e) {
                    throw new ConfigException(key + " is not a valid path: " + e.getMessage());
                }
            }

            @Override
            public String describe() {
                return "a path";
            }
        }, Path.of(defaultValue), Path.of(defaultValue), description);
    }

    // ---- use ----

    /** The name in version files, system properties ({@code -Dkey=value}) and options ({@code --key value}). */
    public String key() {
        return key;
    }

    public Group group() {
        return group;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /**
     * The value a run recorded before this setting existed had: its {@code config.properties} lacks
     * the key. Usually the default; for {@code lstm}, DL4J's layer, which every earlier run used.
     */
    public T recordedDefault() {
        return recordedDefault;
    }

    public String description() {
        return description;
    }

    /** The valid values, in words ("from 1 to 4096", "one of masked, naive"). */
    public String range() {
        return type.describe();
    }

    /** The value {@code text} spells (surrounding blanks ignored), checked against the range. */
    public T parse(String text) {
        return type.parse(Objects.requireNonNull(text, key).strip());
    }

    /** The text that {@link #parse} reads back as {@code value}. */
    public String format(T value) {
        return type.format(value);
    }

    /** {@link #format} for a value known to be of this setting's type. */
    @SuppressWarnings("unchecked")
    String formatUnchecked(Object value) {
        return type.format((T) value);
    }

    public String formattedDefault() {
        return format(defaultValue);
    }

    @Override
    public String toString() {
        return key;
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
