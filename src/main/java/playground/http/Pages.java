package playground.http;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import playground.nn.Trace;
import playground.training.Action;
import playground.training.BusyException;
import playground.training.CellId;
import playground.training.Config;
import playground.training.ConfigException;
import playground.training.Moment;
import playground.training.Param;
import playground.training.Quiz;
import playground.training.Run;
import playground.training.RunState;
import playground.training.Runs;
import playground.training.Snapshot;
import playground.training.Speed;
import playground.training.Typed;
import playground.view.EquationsView;
import playground.view.FeedbackView;
import playground.view.Fragment;
import playground.view.GradCheckView;
import playground.view.MomentView;
import playground.view.PageView;
import playground.view.PicturesView;
import playground.view.SampleView;
import playground.view.TimelineView;
import playground.view.WeightsView;

/** The page and its fragments: GET /, the page's controls, and its SSE stream of HTML fragments. */
final class Pages {

    private final Runs runs;
    private final Streams streams;
    private final Templates templates;

    private final Uploads uploads;
    private final List<playground.lesson.Lesson> lessons;

    Pages(Runs runs, Streams streams, Templates templates, Uploads uploads) {
        this(runs, streams, templates, uploads, List.of());
    }

    Pages(Runs runs, Streams streams, Templates templates, Uploads uploads, List<playground.lesson.Lesson> lessons) {
        this.lessons = lessons;
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
        page(ctx, "page.jte", false);
    }

    /**
     * GET /embed: the same query, the compact view other sites may frame (see {@link Server#securityHeaders}); its
     * session cookie is one a framed page keeps ({@link Sessions#ensureEmbedded}).
     */
    void embed(Context ctx) {
        page(ctx, "embed.jte", true);
    }

    /** The lesson of a {@code lesson=} parameter, or null. */
    playground.lesson.Lesson lesson(String id) {
        for (var l : lessons) if (l.id().equals(id)) return l;
        return null;
    }

