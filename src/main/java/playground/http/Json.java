package playground.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import playground.json.FiniteJson;
import playground.nn.Trace;
import playground.training.LossNow;
import playground.training.Snapshot;

/** JSON shapes of the API. Per-layer lists start at layer 1, as in the step contract. */
final class Json {
    static final ObjectMapper MAPPER = FiniteJson.MAPPER;

    private Json() {}

    /** JSON with the one convention for NaN and infinities: null, and {@code "nonFinite"} naming the first. */
    static String write(Object o) {
        return FiniteJson.write(o);
    }

    /** Javalin's {@code ctx.json} writes and reads through the same mapper and convention. */
    static final io.javalin.json.JsonMapper JAVALIN = new io.javalin.json.JsonMapper() {
        @Override
        public String toJsonString(Object obj, java.lang.reflect.Type type) {
            return write(obj);
        }

        @Override
        public <T> T fromJsonString(String json, java.lang.reflect.Type type) {
            try {
                return MAPPER.readValue(json, MAPPER.constructType(type));
            } catch (JsonProcessingException e) {
                throw new playground.training.ConfigException("body", "is not valid JSON: " + e.getOriginalMessage());
            }
        }
    };

    /**
     * The most parameters (weights and biases) the API lists number by number: the weights and numpy exports refuse a
     * larger network (400), and the status JSON and the {@code sample} events leave its per-weight arrays out (null).
     * 784-128-10 (101,770) fits; at about 14 characters a number a response stays near 2 MB per matrix set.
     */
    static final int MAX_LISTED_PARAMETERS = 120_000;

    /** The longest {@code weights} a link or a request may carry (the link of a weights export includes them only then). */
    static final int MAX_WEIGHTS_CHARS = 200_000;

    /** Whether the API lists this configuration's weights one by one. */
    static boolean listed(playground.training.Config config) {
        return config.parameterCount() <= MAX_LISTED_PARAMETERS;
    }

    /** Refuses an export of a network too big to list. */
    static void checkListed(playground.training.Config config, String what) {
        if (!listed(config)) {
            throw new playground.training.ConfigException(
                    what,
                    "this network has " + config.parameterCount() + " weights and biases; exports are limited to "
                            + MAX_LISTED_PARAMETERS + " (about 2 MB)");
        }
    }

    /**
     * Initial weights in a link or a request: {"weights": [W^(1), ...], "biases": [b^(1), ...]} (biases optional), or
     * the weights export whole (its "layers", checked against the network, its "url" and "urlNote").
     */
    record InitialWeights(double[][][] weights, double[][] biases, int[] layers, String url, String urlNote) {}

    /** The network a run starts from, when the link or request gives its weights (null when it does not). */
    static playground.nn.Network initialWeights(String text, playground.training.Config config) {
        if (text == null) return null;
        if (text.length() > MAX_WEIGHTS_CHARS) throw new playground.training.ConfigException("weights", "is too long");
        InitialWeights w;
        try {
            w = MAPPER.readValue(text, InitialWeights.class);
        } catch (JsonProcessingException e) {
            throw new playground.training.ConfigException(
                    "weights",
                    "must be JSON like {\"weights\": [[[...]]], \"biases\": [[...]]}: " + e.getOriginalMessage());
        }
        if (w == null) throw new playground.training.ConfigException("weights", "must be a JSON object");
        // the weights export says its layers too (and a link): weights of another shape are named as such
        if (w.layers() != null && !config.sameLayers(w.layers())) {
            throw new playground.training.ConfigException(
                    "weights",
                    "they are for layers " + join(w.layers()) + ", and this network has layers "
                            + join(config.layers()));
        }
        return config.network(w.weights(), w.biases());
    }

    private static String join(int[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ",").append(v[i]);
        return sb.toString();
    }

    /** The weights of a snapshot in the link format (W^(1) first). */
    static Map<String, Object> weights(Snapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weights", drop0(s.weights()));
        if (s.config().bias()) m.put("biases", drop0(s.biases()));
        return m;
    }

