package playground.http;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import playground.data.Source;
import playground.nn.Network;
import playground.training.BusyException;
import playground.training.Config;
import playground.training.ConfigException;
import playground.training.Lockstep;
import playground.training.Param;
import playground.training.Run;
import playground.training.RunState;
import playground.training.Runs;
import playground.training.Snapshot;
import playground.training.Speed;
import playground.view.ComparePage;
import playground.view.CompareView;
import playground.view.Fragment;
import playground.view.PageView;

/**
 * The compare page, {@code /compare?a=QUERY&b=QUERY}: two ordinary runs (A and B, each the query of a run's own link)
 * that start from the same seed and initial weights where their shapes allow, train in {@link Lockstep}, and are
 * shown side by side. B's fields of the page's form come back here as plain parameters over B's query.
 */
final class Compare {
    /** The fields of B the page's form shows (the main page's fields, from the table of parameters). */
    static final List<Param> FORM = List.of(
            Param.LR,
            Param.ACTIVATION,
            Param.OPTIMIZER,
            Param.BATCH,
            Param.LAYERS,
            Param.REGULARIZATION,
            Param.REG_RATE,
            Param.SEED);

    /** A link's parameters a comparison leaves aside: both runs start at their start, on the compare page. */
    static final List<String> IGNORED = List.of("at", "lock", "hide", "lesson", "uploadError");

    /** The most characters of a side's query. */
    static final int MAX_QUERY = 20_000;

    private final Runs runs;
    private final Streams streams;
    private final Templates templates;
    private final Uploads uploads;

    Compare(Runs runs, Streams streams, Templates templates, Uploads uploads) {
        this.runs = runs;
        this.streams = streams;
        this.templates = templates;
        this.uploads = uploads;
    }

    /** One side's run as its query gives it. */
    record Side(Map<String, String> given, Config config, Speed speed, String weights, Network initial) {}

    /** A side's query that cannot be used: which side, which parameter, what is wrong. */
    static final class Bad extends RuntimeException {
        final String side;
        final String field;

        Bad(String side, String field, String message) {
            super(side + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + message, null, false, false);
            this.side = side;
            this.field = field;
        }
    }

