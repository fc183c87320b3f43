package org.imdbsentiment.app;

import org.imdbsentiment.model.ConfigException;
import org.imdbsentiment.model.EmbeddingMode;
import org.imdbsentiment.model.ExperimentConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    @Test
    void v1UsesTheStudysHyperparameters() {
        ExperimentConfig c = ExperimentConfig.of(Settings.resolve(Map.of(), new Properties()));
        assertEquals("v1", c.version());
        assertEquals(EmbeddingMode.SCRATCH, c.model().embedding());
        assertEquals(100, c.model().embeddingSize());
        assertEquals(256, c.model().hiddenSize());
        assertEquals(256, c.data().maxLength());
        assertEquals(25_000, c.data().vocabSize());
        assertEquals(5_000, c.data().validationSize());
        assertEquals(64, c.training().batchSize());
        assertEquals(0.001, c.training().learningRate());
        assertEquals(15, c.training().epochs());
        assertEquals(3, c.training().patience());
    }

    @Test
    void commandLineOverridesSystemPropertiesWhichOverrideTheVersionFile() {
        Properties system = new Properties();
        system.setProperty("epochs", "4");
        system.setProperty("seed", "9");
        system.setProperty("java.version", "17");
        Map<String, String> resolved = Settings.resolve(Map.of("epochs", "2"), system);
        assertEquals("2", resolved.get("epochs"));
        assertEquals("9", resolved.get("seed"));
        assertEquals("scratch", resolved.get("embedding"));
        assertEquals(null, resolved.get("java.version"));
    }

    @Test
    void resolvedSettingsRoundTrip() {
        ExperimentConfig c = ExperimentConfig.of(Settings.resolve(Map.of("seed", "5", "batching", "random"), new Properties()));
        assertEquals(c, ExperimentConfig.of(c.toSettings()));
    }

    @Test
    void anUnknownSettingNamesTheValidOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentConfig.of(Map.of("epoch", "3")));
        assertTrue(e.getMessage().contains("unknown setting 'epoch'"), e.getMessage());
        assertTrue(e.getMessage().contains("epochs"), e.getMessage());
    }

    @Test
    void versionsAreListedFromTheIndex() {
        assertEquals(List.of("v1", "v2", "v3", "naive"), Settings.versions());
    }

    @Test
    void versionsDifferOnlyInTheirEmbedding() {
        ExperimentConfig v1 = ExperimentConfig.of(Settings.resolve(Map.of("version", "v1"), new Properties()));
        ExperimentConfig v2 = ExperimentConfig.of(Settings.resolve(Map.of("version", "v2"), new Properties()));
        ExperimentConfig v3 = ExperimentConfig.of(Settings.resolve(Map.of("version", "v3"), new Properties()));
        assertEquals(EmbeddingMode.GLOVE_TRAINABLE, v2.model().embedding());
        assertEquals(EmbeddingMode.GLOVE_FROZEN, v3.model().embedding());
        assertEquals(v1.data(), v2.data());
        assertEquals(v1.training(), v3.training());
        assertEquals(v1.model().hiddenSize(), v3.model().hiddenSize());
        assertEquals(Map.of("embedding", "glove-trainable"), Settings.versionSettings("v2"));
    }
}
