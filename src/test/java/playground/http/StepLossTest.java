package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POST /api/step with a loss: its validation, the loss values, and its gradients against finite differences. */
class StepLossTest {
    @RegisterExtension
    static final LiveServer server = new LiveServer();

    static final double[][] W1 = {{0.3, -0.8}, {1.1, 0.4}, {-0.5, 0.9}};
    static final double[][] W2 = {{0.7, -1.2, 0.2}, {-0.3, 0.6, 1.4}, {0.9, 0.1, -0.6}};
    static final double[][] B = {{0.1, -0.2, 0.05}, {0.3, 0, -0.1}};

    Http visitor() {
        return new Http(server.port());
    }

    /** A 2-3-3 step request with tanh hidden units, the given output and loss (null leaves it out), and lr. */
    static String request(String output, String loss, double[][] w1, double[][] w2, String t, double lr)
            throws Exception {
        return "{\"layers\":[2,3,3],\"activations\":[\"tanh\",\"" + output + "\"]"
                + (loss == null ? "" : ",\"loss\":\"" + loss + "\"")
                + ",\"weights\":" + Http.JSON.writeValueAsString(new double[][][] {w1, w2})
                + ",\"biases\":" + Http.JSON.writeValueAsString(B)
                + ",\"x\":[0.5,-1.5],\"t\":" + t + ",\"lr\":" + lr + "}";
    }

    String error(String body) throws Exception {
        HttpResponse<String> r = visitor().post("/api/step", body);
        assertEquals(400, r.statusCode(), r.body());
        return Http.json(r).get("error").asText();
    }

    @Test
    void anUnknownLossIsRefusedByName() throws Exception {
        String e = error(request("sigmoid", "hinge", W1, W2, "[0,1,0]", 0.1));
        assertTrue(e.startsWith("loss:") && e.contains("mse, cross-entropy"), e);
    }

    @Test
    void crossEntropyNeedsASigmoidOrSoftmaxOutput() throws Exception {
        for (String out : new String[] {"linear", "tanh", "relu"}) {
            String e = error(request(out, "cross-entropy", W1, W2, "[0,1,0]", 0.1));
            assertTrue(e.startsWith("loss:") && e.contains("sigmoid or softmax") && e.contains(out), e);
        }
    }

    @Test
    void softmaxIsForTheLastLayerOnly() throws Exception {
        String e = error(request("softmax", null, W1, W2, "[0,1,0]", 0.1)
                .replace("[\"tanh\",\"softmax\"]", "[\"softmax\",\"sigmoid\"]"));
        assertTrue(e.startsWith("activations:") && e.contains("softmax can only be the last"), e);
    }

    @Test
    void softmaxNeedsTwoOrMoreOutputs() throws Exception {
        String body = "{\"layers\":[2,3,1],\"activations\":[\"tanh\",\"softmax\"],\"loss\":\"cross-entropy\","
                + "\"weights\":[[[1,2],[3,4],[5,6]],[[1,2,3]]],\"x\":[0.5,-1.5],\"t\":[1],\"lr\":0.1}";
        String e = error(body);
        assertTrue(e.startsWith("activations:") && e.contains("two or more outputs"), e);
    }

