package playground.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import playground.export.NumpyScript;
import playground.json.StepJson;
import playground.nn.Trace;
import playground.training.Action;
import playground.training.Config;
import playground.training.ConfigException;
import playground.training.Param;
import playground.training.Run;
import playground.training.RunState;
import playground.training.Runs;
import playground.training.Snapshot;
import playground.training.Speed;
import playground.training.StepContract;

/** The JSON API: the same trainer as the page, for scripts and tests. */
final class Api {
    private final Runs runs;
    private final Streams streams;

    private final Uploads uploads;

    Api(Runs runs, Streams streams, Uploads uploads) {
        this.uploads = uploads;
        this.runs = runs;
        this.streams = streams;
    }

    /** POST /api/step: the step contract of the command line. */
    void step(Context ctx) {
        StepContract.Request req = StepJson.parse(ctx.body());
        ctx.json(StepContract.run(req));
    }

    /** POST /api/runs: creates an idle run bound to the caller's session. */
    void create(Context ctx) {
        Map<String, String> params = configParams(ctx.body());
        Speed speed = Speed.parse(params.remove("speed"));
        String weights = params.remove("weights");
        Config config = Config.parse(params, uploads.resolver(Sessions.existing(ctx)));
        var initial = Json.initialWeights(weights, config);
        String session = Sessions.ensure(ctx);
        Run run = runs.create(session, Connections.clientAddress(ctx), config, speed, initial, true);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", run.id());
        m.put("url", Pages.url(config, speed) + (weights == null ? "" : "&weights=" + Pages.encode(weights)));
        m.put("config", config.toJson());
        ctx.status(HttpStatus.CREATED).json(m);
    }

    /** GET /api/runs/{id}. */
    void get(Context ctx) {
        ctx.json(Json.status(run(ctx).snapshot()));
    }

    /** POST /api/runs/{id}/{action}. */
    void action(Context ctx, Action action) {
        ctx.json(Json.status(runs.control(run(ctx), action)));
    }

