package playground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    record Result(int code, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    static Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        false)
                .run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void trainPrintsOneLinePerEpochThenJson() throws Exception {
        Result r = run("", "train", "--epochs", "3", "--layers", "2,4,2", "--seed=9");
        assertEquals(0, r.code(), r.err());
        assertEquals(
                3, r.out().lines().filter(l -> l.matches("epoch +[1-3]/3 .*")).count());
        JsonNode j = JSON.readTree(r.lastLine());
        assertEquals("done", j.get("status").asText());
        assertEquals(3, j.get("trainLoss").size());
        assertEquals(3, j.get("testLoss").size());
        for (String k :
                new String[] {"message", "initialTrainLoss", "initialTestLoss", "testRmse", "samplesPerSecond"}) {
            assertTrue(j.has(k), k);
        }
        assertEquals(4, j.get("weights").get(0).size());
        assertTrue(j.get("samplesPerSecond").asLong() > 0);
        // the same flags give the same numbers
        assertEquals(
                j.get("testLoss"),
                JSON.readTree(run("", "train", "--epochs", "3", "--layers", "2,4,2", "--seed=9")
                                .lastLine())
                        .get("testLoss"));
    }

    @Test
    void aDivergedRunSaysSoAndExitsNormally() throws Exception {
        Result r = run("", "train", "--lr", "10", "--standardize", "false", "--epochs", "2");
        assertEquals(0, r.code());
        JsonNode j = JSON.readTree(r.lastLine());
        assertEquals("diverged", j.get("status").asText());
        assertTrue(j.get("message").asText().startsWith("Diverged in epoch 1 at sample"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "train --lr|lr: needs a value",
                "train --lr 0|lr: must be a number greater than 0",
                "train --speling 3|speling: is not a parameter",
                "train lr 3|lr: is not a flag",
                "train --epochs 2 --epochs 3|epochs: is given more than once",
                "train --layers 2,3,3|layers: exp-sin has 2 inputs and 2 outputs",
                "bench --net 1-2-3|net: must be one of",
                "fly|unknown command",
            })
    void badArgumentsExitWithCode2AndAMessage(String args, String message) {
        Result r = run("", args.split(" "));
        assertEquals(2, r.code());
        assertTrue(r.err().contains(message), r.err());
        assertEquals("", r.out());
    }

    @Test
    void stepReadsOneRequestAndPrintsTheResponse() throws Exception {
        String req = "{\"layers\":[2,3,2],\"activations\":[\"sigmoid\",\"linear\"],"
                + "\"weights\":[[[0.97007005,0.61840113],[0.92420913,0.97500156],[0.72183716,0.53289514]],"
                + "[[0.85264027,0.97336448,0.51301245],[0.2620828,0.97489056,0.90059674]]],"
                + "\"x\":[1,3],\"t\":[4,1],\"lr\":0.01}";
        Result r = run(req, "step");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(2.22511231, j.get("y").get(0).asDouble(), 5e-9);
        assertEquals(2.09738016, j.get("loss").asDouble(), 5e-9);
        assertEquals(2, j.get("z").size());
        assertEquals(2, j.get("a").size(), "a per weight layer, without x");
        for (String k : new String[] {"delta", "weightGradients", "biasGradients", "weightsAfter", "biasesAfter"}) {
            assertTrue(j.has(k), k);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|body: is empty",
                "{|body: is not valid",
                "{\"layers\":[2,3,2]}|activations:",
                "{\"layers\":[2,300,2]}|layers: layer 1 has width 300",
                "{\"layers\":[2,2],\"activations\":[\"linear\"],\"weights\":[[[1,2],[3,4]]],\"x\":[1,2],\"t\":[1,2],\"lr\":\"fast\"}|lr",
                "{\"layers\":[2,2],\"activations\":[\"linear\"],\"weights\":[[[1,2]]],\"x\":[1,2],\"t\":[1,2],\"lr\":0.1}|weights: W^(1) needs 2 rows",
                "{\"layers\":[2,2],\"activations\":[\"linear\"],\"weights\":[[[1,2],[3,4]]],\"x\":[1],\"t\":[1,2],\"lr\":0.1}|x: needs 2 values",
            })
    void badStepRequestsExitWithCode2(String body, String message) {
        Result r = run(body, "step");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains(message), r.err());
    }

    @Test
    void benchMeasuresTheNamedNet() throws Exception {
        Result r = run("", "bench", "--net", "2-3-2");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.lastLine());
        assertEquals("2-3-2", j.get("net").asText());
        assertTrue(j.get("samplesPerSecond").asLong() > 0);
    }

    @Test
    void numbersJsonCannotHoldAreNullAndTheFirstIsNamed() throws Exception {
        // z = 1e308 * 10 overflows: z, y, the loss and what follows are not finite
        String req = "{\"layers\": [1, 1], \"activations\": [\"linear\"], \"weights\": [[[1e308]]], \"x\": [10],"
                + " \"t\": [0], \"lr\": 1}";
        Result r = run(req, "step");
        assertEquals(0, r.code(), r.err());
        assertTrue(!r.out().contains("Infinity\"") && !r.out().contains("NaN\""), r.out());
        JsonNode j = JSON.readTree(r.lastLine());
        assertTrue(j.get("z").get(0).get(0).isNull(), r.out());
        assertTrue(j.get("loss").isNull(), r.out());
        assertEquals(
                "z[0][0] is Infinity (JSON has no NaN or infinities: such numbers are null)",
                j.get("nonFinite").asText());
        // a finite step says nothing of the kind
        Result fine = run(req.replace("1e308", "0.5"), "step");
        assertTrue(!JSON.readTree(fine.lastLine()).has("nonFinite"), fine.out());
    }
}
