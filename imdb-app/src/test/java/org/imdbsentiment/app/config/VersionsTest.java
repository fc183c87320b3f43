package org.imdbsentiment.app.config;

import org.imdbsentiment.model.Architecture;
import org.imdbsentiment.model.EmbeddingMode;
import org.imdbsentiment.model.config.ConfigException;
import org.imdbsentiment.model.config.ExperimentConfig;
import org.imdbsentiment.model.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionsTest {

    @Test
    void v1IsTheDefaults() {
        assertEquals(ExperimentConfig.defaults(), Versions.resolve(Map.of(), new Properties()));
    }

    @Test
    void commandLineOverridesSystemPropertiesWhichOverrideTheVersionFile() {
        Properties system = new Properties();
        system.setProperty("epochs", "4");
        system.setProperty("seed", "9");
        system.setProperty("ui", "true");
        system.setProperty("java.version", "17");
        Map<String, String> resolved = Versions.resolveText(Map.of("epochs", "2"), system);
        assertEquals("2", resolved.get("epochs"));
        assertEquals("9", resolved.get("seed"));
        assertEquals("true", resolved.get("ui"));
        assertNull(resolved.get("java.version"));
        assertEquals("scratch", Versions.resolveText(Map.of("version", "v1"), new Properties()).get("embedding"));
    }

    @Test
    void versionsAreListedFromTheIndex() {
        assertEquals(List.of("v1", "v2", "v3", "v4", "v5", "ngrams", "naive"), Versions.names());
    }

    @Test
    void anUnknownVersionNamesTheValidOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> Versions.settingsOf("v9"));
        assertEquals("unknown version 'v9' (valid: v1, v2, v3, v4, v5, ngrams, naive)", e.getMessage());
    }

    @Test
    void versionFilesHoldOnlyTheirDifferencesFromTheDefaults() {
        assertEquals(Map.of("embedding", "glove-trainable"), Versions.settingsOf("v2"));
        assertEquals(Map.of("embedding", "glove-frozen"), Versions.settingsOf("v3"));
        assertEquals(Map.of("padding", "naive"), Versions.settingsOf("naive"));
        ExperimentConfig v1 = Versions.resolve(Map.of("version", "v1"), new Properties());
        ExperimentConfig v3 = Versions.resolve(Map.of("version", "v3"), new Properties());
        assertEquals(EmbeddingMode.GLOVE_FROZEN, v3.get(Settings.EMBEDDING));
        assertEquals(v1.with(Settings.EMBEDDING, EmbeddingMode.GLOVE_FROZEN).with(Settings.VERSION, "v3"), v3);
    }

    @Test
    void aVersionThatExtendsAnotherHoldsOnlyItsDifferencesFromIt() {
        ExperimentConfig v4 = Versions.resolve(Map.of("version", "v4"), new Properties());
        ExperimentConfig v5 = Versions.resolve(Map.of("version", "v5"), new Properties());
        assertEquals(v4.with(Settings.ARCHITECTURE, Architecture.HYBRID_HEADS).with(Settings.NGRAM_LEARNING_RATE, 0.001)
                .with(Settings.NGRAM_WEIGHTING, org.imdbsentiment.model.ngram.NgramWeighting.NB)
                .with(Settings.EMBEDDING_DROPOUT, 0.0).with(Settings.WEIGHT_AVERAGE_DECAY, 0.998).with(Settings.EPOCHS, 2)
                .with(Settings.TEACHER_BRANCHES, org.imdbsentiment.model.TeacherBranches.LSTM)
                .with(Settings.NGRAM_MAX_LENGTH, 4096).with(Settings.NGRAM_BUCKETS, 4194304)
                .with(Settings.VERSION, "v5"), v5);
        // v4's model is a final fit on every training review, for the epochs its validation chose
        assertEquals(0, v4.get(Settings.VALIDATION_SIZE));
        assertEquals(2, v4.get(Settings.EPOCHS));
        // v4 is distilled from v5's bundle, and so is v5 (from the v5 before it)
        assertEquals(java.util.Optional.of(java.nio.file.Path.of("v5-model.zip")), v4.get(Settings.TEACHER));
        assertEquals(org.imdbsentiment.model.TeacherTargets.PROBABILITIES, v4.get(Settings.TEACHER_TARGETS));
        assertEquals(v4.get(Settings.TEACHER), v5.get(Settings.TEACHER));
        assertEquals(v4.get(Settings.TEACHER_TARGETS), v5.get(Settings.TEACHER_TARGETS));
        ExperimentConfig ngrams = Versions.resolve(Map.of("version", "ngrams"), new Properties());
        assertEquals(v5.with(Settings.ARCHITECTURE, Architecture.NGRAMS).with(Settings.EMBEDDING, EmbeddingMode.SCRATCH)
                .with(Settings.NGRAM_ORDER, 3).with(Settings.WEIGHT_AVERAGE_DECAY, 0.0).with(Settings.EPOCHS, 8)
                .with(Settings.NGRAM_WEIGHTING, org.imdbsentiment.model.ngram.NgramWeighting.MEAN)
                .with(Settings.NGRAM_LEARNING_RATE, 0.01)
                .with(Settings.TEACHER, java.util.Optional.<java.nio.file.Path>empty())
                .with(Settings.TEACHER_TARGETS, org.imdbsentiment.model.TeacherTargets.LABELS)
                .with(Settings.TEACHER_BRANCHES, org.imdbsentiment.model.TeacherBranches.ALL)
                .with(Settings.NGRAM_MAX_LENGTH, 0).with(Settings.NGRAM_BUCKETS, 1048576)
                .with(Settings.VERSION, "ngrams"), ngrams);
        // the command line still overrides what a version inherits
        assertEquals("0.3", Versions.resolveText(Map.of("version", "v5", "dropout", "0.3"), new Properties()).get("dropout"));
    }

    @Test
    void everyVersionFileResolvesToAValidConfig() {
        for (String v : Versions.names()) {
            ExperimentConfig c = Versions.resolve(Map.of("version", v), new Properties());
            assertEquals(v, c.version());
            assertTrue(Settings.ALL.stream().allMatch(s -> c.get(s) != null));
        }
    }
}
