package org.imdbsentiment.model.config;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.imdbsentiment.data.BatchOrder;
import org.imdbsentiment.model.LstmImplementation;
import org.imdbsentiment.model.SentimentGraph;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTableTest {

    @Test
    void everySettingHasAUniqueKeyADescriptionAndADefaultThatParsesBackToItself() {
        Set<String> keys = new HashSet<>();
        for (Setting<?> s : Settings.ALL) {
            assertTrue(keys.add(s.key()), "duplicate key " + s.key());
            assertFalse(s.description().isBlank(), s.key());
            assertFalse(s.range().isBlank(), s.key());
            assertEquals(s.defaultValue(), s.parse(s.formattedDefault()), s.key());
        }
    }

    @Test
    void theDefaultsAreTheStudysHyperparameters() {
        ExperimentConfig c = ExperimentConfig.defaults();
        assertEquals(256, c.get(Settings.MAX_LENGTH));
        assertEquals(25_000, c.get(Settings.VOCAB_SIZE));
        assertEquals(100, c.get(Settings.EMBEDDING_SIZE));
        assertEquals(256, c.get(Settings.HIDDEN_SIZE));
        assertEquals(64, c.get(Settings.BATCH_SIZE));
        assertEquals(0.001, c.get(Settings.LEARNING_RATE));
        assertEquals(15, c.get(Settings.EPOCHS));
        assertEquals(3, c.get(Settings.PATIENCE));
        assertEquals(0.0, c.get(Settings.WEIGHT_DECAY));
        assertEquals(0.0, c.get(Settings.DROPOUT));
        assertEquals(BatchOrder.BUCKETED, c.get(Settings.BATCHING));
    }

    @Test
    void aValueOutOfRangeIsRefusedWithTheRangeNamed() {
        ConfigException huge = assertThrows(ConfigException.class, () -> ExperimentConfig.of(Map.of("epochs", "99999999999")));
        assertEquals("epochs must be a whole number from 1 to 1000, was '99999999999'", huge.getMessage());
        ConfigException rate = assertThrows(ConfigException.class, () -> ExperimentConfig.of(Map.of("learning-rate", "0")));
        assertTrue(rate.getMessage().contains("in (0, 1)"), rate.getMessage());
        ConfigException choice = assertThrows(ConfigException.class, () -> ExperimentConfig.of(Map.of("padding", "none")));
        assertTrue(choice.getMessage().contains("one of masked, naive"), choice.getMessage());
        assertThrows(ConfigException.class, () -> ExperimentConfig.of(Map.of("validation-size", "25000")));
        assertThrows(ConfigException.class, () -> ExperimentConfig.of(Map.of("batch-size", "100000")));
        assertThrows(ConfigException.class, () -> ExperimentConfig.of(Map.of("dropout", "1")));
    }

    @Test
    void anUnknownSettingNamesTheValidOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentConfig.of(Map.of("epoch", "3")));
        assertTrue(e.getMessage().startsWith("unknown setting 'epoch' (valid: version, "), e.getMessage());
        assertTrue(e.getMessage().contains("weight-decay"), e.getMessage());
    }

    @Test
    void settingsRoundTripThroughText() {
        ExperimentConfig c = ExperimentConfig.of(Map.of("seed", "5", "batching", "random", "dropout", "0.25",
                "data", "/tmp/aclImdb", "ui", "true"));
        assertEquals(c, ExperimentConfig.of(c.toSettings()));
        assertEquals(0.25, c.get(Settings.DROPOUT));
        assertTrue(c.get(Settings.UI));
    }

    @Test
    void onlySettingsThatChangeResultsAreComparedOnResume() {
        Map<String, String> results = ExperimentConfig.defaults().resultSettings();
        assertTrue(results.containsKey("seed"));
        assertTrue(results.containsKey("weight-decay"));
        assertFalse(results.containsKey("threads"));
        assertFalse(results.containsKey("data"));
        assertFalse(results.containsKey("output"));
        assertFalse(results.containsKey("ui"));
    }

    @Test
    void aRecordedRunWithoutTheLstmKeyUsedDl4jsLayer() {
        assertEquals(LstmImplementation.DL4J, ExperimentConfig.ofRecorded(Map.of("version", "v1")).get(Settings.LSTM));
        assertEquals(LstmImplementation.FAST, ExperimentConfig.of(Map.of("version", "v1")).get(Settings.LSTM));
        assertEquals(0.0, ExperimentConfig.ofRecorded(Map.of()).get(Settings.WEIGHT_DECAY));
    }

    @Test
    void weightDecayAndDropoutReachTheGraphAndTheirDefaultsLeaveItAsBefore() {
        ExperimentConfig plain = ExperimentConfig.defaults().with(Map.of("embedding-size", "4", "hidden-size", "5"));
        ComputationGraph g = SentimentGraph.build(plain, 20);
        BaseLayer out = (BaseLayer) g.getLayer(SentimentGraph.OUTPUT).conf().getLayer();
        assertTrue(out.getRegularization() == null || out.getRegularization().isEmpty());
        assertNull(out.getIDropout());

        ComputationGraph tuned = SentimentGraph.build(plain.with(Map.of("weight-decay", "0.001", "dropout", "0.5")), 20);
        BaseLayer tunedOut = (BaseLayer) tuned.getLayer(SentimentGraph.OUTPUT).conf().getLayer();
        assertFalse(tunedOut.getRegularization().isEmpty());
        assertNotNull(tunedOut.getIDropout());
    }

    @Test
    void theMarkdownTableHasARowPerSetting() {
        String table = Settings.markdownTable();
        for (Setting<?> s : Settings.ALL) {
            assertTrue(table.contains("| `" + s.key() + "` |"), s.key());
        }
        assertEquals(Settings.ALL.size() + 2, table.lines().count());
    }
}