    private void page(Context ctx, String template, boolean embedded) {
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            String name = e.getKey();
            if (!Config.NAMES.contains(name)
                    && !List.of("speed", "notebook", "at", "weights", "edits", "uploadError")
                            .contains(name)
                    && !PageView.EXTRA.contains(name)) {
                errors.putIfAbsent("url", "Unknown parameter \"" + clip(name) + "\" was ignored.");
                continue;
            }
            if (e.getValue().size() > 1) {
                errors.put(name, "is given " + e.getValue().size() + " times in the URL; give it once");
            }
            given.put(name, e.getValue().get(0));
        }
        Speed speed = Speed.AUTO;
        try {
            speed = Speed.parse(given.remove("speed"), Speed.AUTO);
        } catch (ConfigException e) {
            errors.put("speed", e.getMessage());
        }
        playground.lesson.Teacher teacher = playground.lesson.Teacher.NONE;
        try {
            teacher = playground.lesson.Teacher.parse(given.remove("lock"), given.remove("hide"));
        } catch (ConfigException e) {
            errors.put(e.field(), e.getMessage());
        }
        String lessonId = given.remove("lesson");
        playground.lesson.Lesson lesson = lessonId == null ? null : lesson(lessonId);
        if (lessonId != null && lesson == null) {
            errors.put("url", "lesson: there is no lesson called \"" + clip(lessonId) + "\" (see /lessons)");
        }
        String weights = given.remove("weights");
        String editsText = given.remove("edits");
        String uploadError = given.remove("uploadError");
        if ("upload".equals(given.get(Param.DATASET.id()))) given.remove(Param.DATASET.id());
        String known = Sessions.existing(ctx);
        var uploaded = uploads.resolver(known);
        Moment.At at = null;
        String atText = given.remove("at");
        if (atText != null) {
            at = Moment.At.parse(atText);
            if (at == null) {
                errors.put(
                        "url",
                        "at: must be E:S, E epochs and S samples of the next done, as the header shows them (whole"
                                + " numbers, 0 or more), e.g. 3:120");
            }
        }
        boolean asWritten = false;
        String notebook = given.remove("notebook");
        if (notebook != null) {
            if (!notebook.equals("as-written")) {
                errors.put("url", "notebook: must be as-written (the notebook's own computations, bugs included)");
            } else if (!"notebook-example".equals(given.get(Param.DATASET.id()))) {
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
        String rejectedWeights = null;
        if (config != null) {
            String session = embedded ? Sessions.ensureEmbedded(ctx) : Sessions.ensure(ctx);
            try {
                playground.nn.Network initial = null;
                try {
                    initial = Json.initialWeights(weights, config);
                } catch (ConfigException e) {
                    // weights that do not fit: said beside them; the network stays, from the seed
                    errors.put("weights", e.getMessage());
                    rejectedWeights = weights;
                    weights = null;
                }
                // a moment the run does not have is said, not rounded
                // GET is safe: it changes no run the visitor has (a different pace is the page's to ask for, see
                // app.js; a link to another moment gets a run of its own), and a new run is only offered, taking no
                // one's place until the page asks for it
                List<playground.training.Edit> edits = List.of();
                try {
                    edits = playground.training.Edit.parse(editsText, config);
                } catch (ConfigException e) {
                    // edits that do not fit are said; the run starts without them
                    errors.put("url", e.describe());
                }
                // a moment the run does not have is said, not rounded (after a change of the data, the replay
                // checks the moment against the epochs as they then are)
                String problem = at == null || playground.training.Edit.pointEdits(edits) > 0
                        ? null
                        : at.problem(config.epochs(), config.trainCount());
                if (problem != null) {
                    errors.put("url", problem);
                    at = null;
                }
                Run run = runs.findByConfig(session, config, initial, at, playground.training.Edit.format(edits));
                if (run == null) {
                    // a budget: the seek, and the loss after each edit on the way, are worked out on this thread
                    if (at != null) config.checkSeek(at.epoch(), at.sample(), edits.size());
                    if (!edits.isEmpty()) {
                        Moment.At last = edits.get(edits.size() - 1).at();
                        config.checkSeek(last.epoch(), last.sample(), edits.size());
                    }
                    // a link to a moment: the new run trains up to it (the same numbers, as everything is seeded)
                    run = runs.offer(session, Connections.clientAddress(ctx), config, speed, initial, at, edits);
                }
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
                uploadError,
                rejectedWeights,
                teacher,
                lesson);
        // (weights that do not fit leave a working page: the run, from its seed, and the message beside the field)
        if (!errors.isEmpty() && config == null) ctx.status(400);
        ctx.html(templates.render(template, view));
    }

    /** POST /runs/{id}/{action}: a control button. Answers the new status fragment (the stream brings the rest). */
    void control(Context ctx, Action action) {
        Run run = runs.find(Sessions.existing(ctx), ctx.pathParam("id"));
        if (run == null) throw new Api.NotFound("no run with this id in your session; reload the page");
        Snapshot s = runs.control(run, action);
        ctx.status(204);
        ctx.header("X-Run-State", s.state().id());
        // the page shows the new state at once, and ignores frames of the stream older than this one
        ctx.header("X-Run-Version", String.valueOf(s.version()));
    }

    /**
     * POST /runs/{id}/weight (ref, value): the learner changed a weight or bias of a paused run; the stream brings
     * what follows from it. A bad cell or value, or a run that trains, is a 400 with the message.
     */
    void weight(Context ctx) {
        Run run = runs.find(Sessions.existing(ctx), ctx.pathParam("id"));
        if (run == null) throw new Api.NotFound("no run with this id in your session; reload the page");
        Snapshot s = run.edit(ctx.formParam("ref"), playground.training.Edit.value(ctx.formParam("value")));
        ctx.status(204);
        ctx.header("X-Run-Version", String.valueOf(s.version()));
        ctx.header("X-Run-Edits", s.edits());
    }

    /**
     * POST /runs/{id}/points (op=add|delete, x1, x2, label): the learner added a point of the plane to a paused run's
     * training set, or deleted the training point nearest (x1, x2); the stream brings the points and pictures. A point
     * off the plane, a label the set does not have, no point there, or a run that trains is a 400 with the message.
     */
    void points(Context ctx) {
        Run run = runs.find(Sessions.existing(ctx), ctx.pathParam("id"));
        if (run == null) throw new Api.NotFound("no run with this id in your session; reload the page");
        String op = String.valueOf(ctx.formParam("op"));
        if (!op.equals("add") && !op.equals("delete")) throw new ConfigException("op", "must be add or delete");
        boolean add = op.equals("add");
        Snapshot s = run.editPoint(
                add,
                coordinate("x1", ctx.formParam("x1")),
                coordinate("x2", ctx.formParam("x2")),
                add ? coordinate("label", ctx.formParam("label")) : 0);
        ctx.status(204);
        ctx.header("X-Run-Version", String.valueOf(s.version()));
        ctx.header("X-Run-Edits", s.edits());
    }

    /** A number of a point's form (x1, x2 or its label). */
    static double coordinate(String field, String text) {
        try {
            double v = Typed.number(text);
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(field, "must be a number");
        }
    }

    /** POST /runs/{id}/predict: how close a learner's guess was; the next phase then reveals the value. */
    void predict(Context ctx) {
        Run run = runs.find(Sessions.existing(ctx), ctx.pathParam("id"));
        if (run == null) throw new Api.NotFound("no run with this id in your session; reload the page");
        CellId asked = Quiz.asked(ctx.formParam("what")); // a bad question is told before a bad guess
        double guess;
        try {
            guess = Typed.number(ctx.formParam("guess"));
            if (!Double.isFinite(guess)) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            ctx.html(templates.render("feedback.jte", FeedbackView.notANumber()));
            return;
        }
        Run.Feedback f = run.predict(asked.toString(), guess);
        ctx.html(templates.render("feedback.jte", FeedbackView.of(asked.kind() == CellId.Kind.D ? "δ" : "w", f)));
    }

    /** GET /runs/{id}/fragments/{name}: one fragment alone, the same template the page includes and the stream pushes. */
    void fragment(Context ctx) {
        Run run = runs.find(Sessions.existing(ctx), ctx.pathParam("id"));
        if (run == null) throw new Api.NotFound("no run with this id in your session");
        String name = ctx.pathParam("name");
        Fragment f = Fragment.named(name).orElseThrow(() -> new Api.NotFound("no fragment called " + clip(name)));
        ctx.html(render(f, run.snapshot()));
    }

    /**
     * GET /runs/{id}/gradcheck: the check's panel, asked for by its button (not streamed: it is work on demand, within
     * the budget of {@link Checks}).
     */
    void gradcheck(Context ctx) {
        Run run = runs.find(Sessions.existing(ctx), ctx.pathParam("id"));
        if (run == null) throw new Api.NotFound("no run with this id in your session");
        Run.Check c = Checks.of(ctx, run);
        ctx.html(templates.render("gradcheck.jte", GradCheckView.of(run.id(), c.x(), c.t(), c.result())));
    }

    /** GET /runs/{id}/moment?at=N: the state tables at a timeline position (a logged sample, up to a phase). */
    void moment(Context ctx) {
        Run run = runs.find(Sessions.existing(ctx), ctx.pathParam("id"));
        if (run == null) throw new Api.NotFound("no run with this id in your session");
        Snapshot s = run.snapshot();
        int phases = Moment.phases(s.layers());
        int position;
        try {
            position = Integer.parseInt(String.valueOf(ctx.queryParam("at")).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("at", "must be a whole number");
        }
        if (position < 0) throw new ConfigException("at", "must be 0 or more");
        int[] at = TimelineView.at(position, phases);
        var m = run.moment(at[0]);
        // every panel and picture shows the moment chosen: the tables in place, the rest out of band
        ctx.html(templates.render(
                "moment.jte",
                new MomentView(
                        SampleView.of(m, s.config(), at[1], s.trainCount()),
                        EquationsView.of(m.trace(), s.config(), at[1]),
                        WeightsView.of(m.trace(), at[1] >= phases, s.config().bias()),
                        PicturesView.at(s.config(), s.data(), m.trace(), at[1]),
                        SampleView.at(m, at[1], phases, s.trainCount()).words(s.trainCount()))));
    }

    /**
     * GET /runs/{id}/stream?view=V&amp;panels=sample,equations: the page's SSE stream of named HTML fragments. {@code
     * view} names this page (one per page load) so that it can say later which panels of numbers it shows ({@link
     * #view}); the stream sends the fragments of open panels only.
     */
    void stream(SseClient client) {
        Run run = runs.find(Sessions.existing(client.ctx()), client.ctx().pathParam("id"));
        if (run == null) {
            client.close();
            return;
        }
        String view = client.ctx().queryParam("view");
        String key = view != null && view.matches("[A-Za-z0-9_-]{1,40}") ? run.id() + "/" + view : null;
        Early told = key == null ? null : early.remove(key);
        FragmentEncoder encoder = new FragmentEncoder(
                told != null ? told.panels() : panels(client.ctx().queryParam("panels")));
        encoder.parts = parts(client.ctx().queryParam("parts"));
        // known before the stream opens, so that the page can tell it which panels it shows as soon as it is open
        if (key != null) views.put(key, encoder);
        encoder.refresh = streams.attach(client, run, encoder, () -> {
            if (key != null) views.remove(key, encoder);
        });
    }

    /** The open streams' encoders by run id and view, for {@link #view}. */
    private final Map<String, FragmentEncoder> views = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Panels a page told before its stream was open (its EventSource on its way): the stream takes them when it opens,
     * instead of those its address named. Kept a minute, at most {@link #MAX_EARLY}.
     */
    private final Map<String, Early> early = new java.util.concurrent.ConcurrentHashMap<>();

    private record Early(Set<String> panels, long nanos) {}

    static final int MAX_EARLY = 10_000;

    /**
     * POST /runs/{id}/view (view, panels): the page opened or closed a panel of numbers. The stream sends an opened
     * panel's fragments at once, and a closed one's no more.
     */
    void view(Context ctx) {
        Run run = runs.find(Sessions.existing(ctx), ctx.pathParam("id"));
        if (run == null) throw new Api.NotFound("no run with this id in your session; reload the page");
        Set<String> panels = panels(ctx.formParam("panels"));
        String key = run.id() + "/" + ctx.formParam("view");
        FragmentEncoder encoder = views.get(key);
        if (encoder != null) {
            encoder.panels(panels);
        } else {
            long now = System.nanoTime();
            early.values().removeIf(e -> now - e.nanos() > 60_000_000_000L);
            if (early.size() < MAX_EARLY) early.put(key, new Early(Set.copyOf(panels), now));
            encoder = views.get(key); // the stream opened meanwhile
            if (encoder != null) encoder.panels(panels);
        }
        ctx.status(204);
    }

    /** POST /runs/{id}/speed (speed): the pace of the page's run, changed without reloading. */
    void speed(Context ctx) {
        Run run = runs.find(Sessions.existing(ctx), ctx.pathParam("id"));
        if (run == null) throw new Api.NotFound("no run with this id in your session; reload the page");
        Snapshot s = run.setSpeed(Speed.parse(ctx.formParam("speed"), Speed.AUTO));
        ctx.status(204);
        ctx.header("X-Run-Speed", s.speed().id());
    }

    /**
     * The fragments a page shows of its run ({@code parts=diagram,heatmap}: the compare page shows a run's pictures
     * only), or null for all; names that are not a run's fragments are left out.
     */
    static Set<String> parts(String text) {
        if (text == null || text.isBlank()) return null;
        Set<String> out = new java.util.HashSet<>();
        for (String p : text.split(",")) {
            Fragment.named(p.trim()).filter(f -> !f.compare()).ifPresent(f -> out.add(f.id()));
        }
        return out;
    }

    /** A comma-separated list of panel names; unknown names are a 400. */
    static Set<String> panels(String text) {
        Set<String> out = new java.util.HashSet<>();
        if (text == null || text.isBlank()) return out;
        for (String p : text.split(",")) {
            String name = p.trim();
            if (name.isEmpty()) continue;
            if (!PageView.PANELS.contains(name)) {
                throw new ConfigException("panels", "must be names from " + String.join(", ", PageView.PANELS));
            }
            out.add(name);
        }
        return out;
    }

    String render(Fragment f, Snapshot s) {
        Object view = f.view(s);
        return view == null ? "" : templates.renderLine(f.template(), view);
    }

    static Streams.Event event(Fragment f, String html) {
        return new Streams.Event(f.id(), html);
    }

    /** The diagram and heatmap events of one frame (one forward pass over the plane for both). */
    void pictures(Snapshot s, List<Streams.Event> out) {
        PicturesView p = PicturesView.of(s, false);
        out.add(event(Fragment.DIAGRAM, templates.renderLine(Fragment.DIAGRAM.template(), p.diagram())));
        if (p.heatmap() != null)
            out.add(event(Fragment.HEATMAP, templates.renderLine(Fragment.HEATMAP.template(), p.heatmap())));
    }

    /**
     * The most bytes a second one stream spends on the pictures (the diagram with the neurons' heatmaps, and the
     * output heatmap) while a run trains: PNGs hardly compress, so this is close to what crosses the wire.
     */
    static final long PICTURE_BYTES_PER_SECOND = 64_000;

    /**
     * The most bytes a second one stream spends on the open panels of numbers (the sample's tables, the equations,
     * the weights) while a run trains, before compression (tables of numbers compress about 5 to 8 times).
     */
    static final long NUMBERS_BYTES_PER_SECOND = 160_000;

    /**
     * The share of one core that all the streams together spend rendering pictures (and, apart, numbers and the
     * chart) while runs
     * train: each stream waits its turn in proportion to what its last render cost times the number of open streams,
     * so that a full classroom gets fewer frames each instead of starving the trainers and the pages.
     */
    static final double PICTURES_CPU_SHARE = 0.25, NUMBERS_CPU_SHARE = 0.15, CHART_CPU_SHARE = 0.1;

    /** The most bytes a second one stream spends on the loss chart while a run trains, before compression. */
    static final long CHART_BYTES_PER_SECOND = 60_000;

    /** The pictures, the numbers and the chart, at most this often while training (4, 3 and 10 times a second). */
    static final long PICTURES_MIN_NANOS = 250_000_000L,
            NUMBERS_MIN_NANOS = 333_000_000L,
            CHART_MIN_NANOS = 100_000_000L;

    /**
     * Sends each fragment only when what it shows has changed since this client's last frame, and is on the page's
     * screen: the panels of numbers only while they are open. While a run trains, the pictures and the numbers keep to
     * a budget of bytes a second (a frame that would overspend waits); a change of state or a step is sent at once.
     */
    final class FragmentEncoder implements Function<Snapshot, List<Streams.Event>> {
        private volatile Set<String> panels;
        private final Set<String> opened = java.util.concurrent.ConcurrentHashMap.newKeySet();
        volatile Runnable refresh = () -> {};
        private RunState state;
        /** The frame of a change of state went out in two parts: its status first, the rest of it now. */
        private boolean restOwed;

        private Trace trace;
        private Trace phaseTrace;
        private int phase;
        private int logSize = -1;
        private long loggedSamples = -1;
        private long weightsSamples = -1;
        private int epochs = -1;
        private long chartDue;
        private long picturesDue;
        private long numbersDue;
        private long picturesSamples = -1;
        private int picturesPhase;
        /** The edits of the weights last sent: a new one re-sends the weights and the pictures at once. */
        private String edits = "";

        /** The fragments the page shows, or null for all (see {@link #parts}). */
        volatile Set<String> parts;

        FragmentEncoder(Set<String> panels) {
            this.panels = Set.copyOf(panels);
        }

        private boolean wants(Fragment f) {
            Set<String> p = parts;
            return p == null || p.contains(f.id());
        }

        /** The page now shows these panels: an opened one is sent with the next frame, which comes at once. */
        void panels(Set<String> now) {
            for (String p : now) if (!panels.contains(p)) opened.add(p);
            panels = Set.copyOf(now);
            refresh.run();
        }

        @Override
        public List<Streams.Event> apply(Snapshot s) {
            List<Streams.Event> out = encode(s);
            Set<String> p = parts;
            if (p != null) out.removeIf(e -> !p.contains(e.name()));
            return out;
        }

        private List<Streams.Event> encode(Snapshot s) {
            List<Streams.Event> out = new ArrayList<>();
            long now = System.nanoTime();
            boolean running = s.state() == RunState.RUNNING;
            boolean edited = !s.edits().equals(edits);
            edits = s.edits();
            // the points over the plane change only with an edit of the data (or Reset, which drops the edits)
            if (edited) add(out, Fragment.POINTS, s);
            boolean stateChanged = s.state() != state || restOwed || edited;
            restOwed = false;
            if (s.state() != state) {
                out.add(event(Fragment.STATUS, render(Fragment.STATUS, s)));
                out.add(event(Fragment.CONTROLS, render(Fragment.CONTROLS, s)));
                if (state != null) {
                    // screen readers hear state changes, politely, not every frame
                    out.add(event(Fragment.ANNOUNCE, render(Fragment.ANNOUNCE, s)));
                    // Pause (or done) shows at once: the rest of this frame, the heavy part, follows right after
                    state = s.state();
                    restOwed = true;
                    refresh.run();
                    return out;
                }
            } else {
                out.add(event(Fragment.STATUS, render(Fragment.STATUS, s)));
            }
            Set<String> shown = panels;
            boolean openedSample = opened.remove(Fragment.STATE.panel());
            boolean openedEquations = opened.remove(Fragment.EQUATIONS.panel());
            boolean openedWeights = opened.remove(Fragment.WEIGHTS.panel());
            boolean openedFlow = opened.remove(Fragment.FLOW.panel());
            // the numbers: what changed (or was opened), when the budget allows while training, else at once
            boolean traceChanged = s.trace() != trace || s.phaseTrace() != phaseTrace || s.phase() != phase;
            boolean numbersNow = !running || stateChanged || now >= numbersDue;
            int bytes = 0;
            int numbersAt = out.size();
            long numbersStart = cpuNanos();
            // (and with a change of state: the page may have skipped a frame of them while the run trained)
            if (shown.contains(Fragment.STATE.panel())
                    && ((numbersNow && (traceChanged || stateChanged)) || openedSample)) {
                bytes += add(out, Fragment.STATE, s);
            }
            if (shown.contains(Fragment.EQUATIONS.panel())
                    && ((numbersNow && (traceChanged || stateChanged)) || openedEquations)) {
                bytes += add(out, Fragment.EQUATIONS, s);
            }
            if (shown.contains(Fragment.WEIGHTS.panel())
                    && ((numbersNow && (s.samplesDone() != weightsSamples || stateChanged)) || openedWeights)) {
                bytes += add(out, Fragment.WEIGHTS, s);
                weightsSamples = s.samplesDone();
            }
            if (numbersNow && traceChanged) {
                trace = s.trace();
                phaseTrace = s.phaseTrace();
                phase = s.phase();
            }
            if (bytes > 0) {
                long cost = cpuNanos() - numbersStart;
                numbersDue = now
                        + Math.max(
                                Math.max(NUMBERS_MIN_NANOS, bytes * 1_000_000_000L / NUMBERS_BYTES_PER_SECOND),
                                (long) (cost * streams.count() / NUMBERS_CPU_SHARE));
            }
            if (!shown.contains(Fragment.WEIGHTS.panel())) weightsSamples = -1;
            // the slider is disabled while a run trains: it changes only when the run stops or steps
            // (a full log keeps its size: a new sample in it moves the right end all the same)
            boolean logged = s.logSize() != logSize || s.traceSamples() != loggedSamples;
            // (and with every new phase: the slider comes back to now, so that a page rewound on it takes the phase)
            if (shown.contains(Fragment.STATE.panel())
                    && (stateChanged || (!running && (logged || traceChanged)) || openedSample)) {
                // before the numbers: a page rewound on the timeline takes the numbers of now only with it (app.js)
                out.add(numbersAt, event(Fragment.TIMELINE, render(Fragment.TIMELINE, s)));
            }
            logSize = s.logSize();
            loggedSamples = s.traceSamples();
            // the chart changes once an epoch, which can be hundreds of times a second: at most 10 times a second,
            // within its budget of bytes
            if (wants(Fragment.CHART) && (stateChanged || (s.trainLoss().size() != epochs && now >= chartDue))) {
                long start = cpuNanos();
                int chartBytes = add(out, Fragment.CHART, s);
                // the gradient flow changes once an epoch too: with the chart, within the chart's budget
                if (shown.contains(Fragment.FLOW.panel()) && !openedFlow) chartBytes += add(out, Fragment.FLOW, s);
                long cost = cpuNanos() - start;
                chartDue = now
                        + Math.max(
                                Math.max(CHART_MIN_NANOS, chartBytes * 1_000_000_000L / CHART_BYTES_PER_SECOND),
                                (long) (cost * streams.count() / CHART_CPU_SHARE));
                epochs = s.trainLoss().size();
            }
            if (openedFlow) add(out, Fragment.FLOW, s);
            // the diagram and heatmaps: while training, as often as their byte budget allows (at most 4 a second);
            // at once after a step or a change of state
            boolean changed = stateChanged || s.samplesDone() != picturesSamples || s.phase() != picturesPhase;
            boolean due = !running || stateChanged || now >= picturesDue;
            if (changed && due) {
                int before = out.size();
                long start = cpuNanos();
                pictures(s, out);
                long cost = cpuNanos() - start;
                long pictureBytes = 0;
                for (int i = before; i < out.size(); i++)
                    pictureBytes += out.get(i).data().length();
                picturesDue = now
                        + Math.max(
                                Math.max(PICTURES_MIN_NANOS, pictureBytes * 1_000_000_000L / PICTURE_BYTES_PER_SECOND),
                                (long) (cost * streams.count() / PICTURES_CPU_SHARE));
                picturesSamples = s.samplesDone();
                picturesPhase = s.phase();
            }
            state = s.state();
            return out;
        }

        private int add(List<Streams.Event> out, Fragment f, Snapshot s) {
            String html = render(f, s);
            out.add(event(f, html));
            return html.length();
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** The CPU time of this thread (what a render cost, whatever else the machine does), or wall time if unknown. */
    static long cpuNanos() {
        long t = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        return t >= 0 ? t : System.nanoTime();
    }

    static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
