package playground.http;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import playground.nn.Trace;
import playground.training.BusyException;
import playground.training.Config;
import playground.training.ConfigException;
import playground.training.Run;
import playground.training.RunState;
import playground.training.Runs;
import playground.training.Snapshot;
import playground.training.Speed;
import playground.view.ChartView;
import playground.view.EquationsView;
import playground.view.FeedbackView;
import playground.view.GradCheckView;
import playground.view.PageView;
import playground.view.PicturesView;
import playground.view.SampleView;
import playground.view.StatusView;
import playground.view.TimelineView;
import playground.view.WeightsView;

/** The page and its fragments: GET /, the page's controls, and its SSE stream of HTML fragments. */
final class Pages {

    /** The named SSE events of the page, each one fragment template. */
    static final List<String> EVENTS = List.of(
            "status",
            "controls",
            "state",
            "weights",
            "chart",
            "equations",
            "announce",
            "timeline",
            "diagram",
            "heatmap");

    private final Runs runs;
    private final Streams streams;
    private final Templates templates;

    private final Uploads uploads;

    Pages(Runs runs, Streams streams, Templates templates, Uploads uploads) {
        this.uploads = uploads;
        this.runs = runs;
        this.streams = streams;
        this.templates = templates;
    }

    static String url(Config config, Speed speed) {
        return PageView.url(config.toParams(), speed.id());
    }

