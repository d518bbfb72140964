package playground.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {
    @org.junit.jupiter.api.Test
    void defaultsAreTheNotebooksNetwork() {
        Config c = Config.defaults();
        assertEquals("exp-sin", c.dataset().id());
        assertArrayEquals(new int[] {2, 3, 2}, c.layers());
        assertEquals("sigmoid", c.activation().id());
        assertEquals("linear", c.output().id());
        assertTrue(c.bias());
        assertEquals(50, c.epochs());
        assertEquals(1, c.batch());
        assertEquals(0.33, c.testRatio());
        assertTrue(c.standardize());
    }

    @org.junit.jupiter.api.Test
    void theNotebookPresetHasNoBiasesAndRawTargets() {
        Config c = Config.parse(Map.of("dataset", "notebook-example"));
        assertFalse(c.bias());
        assertFalse(c.standardize());
        assertEquals(0.01, c.lr());
    }

    @org.junit.jupiter.api.Test
    void paramsRoundTrip() {
        Config c = Config.parse(Map.of("layers", "2,8,8,2", "lr", "0.125", "seed", "-9", "batch", "32"));
        assertEquals(c, Config.parse(c.toParams()));
        assertEquals("2,8,8,2", c.toParams().get("layers"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "dataset|mnist|dataset|must be one of exp-sin, notebook-example",
                "layers|2,3|layers|must start with 2 and end with 2",
                "layers|2,x,2|layers|whole numbers",
                "layers|2,300,2|layers|1 to 256 wide",
                "layers|2,1,1,1,1,1,1,1,1,1,2|layers|2 to 10 sizes",
                "lr|0|lr|greater than 0 and at most 10",
                "lr|11|lr|greater than 0 and at most 10",
                "lr|NaN|lr|must be a number",
                "lr|−0.5|lr|greater than 0",
                "lr|0x1p-3|lr|must be a number",
                "lr|1e400|lr|finite",
                "lr|abc|lr|must be a number",
                "epochs|0|epochs|1 to 10000",
                "epochs|10001|epochs|1 to 10000",
                "epochs|2.5|epochs|whole number",
                "batch|0|batch|1 to 6700",
                "batch|6701|batch|1 to 6700",
                "seed|1.5|seed|whole number",
                "seed|99999999999999999999|seed|whole number",
                "testRatio|0.01|testRatio|0.05 to 0.95",
                "noise|51|noise|0 to 50",
                "noise|-1|noise|0 to 50",
                "bias|maybe|bias|true or false",
                "init|zeros|init|xavier, uniform",
                "activation|softmax|activation|output layer only",
                "loss|hinge|loss|mse, cross-entropy",
                "loss|cross-entropy|loss|sigmoid or softmax output",
                "optimizer|rmsprop|optimizer|sgd, momentum, adam",
                "regularization|l3|regularization|none, l1, l2",
                "regRate|11|regRate|0 to 10",
                "regRate|-0.1|regRate|0 to 10",
                "features|x1,x2|features|2-D datasets only",
                "output|x|output|sigmoid, tanh, relu, leaky-relu, linear",
                "speling|1|speling|is not a parameter",
                "lr|' '|lr|is empty",
            })
    void badValuesAreRefusedNamingTheField(String name, String value, String field, String words) {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.parse(Map.of(name, value)));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void workPerRunIsCapped() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> Config.parse(Map.of("layers", "2,256,256,256,2", "epochs", "10000")));
        assertEquals("epochs", e.field());
        assertTrue(e.getMessage().contains("too big"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void overlongValuesAreRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.parse(Map.of("seed", "1".repeat(5000))));
        assertTrue(e.getMessage().contains("too long"));
    }

    @org.junit.jupiter.api.Test
    void classificationSettingsAreCheckedAgainstTheDataset() {
        String[][] cases = {
            {"dataset=reg-plane&loss=cross-entropy&output=sigmoid", "loss", "regression set"},
            {"dataset=circle&output=softmax", "output", "two or more outputs"},
            {"dataset=circle&standardize=true", "standardize", "must stay 0 or 1"},
            {"dataset=circle&features=x1,x2,x1x2&layers=2,4,1", "layers", "with the features x1,x2,x1x2 has 3 inputs"},
            {"dataset=circle&features=x1,x1", "features", "twice"},
            {"dataset=csv-0123456789ab", "dataset", "upload the same file"},
        };
        for (String[] c : cases) {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            for (String kv : c[0].split("&")) m.put(kv.split("=")[0], kv.split("=")[1]);
            ConfigException e = assertThrows(ConfigException.class, () -> Config.parse(m), c[0]);
            assertEquals(c[1], e.field(), c[0]);
            assertTrue(e.getMessage().contains(c[2]), c[0] + ": " + e.getMessage());
        }
        Config ok = Config.parse(Map.of("dataset", "circle", "loss", "mse", "standardize", "true", "output", "tanh"));
        assertEquals(ok, Config.parse(ok.toParams()), "every new parameter reads back from its URL");
        Config adam = Config.parse(Map.of("optimizer", "adam", "regularization", "l2", "regRate", "0.001"));
        assertEquals(adam, Config.parse(adam.toParams()));
        assertTrue(!adam.plainSgd());
    }
}