    /**
     * POST /api/runs/{id}/weight, JSON {"ref": "W2-0-1", "value": 0.5}: sets one weight or bias of a paused (or idle)
     * run, kept as an edit for its link (see {@link playground.training.Edit}); answers the run's status.
     */
    void weight(Context ctx) {
        Run run = run(ctx);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new ConfigException("body", "must be JSON such as {\"ref\": \"W2-0-1\", \"value\": 0.5}");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("body", "must be a JSON object such as {\"ref\": \"W2-0-1\", \"value\": 0.5}");
        }
        JsonNode ref = root.get("ref"), value = root.get("value");
        if (value == null || !(value.isNumber() || value.isTextual())) {
            throw new ConfigException("value", "must be a number, e.g. 0.5");
        }
        double v = playground.training.Edit.value(value.isNumber() ? value.asText() : value.textValue());
        ctx.json(Json.status(run.edit(ref == null || !ref.isTextual() ? null : ref.textValue(), v)));
    }

    /**
     * POST /api/runs/{id}/points, JSON {"op": "add", "x1": 1.5, "x2": -2, "label": 1} or {"op": "delete", "x1": 1.5,
     * "x2": -2}: adds a point to a paused (or idle) run's training set on a 2-D dataset, or deletes the training point
     * nearest (x1, x2) within {@link Run#PICK_RADIUS}, kept as an edit for its link (see {@link
     * playground.training.Edit}); answers the run's status.
     */
    void points(Context ctx) {
        Run run = run(ctx);
        String example = "{\"op\": \"add\", \"x1\": 1.5, \"x2\": -2, \"label\": 1}";
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new ConfigException("body", "must be JSON such as " + example);
        }
        if (root == null || !root.isObject())
            throw new ConfigException("body", "must be a JSON object such as " + example);
        JsonNode op = root.get("op");
        String o = op == null || !op.isTextual() ? "" : op.textValue();
        if (!o.equals("add") && !o.equals("delete")) throw new ConfigException("op", "must be \"add\" or \"delete\"");
        boolean add = o.equals("add");
        ctx.json(Json.status(
                run.editPoint(add, number(root, "x1"), number(root, "x2"), add ? number(root, "label") : 0)));
    }

    private static double number(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || !v.isNumber()) throw new ConfigException(field, "must be a number");
        double d = v.asDouble();
        if (!Double.isFinite(d)) throw new ConfigException(field, "must be a finite number");
        return d;
    }

    /**
     * GET /api/runs/{id}/gradcheck: backprop against central finite differences, for the current sample: every
     * parameter, or a seeded sample of them on big networks ({@code checked} of {@code total}), within 5 s.
     */
    void gradcheck(Context ctx) {
        Run.Check c = Checks.of(ctx, run(ctx));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (var e : c.result().entries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", e.layer());
            m.put("i", e.i());
            m.put("j", e.j());
            m.put("backprop", e.backprop());
            m.put("numeric", e.numeric());
            m.put("relativeError", e.relativeError());
            entries.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("maxRelativeError", c.result().maxRelativeError());
        out.put("checked", c.result().checked());
        out.put("total", c.result().total());
        out.put("cutShort", c.result().cutShort());
        out.put("x", c.x());
        out.put("t", c.t());
        out.put("entries", entries);
        ctx.json(out);
    }

    /** GET /api/runs/{id}/export?format=numpy: the network as a self-contained numpy script. */
    void export(Context ctx) {
        String format = ctx.queryParam("format");
        if (!"numpy".equals(format)) throw new ConfigException("format", "must be numpy");
        Snapshot s = run(ctx).snapshot();
        Json.checkListed(s.config(), "export");
        ctx.contentType("text/x-python; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"backprop-" + s.runId() + ".py\"");
        ctx.result(NumpyScript.of(s, Pages.url(s.config(), s.speed())));
    }

    /**
     * GET /api/runs/{id}/weights: the current weights, and the link of a run that starts from them (the same
     * configuration), to carry on elsewhere or to share.
     */
    void weights(Context ctx) {
        Snapshot s = run(ctx).snapshot();
        Json.checkListed(s.config(), "weights");
        Map<String, Object> m = new LinkedHashMap<>(Json.weights(s));
        m.put(Param.LAYERS.id(), s.config().toJson().get(Param.LAYERS.id()));
        String weights = Json.write(Json.weights(s));
        String url = Pages.url(s.config(), s.speed());
        if (weights.length() <= Json.MAX_WEIGHTS_CHARS) {
            m.put("url", url + "&weights=" + Pages.encode(weights));
        } else {
            // a link takes at most MAX_WEIGHTS_CHARS of weights: give the run's own link, and say why
            m.put("url", url);
            m.put(
                    "urlNote",
                    "the weights (" + weights.length() + " characters) are too long for a link (at most "
                            + Json.MAX_WEIGHTS_CHARS + ")");
        }
        ctx.json(m);
    }

    /** GET /api/runs/{id}/events: JSON events sample, epoch and state. */
    void events(SseClient client) {
        Run run = runs.find(Sessions.existing(client.ctx()), client.ctx().pathParam("id"));
        if (run == null) {
            client.close();
            return;
        }
        streams.attach(client, run, new JsonEncoder());
    }

    Run run(Context ctx) {
        Run run = runs.find(Sessions.existing(ctx), ctx.pathParam("id"));
        if (run == null) throw new NotFound("no run with this id in your session");
        return run;
    }

    /** The JSON body of POST /api/runs as parameter strings: the same names (a list, such as layers, as an array). */
    static Map<String, String> configParams(String body) {
        if (body == null || body.isBlank()) return new LinkedHashMap<>();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ConfigException("body", "is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new ConfigException("body", "must be a JSON object");
        Map<String, String> params = new LinkedHashMap<>();
        var fields = root.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            JsonNode v = f.getValue();
            String text;
            Param param = Param.named(f.getKey());
            if (param != null && param.array() && v.isArray()) {
                List<String> parts = new ArrayList<>();
                for (JsonNode n : v) {
                    if (!n.canConvertToInt() || !n.isIntegralNumber()) {
                        throw new ConfigException(f.getKey(), "must be an array of whole numbers, e.g. [2, 3, 2]");
                    }
                    parts.add(String.valueOf(n.intValue()));
                }
                text = String.join(",", parts);
            } else if (f.getKey().equals("weights") && v.isObject()) {
                text = v.toString();
            } else if (v.isValueNode() && !v.isNull()) {
                text = v.isNumber() ? v.numberValue().toString() : v.asText();
                if (v.isBigInteger() || v.isBigDecimal()) text = v.asText();
            } else {
                throw new ConfigException(f.getKey(), "must be a single value");
            }
            params.put(f.getKey(), text);
        }
        return params;
    }

    /** Turns snapshots into the API's JSON events, sending each epoch once and a sample when a new one was traced. */
    static final class JsonEncoder implements java.util.function.Function<Snapshot, List<Streams.Event>> {
        private int epochsSent = 0;
        private Trace lastTrace;
        private RunState lastState;

        @Override
        public List<Streams.Event> apply(Snapshot s) {
            List<Streams.Event> events = new ArrayList<>();
            boolean changed = s.state() != lastState;
            boolean terminal = s.state() == RunState.DONE || s.state() == RunState.DIVERGED;
            // a run that starts, pauses or resumes says so first; one that ends says so after its last epoch
            if (changed && !terminal) events.add(state(s));
            if (s.trainLoss().size() < epochsSent) epochsSent = 0; // the run was reset
            if (s.trace() != null && s.trace() != lastTrace) {
                events.add(new Streams.Event("sample", Json.write(Json.sample(s))));
                lastTrace = s.trace();
            }
            for (int e = epochsSent; e < s.trainLoss().size(); e++) {
                events.add(new Streams.Event("epoch", Json.write(Json.epoch(s, e))));
            }
            epochsSent = s.trainLoss().size();
            if (changed && terminal) events.add(state(s));
            lastState = s.state();
            return events;
        }

        private static Streams.Event state(Snapshot s) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("state", s.state().id());
            st.put("epoch", s.epoch());
            st.put("sample", s.sample());
            st.put("message", s.message());
            return new Streams.Event("state", Json.write(st));
        }
    }

    /** 404 with a JSON message. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }
}