    /** GET /: the form restored from the URL; a valid configuration gets (or reattaches to) the session's run. */
    void page(Context ctx) {
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            String name = e.getKey();
            if (!Config.NAMES.contains(name)
                    && !List.of("speed", "notebook", "at", "weights", "uploadError")
                            .contains(name)) {
                errors.putIfAbsent("url", "Unknown parameter \"" + clip(name) + "\" was ignored.");
                continue;
            }
            if (e.getValue().size() > 1) {
                errors.put(name, "is given " + e.getValue().size() + " times in the URL; give it once");
            }
            given.put(name, e.getValue().get(0));
        }
        Speed speed = Speed.MAX;
        try {
            speed = Speed.parse(given.remove("speed"));
        } catch (ConfigException e) {
            errors.put("speed", e.getMessage());
        }
        String weights = given.remove("weights");
        String uploadError = given.remove("uploadError");
        if ("upload".equals(given.get("dataset"))) given.remove("dataset");
        String known = Sessions.existing(ctx);
        var uploaded = uploads.resolver(known);
        int[] at = null;
        String atText = given.remove("at");
        if (atText != null) {
            at = parseAt(atText);
            if (at == null) errors.put("url", "at: must be EPOCHS:SAMPLES (whole numbers, 0 or more), e.g. 3:120");
        }
        boolean asWritten = false;
        String notebook = given.remove("notebook");
        if (notebook != null) {
            if (!notebook.equals("as-written")) {
                errors.put("url", "notebook: must be as-written (the notebook's own computations, bugs included)");
            } else if (!"notebook-example".equals(given.get("dataset"))) {
                errors.put(
                        "dataset", "the notebook as written runs on its own worked example: choose notebook-example");
            } else {
                asWritten = true;
            }
        }
        Config config = null;
        if (errors.keySet().stream().allMatch(k -> k.equals("url") || k.equals("speed"))) {
            try {
                config = Config.parse(given, uploaded);
            } catch (ConfigException e) {
                errors.put(e.field(), e.getMessage());
            }
        }
        Snapshot snapshot = null;
        String busy = null;
        if (config != null) {
            String session = Sessions.ensure(ctx);
            try {
                var initial = Json.initialWeights(weights, config);
                Run run = runs.findByConfig(session, config, initial);
                if (run == null) {
                    if (at != null) config.checkSeek(at[0], at[1]); // a budget: the seek trains on this thread
                    run = runs.create(session, config, speed, initial, false); // GET is safe: evicts nothing
                    // a link to a moment: the new run trains up to it (the same numbers, as everything is seeded)
                    if (at != null) run.seek(at[0], at[1]);
                }
                if (!run.snapshot().speed().equals(speed)) run.setSpeed(speed);
                snapshot = run.snapshot();
            } catch (BusyException e) {
                busy = e.getMessage();
                ctx.status(503).header("Retry-After", "60");
            } catch (ConfigException e) {
                errors.put(e.field(), e.getMessage());
                config = null;
            }
        }
        PageView view = PageView.of(
                given,
                errors,
                speed.id(),
                snapshot,
                busy,
                asWritten,
                weights,
                uploaded,
                uploads.list(known),
                uploadError);
        if (!errors.isEmpty() && config == null) ctx.status(400);
        ctx.html(templates.render("page.jte", view));
    }

    /** POST /runs/{id}/{action}: a control button. Answers the new status fragment (the stream brings the rest). */
    void control(Context ctx) {
        Run run = runs.find(Sessions.existing(ctx), ctx.pathParam("id"));
        if (run == null) throw new Api.NotFound("no run with this id in your session; reload the page");
        Snapshot s = run.control(ctx.pathParam("action"));
        ctx.status(204);
        ctx.header("X-Run-State", s.state().id());
    }

    /** POST /runs/{id}/predict: how close a learner's guess was; the next phase then reveals the value. */
    void predict(Context ctx) {
        Run run = runs.find(Sessions.existing(ctx), ctx.pathParam("id"));
        if (run == null) throw new Api.NotFound("no run with this id in your session; reload the page");
        String what = String.valueOf(ctx.formParam("what"));
        String label = what.startsWith("d") ? "δ" : "w";
        String text = String.valueOf(ctx.formParam("guess")).trim().replace('−', '-');
        double guess;
        try {
            guess = Double.parseDouble(text);
            if (!Double.isFinite(guess) || text.matches(".*[a-zA-Z&&[^eE]].*")) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            ctx.html(templates.render("feedback.jte", FeedbackView.notANumber(label)));
            return;
        }
        Run.Feedback f = run.predict(what, guess);
        ctx.html(templates.render("feedback.jte", FeedbackView.of(label, f)));
    }

    /** GET /runs/{id}/fragments/{name}: one fragment alone (house rule 5). */
    void fragment(Context ctx) {
        Run run = runs.find(Sessions.existing(ctx), ctx.pathParam("id"));
        if (run == null) throw new Api.NotFound("no run with this id in your session");
        String name = ctx.pathParam("name");
        if (name.equals("gradcheck")) {
            Run.Check c = Checks.of(ctx, run);
            ctx.html(templates.render("gradcheck.jte", GradCheckView.of(run.id(), c.x(), c.t(), c.result())));
            return;
        }
        if (!EVENTS.contains(name)) throw new Api.NotFound("no fragment called " + clip(name));
        ctx.html(render(name, run.snapshot()));
    }

    /** GET /runs/{id}/moment?at=N: the state tables at a timeline position (a logged sample, up to a phase). */
    void moment(Context ctx) {
        Run run = runs.find(Sessions.existing(ctx), ctx.pathParam("id"));
        if (run == null) throw new Api.NotFound("no run with this id in your session");
        Snapshot s = run.snapshot();
        int phases = playground.training.Moment.phases(s.layers());
        int position;
        try {
            position = Integer.parseInt(String.valueOf(ctx.queryParam("at")).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("at", "must be a whole number");
        }
        if (position < 0) throw new ConfigException("at", "must be 0 or more");
        int[] at = TimelineView.at(position, phases);
        var m = run.moment(at[0]);
        // the tables, and the equations of the same moment in place of the current ones (an out-of-band swap)
        ctx.html(templates.render("state.jte", SampleView.of(m, s.config(), at[1], s.trainCount()))
                + "<div id=\"equations\" hx-swap-oob=\"innerHTML\">"
                + templates.render("equations.jte", EquationsView.of(m.trace(), s.config(), at[1]))
                + "</div>");
    }

    /** GET /runs/{id}/stream: the page's SSE stream of named HTML fragments. */
    void stream(SseClient client) {
        Run run = runs.find(Sessions.existing(client.ctx()), client.ctx().pathParam("id"));
        if (run == null) {
            client.close();
            return;
        }
        streams.attach(client, run, new FragmentEncoder());
    }

    String render(String name, Snapshot s) {
        return switch (name) {
            case "status", "controls", "announce" -> templates.renderLine(name + ".jte", StatusView.of(s));
            case "timeline" -> templates.renderLine("timeline.jte", TimelineView.of(s));
            case "state" -> templates.renderLine("state.jte", SampleView.of(s));
            case "weights" -> templates.renderLine("weights.jte", WeightsView.of(s));
            case "equations" -> templates.renderLine("equations.jte", EquationsView.of(s));
            case "chart" -> templates.renderLine("chart.jte", ChartView.of(s));
            case "diagram" ->
                templates.renderLine("diagram.jte", PicturesView.of(s, false).diagram());
            case "heatmap" -> {
                PicturesView p = PicturesView.of(s, false);
                yield p.heatmap() == null ? "" : templates.renderLine("heatmap.jte", p.heatmap());
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The diagram and heatmap events of one frame (one forward pass over the plane for both). */
    void pictures(Snapshot s, List<Streams.Event> out) {
        PicturesView p = PicturesView.of(s, false);
        out.add(new Streams.Event("diagram", templates.renderLine("diagram.jte", p.diagram())));
        if (p.heatmap() != null)
            out.add(new Streams.Event("heatmap", templates.renderLine("heatmap.jte", p.heatmap())));
    }

    /** Sends each fragment only when what it shows has changed since this client's last frame. */
    final class FragmentEncoder implements Function<Snapshot, List<Streams.Event>> {
        private RunState state;
        private Trace trace;
        private Trace phaseTrace;
        private int phase;
        private int logSize = -1;
        private long samples = -1;
        private int epochs = -1;
        private long chartNanos;
        private long picturesNanos;
        private long picturesSamples = -1;
        private int picturesPhase;

        @Override
        public List<Streams.Event> apply(Snapshot s) {
            List<Streams.Event> out = new ArrayList<>();
            out.add(new Streams.Event("status", render("status", s)));
            if (s.state() != state) {
                out.add(new Streams.Event("controls", render("controls", s)));
                // screen readers hear state changes, politely, not every frame
                if (state != null) out.add(new Streams.Event("announce", render("announce", s)));
            }
            if (s.trace() != trace || s.phaseTrace() != phaseTrace || s.phase() != phase) {
                out.add(new Streams.Event("state", render("state", s)));
                out.add(new Streams.Event("equations", render("equations", s)));
            }
            // the slider is disabled while a run trains: it changes only when the run stops or steps
            boolean running = s.state() == RunState.RUNNING;
            if (s.state() != state || (!running && s.logSize() != logSize)) {
                out.add(new Streams.Event("timeline", render("timeline", s)));
            }
            phaseTrace = s.phaseTrace();
            phase = s.phase();
            logSize = s.logSize();
            if (s.samplesDone() != samples || s.state() != state) {
                out.add(new Streams.Event("weights", render("weights", s)));
            }
            // the chart changes once an epoch, which can be hundreds of times a second: at most 4 times a second
            long now = System.nanoTime();
            if (s.state() != state || (s.trainLoss().size() != epochs && now - chartNanos > 250_000_000L)) {
                out.add(new Streams.Event("chart", render("chart", s)));
                chartNanos = now;
                epochs = s.trainLoss().size();
            }
            // the diagram and heatmaps (about 50 kB with the neurons' pictures): twice a second while training, and
            // at once after a step or a change of state
            boolean changed = s.state() != state
                    || s.trace() != trace
                    || s.samplesDone() != picturesSamples
                    || s.phase() != picturesPhase;
            boolean due = !running || s.state() != state || now - picturesNanos > 500_000_000L;
            if (changed && due) {
                pictures(s, out);
                picturesNanos = now;
                picturesSamples = s.samplesDone();
                picturesPhase = s.phase();
            }
            state = s.state();
            trace = s.trace();
            samples = s.samplesDone();
            return out;
        }
    }

    /** "E:S" as {epochs, samples}, or null if it is not two whole numbers of 0 or more. */
    static int[] parseAt(String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length != 2) return null;
        try {
            int e = Integer.parseInt(parts[0].trim());
            int s = Integer.parseInt(parts[1].trim());
            return e < 0 || s < 0 ? null : new int[] {e, s};
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