    @Test
    void crossEntropyTargetsMustBeProbabilities() throws Exception {
        for (String t : new String[] {"[0,1.5,0]", "[-0.1,1,0]"}) {
            String e = error(request("softmax", "cross-entropy", W1, W2, t, 0.1));
            assertTrue(e.startsWith("t:") && e.contains("0 to 1"), e);
            e = error(request("sigmoid", "cross-entropy", W1, W2, t, 0.1));
            assertTrue(e.startsWith("t:") && e.contains("0 to 1"), e);
        }
        // mse takes any targets, through softmax too
        HttpResponse<String> r = visitor().post("/api/step", request("softmax", "mse", W1, W2, "[0,1.5,0]", 0.1));
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void theLossDefaultsToMse() throws Exception {
        JsonNode none = step(request("sigmoid", null, W1, W2, "[0.2,0.7,0]", 0.1));
        JsonNode mse = step(request("sigmoid", "mse", W1, W2, "[0.2,0.7,0]", 0.1));
        assertEquals(mse, none);
        double[] t = {0.2, 0.7, 0};
        double e = 0;
        for (int i = 0; i < 3; i++)
            e += 0.5 * Math.pow(t[i] - mse.get("y").get(i).asDouble(), 2);
        assertEquals(e, mse.get("loss").asDouble(), 1e-15);
    }

    @ParameterizedTest
    @CsvSource({"softmax, cross-entropy", "sigmoid, cross-entropy", "softmax, mse"})
    void theLossIsTheChosenOnesE(String output, String loss) throws Exception {
        double[] t = {0.2, 0.7, 0};
        JsonNode j = step(request(output, loss, W1, W2, "[0.2,0.7,0]", 0.1));
        double e = 0, sum = 0;
        for (int i = 0; i < 3; i++) {
            double y = j.get("y").get(i).asDouble();
            sum += y;
            if (loss.equals("mse")) e += 0.5 * (t[i] - y) * (t[i] - y);
            else if (output.equals("softmax")) e -= t[i] * Math.log(y);
            else e -= t[i] * Math.log(y) + (1 - t[i]) * Math.log(1 - y);
        }
        assertEquals(e, j.get("loss").asDouble(), 1e-14 * Math.max(1, Math.abs(e)));
        if (output.equals("softmax")) assertEquals(1, sum, 1e-15);
    }

    /**
     * The gradient POST /api/step returns is dE/dW: for every weight, (E(w + h) − E(w − h)) / 2h with h = 1e-5 agrees
     * to 1e-6 relative. With lr = 0 the step leaves the weights as they were, and "loss" is E at the given weights.
     */
    @ParameterizedTest
    @CsvSource({"softmax, cross-entropy", "sigmoid, cross-entropy", "softmax, mse"})
    void theGradientsMatchFiniteDifferencesThroughTheApi(String output, String loss) throws Exception {
        String t = "[0.2,0.7,0]";
        JsonNode j = step(request(output, loss, W1, W2, t, 0));
        assertEquals(Http.JSON.valueToTree(new double[][][] {W1, W2}), j.get("weightsAfter"));
        double h = 1e-5;
        double[][][] w = {W1, W2};
        for (int l = 0; l < 2; l++) {
            for (int i = 0; i < w[l].length; i++) {
                for (int k = 0; k < w[l][i].length; k++) {
                    double[][][] plus = copy(w), minus = copy(w);
                    plus[l][i][k] += h;
                    minus[l][i][k] -= h;
                    double ePlus = step(request(output, loss, plus[0], plus[1], t, 0))
                            .get("loss")
                            .asDouble();
                    double eMinus = step(request(output, loss, minus[0], minus[1], t, 0))
                            .get("loss")
                            .asDouble();
                    double numeric = (ePlus - eMinus) / (2 * h);
                    double analytic =
                            j.get("weightGradients").get(l).get(i).get(k).asDouble();
                    String at = output + "+" + loss + " dE/dW^(" + (l + 1) + ")_" + i + k;
                    assertTrue(
                            Math.abs(numeric - analytic) <= 1e-6 * Math.max(Math.abs(analytic), 1e-3),
                            at + ": " + numeric + " vs " + analytic);
                }
            }
        }
    }

    JsonNode step(String body) throws Exception {
        HttpResponse<String> r = visitor().post("/api/step", body);
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    static double[][][] copy(double[][][] w) {
        double[][][] c = new double[w.length][][];
        for (int l = 0; l < w.length; l++) {
            c[l] = new double[w[l].length][];
            for (int i = 0; i < w[l].length; i++) c[l][i] = w[l][i].clone();
        }
        return c;
    }
}