    /** A query string's parameters, decoded, first value each; a parameter given twice is an error. */
    static Map<String, String> params(String side, String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query.length() > MAX_QUERY)
            throw new Bad(side, null, "the query is longer than " + MAX_QUERY + " characters");
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name, value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Bad(side, null, "\"" + Pages.clip(pair) + "\" is not URL-encoded as a link's query is");
            }
            if (out.containsKey(name)) throw new Bad(side, name, "is given twice; give it once");
            out.put(name, value);
        }
        return out;
    }

    /** A side's parameters checked as the main page checks its link's (the same parser and messages). */
    static Side side(String side, Map<String, String> given, Function<String, Source> uploaded) {
        Map<String, String> config = new LinkedHashMap<>();
        Speed speed = Speed.AUTO;
        String weights = null;
        for (var e : given.entrySet()) {
            String name = e.getKey();
            if (Config.NAMES.contains(name)) config.put(name, e.getValue());
            else if (name.equals("speed")) {
                try {
                    speed = Speed.parse(e.getValue(), Speed.AUTO);
                } catch (ConfigException x) {
                    throw new Bad(side, "speed", x.getMessage());
                }
            } else if (name.equals("weights")) weights = e.getValue();
            else if (name.equals("edits") || name.equals("notebook")) {
                throw new Bad(
                        side,
                        name,
                        "a comparison starts both runs from their start: open it without " + name
                                + "= (the main page shows it)");
            } else if (!IGNORED.contains(name)) {
                throw new Bad(side, null, "unknown parameter \"" + Pages.clip(name) + "\"");
            }
        }
        Config c;
        try {
            c = Config.parse(config, uploaded);
        } catch (ConfigException x) {
            throw new Bad(side, x.field(), x.getMessage());
        }
        Network initial = null;
        if (weights != null) {
            try {
                initial = Json.initialWeights(weights, c);
            } catch (ConfigException x) {
                throw new Bad(side, "weights", x.getMessage());
            }
        }
        return new Side(config, c, speed, weights, initial);
    }

    /** The query of a side's own link, as the main page writes it. */
    static String query(Side s, Speed speed) {
        Map<String, String> values = new LinkedHashMap<>(s.config().toParams());
        if (s.weights() != null) values.put("weights", s.weights());
        return PageView.url(values, speed.id()).substring(2);
    }

    /** A query of these parameters as given (B's, when they do not make a run). */
    static String query(Map<String, String> given) {
        StringBuilder sb = new StringBuilder();
        for (var e : given.entrySet()) {
            if (sb.length() > 0) sb.append('&');
            sb.append(enc(e.getKey())).append('=').append(enc(e.getValue()).replace("%2C", ","));
        }
        return sb.toString();
    }

    static String link(String a, String b) {
        return "/compare?a=" + enc(a) + "&b=" + enc(b);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * GET /compare?a=QUERY&amp;b=QUERY (b defaults to a: the page then changes B's parameters). Other parameters are
     * B's, from the page's form: over B's query, and the page then goes to the comparison's own link. A bad side is a
     * 400 naming the side and the parameter (JSON to a client that asks for it).
     */
    void page(Context ctx) {
        Function<String, Source> uploaded = uploads.resolver(Sessions.existing(ctx));
        Map<String, String> bGiven = null;
        Map<String, String> form = new LinkedHashMap<>();
        Side a;
        Side b = null;
        Bad badB = null;
        try {
            for (var e : ctx.queryParamMap().entrySet()) {
                if (e.getValue().size() > 1) throw new Bad(e.getKey(), null, "is given more than once; give it once");
                String name = e.getKey();
                if (name.equals("a") || name.equals("b")) continue;
                if (!FORM.stream().anyMatch(p -> p.id().equals(name))) {
                    throw new Bad("url", null, "unknown parameter \"" + Pages.clip(name) + "\": give a= and b=");
                }
                form.put(name, e.getValue().get(0));
            }
            String aq = ctx.queryParam("a");
            if (aq == null || aq.isBlank()) {
                throw new Bad(
                        "a",
                        null,
                        "missing: give the query of run A's link, e.g. /compare?a=" + enc("dataset=xor") + "&b="
                                + enc("dataset=xor&lr=0.3"));
            }
            a = side("a", params("a", aq), uploaded);
            String bq = ctx.queryParam("b");
            bGiven = params("b", bq == null || bq.isBlank() ? aq : bq);
            bGiven.putAll(form);
            try {
                b = side("b", bGiven, uploaded);
            } catch (Bad e) {
                if (form.isEmpty()) throw e;
                badB = e; // a field of B's form: said beside it
            }
        } catch (Bad e) {
            bad(ctx, e, bGiven);
            return;
        }
        // one pace for both: A's
        String aQuery = query(a, a.speed());
        if (badB != null) {
            ctx.status(400);
            Map<String, String> errors = new LinkedHashMap<>();
            String field = badB.field;
            boolean inForm = FORM.stream().anyMatch(p -> p.id().equals(field));
            // beside its field, as the main page says it (the field's name is its label there)
            errors.put(
                    inForm ? field : "url",
                    inForm ? badB.getMessage().replaceFirst("^b: [^:]+: ", "") : badB.getMessage());
            render(ctx, null, null, aQuery, query(bGiven), a.speed(), bGiven, errors, badB.getMessage(), null);
            return;
        }
        String bQuery = query(b, a.speed());
        if (!form.isEmpty()) {
            ctx.redirect(link(aQuery, bQuery), io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        Network bStart = b.initial() != null ? b.initial() : Lockstep.startOfB(a.config(), a.initial(), b.config());
        String session = Sessions.ensure(ctx);
        Snapshot sa = null, sb = null;
        String busy = null;
        try {
            Lockstep pair = runs.findPair(session, a.config(), a.initial(), b.config(), bStart);
            if (pair == null) {
                // only offered, as GET / offers its run: they count against the caps once the page asks for them
                String address = Connections.clientAddress(ctx);
                Run ra = runs.offer(session, address, a.config(), a.speed(), a.initial(), null);
                Run rb = runs.offer(session, address, b.config(), a.speed(), bStart, null);
                pair = Lockstep.pair(ra, rb);
            }
            sa = pair.a().snapshot();
            sb = pair.b().snapshot();
        } catch (BusyException e) {
            busy = e.getMessage();
            ctx.status(503).header("Retry-After", "60");
        }
        render(ctx, sa, sb, aQuery, bQuery, a.speed(), b.given(), Map.of(), null, busy);
    }

    private void render(
            Context ctx,
            Snapshot sa,
            Snapshot sb,
            String aQuery,
            String bQuery,
            Speed speed,
            Map<String, String> bGiven,
            Map<String, String> errors,
            String error,
            String busy) {
        String known = Sessions.existing(ctx);
        PageView formB = PageView.of(
                new LinkedHashMap<>(bGiven),
                new LinkedHashMap<>(errors),
                speed.id(),
                null,
                busy,
                false,
                null,
                uploads.resolver(known),
                uploads.list(known),
                null,
                null,
                playground.lesson.Teacher.NONE,
                null);
        List<String> changes = sa == null ? List.of() : CompareView.changes(sa.config(), sb.config());
        ctx.html(templates.render(
                "compare.jte",
                new ComparePage(
                        sa,
                        sb,
                        aQuery,
                        bQuery,
                        sa == null ? "/compare?a=" + enc(aQuery) : link(aQuery, bQuery),
                        formB,
                        changes,
                        error,
                        busy,
                        Runs.newId())));
    }

    /** A side that cannot be used: 400, as JSON to a client that asks for it, else a page that says it. */
    private void bad(Context ctx, Bad e, Map<String, String> bGiven) {
        ctx.status(400);
        String accept = String.valueOf(ctx.header("Accept"));
        if (accept.contains("application/json") && !accept.contains("text/html")) {
            ctx.json(Json.error(e.getMessage()));
            return;
        }
        ctx.html(templates.render(
                "compare.jte",
                new ComparePage(null, null, "", "", "/compare", null, List.of(), e.getMessage(), null, Runs.newId())));
    }

    /**
     * GET /compare/stream?a=ID&amp;b=ID: the compare page's own parts (both status lines, the overlaid chart, the
     * difference of the weights), drawn whenever either run publishes. The runs' pictures come by their own streams.
     */
    void stream(SseClient client) {
        String session = Sessions.existing(client.ctx());
        Run a = runs.find(session, client.ctx().queryParam("a"));
        Run b = runs.find(session, client.ctx().queryParam("b"));
        if (a == null || b == null) {
            client.close();
            return;
        }
        streams.attach(client, a, b, new Encoder(a, b), () -> {});
    }

    /** The status at every frame; the chart when an epoch ends (at most 10 a second); the difference at most 4. */
    final class Encoder implements Function<Snapshot, List<Streams.Event>> {
        private final Run a;
        private final Run b;
        private long version = -1;
        private int epochs = -1;
        private long samples = -1;
        private RunState stateA, stateB;
        private long chartDue, diffDue;

        Encoder(Run a, Run b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public List<Streams.Event> apply(Snapshot ignored) {
            Snapshot sa = a.snapshot(), sb = b.snapshot();
            List<Streams.Event> out = new ArrayList<>();
            long now = System.nanoTime();
            boolean stateChanged = sa.state() != stateA || sb.state() != stateB;
            boolean running = sa.state() == RunState.RUNNING || sb.state() == RunState.RUNNING;
            stateA = sa.state();
            stateB = sb.state();
            if (sa.version() + sb.version() != version) {
                version = sa.version() + sb.version();
                out.add(event(Fragment.COMPARE_STATUS, sa, sb));
            }
            int e = sa.trainLoss().size() * 100_003 + sb.trainLoss().size();
            if (stateChanged || (e != epochs && now >= chartDue)) {
                Streams.Event chart = event(Fragment.COMPARE_CHART, sa, sb);
                out.add(chart);
                epochs = e;
                chartDue = now
                        + Math.max(
                                Pages.CHART_MIN_NANOS,
                                chart.data().length() * 1_000_000_000L / Pages.CHART_BYTES_PER_SECOND);
            }
            long s = sa.samplesDone() * 100_003 + sb.samplesDone();
            if (stateChanged || (s != samples && (!running || now >= diffDue))) {
                Streams.Event diff = event(Fragment.COMPARE_DIFF, sa, sb);
                out.add(diff);
                samples = s;
                // the weights' difference is numbers: within the numbers' budget, at most 4 times a second
                diffDue = now
                        + Math.max(
                                Pages.PICTURES_MIN_NANOS,
                                diff.data().length() * 1_000_000_000L / Pages.NUMBERS_BYTES_PER_SECOND);
            }
            return out;
        }

        private Streams.Event event(Fragment f, Snapshot sa, Snapshot sb) {
            return new Streams.Event(f.id(), templates.renderLine(f.template(), f.view(sa, sb)));
        }
    }
}