    static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    /** The status JSON of a run. */
    static Map<String, Object> status(Snapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.runId());
        m.put("state", s.state().id());
        m.put("epoch", s.epoch());
        m.put("epochs", s.config().epochs());
        m.put("sample", s.sample());
        m.put("samples", s.trainCount());
        m.put("samplesPerSecond", Math.round(s.samplesPerSecond()));
        m.put("speed", s.speed().id());
        m.put("initialTrainLoss", s.initialTrainLoss());
        m.put("initialTestLoss", s.initialTestLoss());
        m.put("trainLoss", s.trainLoss());
        m.put("testLoss", s.testLoss());
        m.put("testRmse", s.testRmse());
        if (s.config().classification()) {
            m.put("initialTrainAccuracy", s.initialTrainAccuracy());
            m.put("initialTestAccuracy", s.initialTestAccuracy());
            m.put("trainAccuracy", s.trainAccuracy());
            m.put("testAccuracy", s.testAccuracy());
        }
        m.put("gradientNorms", s.gradientNorms());
        m.put("updateRatios", s.updateRatios());
        m.put("saturatedUnits", s.saturatedUnits());
        m.put("deadUnits", s.deadUnits());
        if (!s.edits().isEmpty()) {
            m.put("edits", s.edits());
            List<Map<String, Object>> losses = new java.util.ArrayList<>();
            for (LossNow l : s.editLosses()) losses.add(lossNow(l, s.config().classification()));
            m.put("editLosses", losses);
        }
        // the loss at the weights now, when a learner has changed them since the last sample (null otherwise)
        m.put(
                "lossNow",
                s.lossNow() == null ? null : lossNow(s.lossNow(), s.config().classification()));
        m.put("message", s.message());
        m.put("config", s.config().toJson());
        boolean listed = listed(s.config());
        m.put("weights", listed ? drop0(s.weights()) : null);
        m.put("biases", listed && s.config().bias() ? drop0(s.biases()) : null);
        if (!listed) m.put("omitted", omitted(s));
        return m;
    }

    /** The loss at weights a learner edited: {"at", "trainLoss", "testLoss"} and, for classification, accuracies. */
    static Map<String, Object> lossNow(LossNow l, boolean classification) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", l.at().toString());
        // null when not worked out (the data times the net is over an edit's budget: Config.MAX_LOSS_NOW_WORK)
        m.put("trainLoss", l.workedOut() ? l.trainLoss() : null);
        m.put("testLoss", l.workedOut() ? l.testLoss() : null);
        if (classification && !l.workedOut()) {
            m.put("trainAccuracy", null);
            m.put("testAccuracy", null);
        } else if (classification) {
            m.put("trainAccuracy", l.trainAccuracy());
            m.put("testAccuracy", l.testAccuracy());
        }
        return m;
    }

    /** The {@code sample} event: one traced sample, in the /api/step layout plus x, t and where it was. */
    static Map<String, Object> sample(Snapshot s) {
        Trace t = s.trace();
        Map<String, Object> m = new LinkedHashMap<>();
        // the moment right after this sample was trained (as the page's panel names it)
        var at = s.traceAt() == null ? s.at() : s.traceAt();
        m.put("epoch", at.epoch());
        m.put("sample", at.sample());
        m.put("x", t.x());
        m.put("t", t.t());
        m.put("z", drop0(t.z()));
        m.put("a", drop0(t.a()));
        m.put("y", t.y());
        m.put("loss", t.loss());
        m.put("delta", drop0(t.delta()));
        boolean listed = listed(s.config());
        m.put("weightGradients", listed ? drop0(t.dW()) : null);
        m.put("biasGradients", listed ? drop0(t.db()) : null);
        m.put("weightsBefore", listed ? drop0(t.wBefore()) : null);
        m.put("weightsAfter", listed ? drop0(t.wAfter()) : null);
        m.put("biasesAfter", listed ? drop0(t.bAfter()) : null);
        if (!listed) m.put("omitted", omitted(s));
        m.put("updated", t.updated());
        return m;
    }

    /** The {@code epoch} event for completed epoch e + 1: its losses and, for classification, accuracies. */
    static Map<String, Object> epoch(Snapshot s, int e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", e + 1);
        m.put("trainLoss", s.trainLoss().get(e));
        m.put("testLoss", s.testLoss().get(e));
        if (e < s.trainAccuracy().size()) {
            m.put("trainAccuracy", s.trainAccuracy().get(e));
            m.put("testAccuracy", s.testAccuracy().get(e));
        }
        return m;
    }

    private static String omitted(Snapshot s) {
        return "weights, biases and their gradients: " + s.config().parameterCount() + " are more than the "
                + MAX_LISTED_PARAMETERS + " the API lists";
    }

    static <T> List<T> drop0(T[] perLayer) {
        return Arrays.asList(perLayer).subList(1, perLayer.length);
    }
}
