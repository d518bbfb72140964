package playground.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import playground.training.Action;
import playground.training.BusyException;
import playground.training.ConfigException;
import playground.training.Runs;

/** The web server: the one route table, security headers, errors as clear messages. */
public final class Server implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Server.class.getName());

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";

    static {
        // one line per log event
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
    }

    private final Runs runs;
    private final Streams streams;
    private final Javalin app;
    private final Drain drain;

    private Server(Runs runs, Streams streams, Javalin app, Drain drain) {
        this.runs = runs;
        this.streams = streams;
        this.app = app;
        this.drain = drain;
    }

    /** Whether the server is stopping, and the Jetty server whose listening sockets it closes first. */
    private static final class Drain {
        volatile boolean stopping;
        volatile org.eclipse.jetty.server.Server jetty;
    }

    /** Starts on the given port (0 for any free one), bound to all interfaces. */
    public static Server start(int port) {
        return start(port, Runs.Limits.defaults());
    }

    public static Server start(int port, Runs.Limits limits) {
        Runs runs = new Runs(limits);
        Streams streams = new Streams(4000, 24, Math.min(4000, limits.runsPerAddress())); // an address streams its runs
        Templates templates = Templates.create();
        Uploads uploads = new Uploads(Uploads.DEFAULT_MAX_BYTES, Uploads.DEFAULT_MAX_BYTES / 2, runs::active);
        var lessons = playground.lesson.Lesson.builtIn(); // a bad lesson file stops the start, naming the file
        Pages pages = new Pages(runs, streams, templates, uploads, lessons);
        Lessons lessonPages = new Lessons(lessons, runs, templates);
        Compare compare = new Compare(runs, streams, templates, uploads);
        Api api = new Api(runs, streams, uploads);
        Datasets datasets = new Datasets(uploads);
        Metrics metrics = new Metrics(runs, streams);
        Drain drain = new Drain();
        Javalin app = Javalin.create(config -> {
            config.jetty.host = "0.0.0.0";
            config.jetty.port = port;
            config.staticFiles.enableWebjars();
            config.staticFiles.add(sf -> {
                sf.hostedPath = "/static";
                sf.directory = "/static";
                sf.location = io.javalin.http.staticfiles.Location.CLASSPATH;
            });
            config.http.maxRequestSize = 1_000_000L;
            config.jsonMapper(Json.JAVALIN);
            config.jetty.modifyServletContextHandler(context -> context.insertHandler(compressedStreams()));
            config.jetty.modifyServer(server -> {
                drain.jetty = server;
                Connections.install(server, Connections.Limits.fromEnvironment());
            });
            config.startup.showJavalinBanner = false;
            metrics.install(config);

            config.routes.before(ctx -> securityHeaders(ctx));
            config.routes.before(ctx -> {
                // stopping: a request on a connection kept alive from before is sent elsewhere (or here, restarted)
                if (drain.stopping) throw new Stopping();
            });
            config.routes.before(Server::checkCrossSite);

            config.routes.get("/", pages::page);
            config.routes.get("/embed", pages::embed);
            config.routes.get("/compare", compare::page);
            config.routes.before("/compare/stream", ctx -> {
                checkStream(ctx, streams);
                String session = Sessions.existing(ctx);
                if (runs.find(session, ctx.queryParam("a")) == null
                        || runs.find(session, ctx.queryParam("b")) == null) {
                    throw new Api.NotFound("no such runs in your session");
                }
            });
            config.routes.sse("/compare/stream", compare::stream);
            config.routes.get("/lessons", lessonPages::list);
            config.routes.get("/lessons/{id}/check", lessonPages::check);
            config.routes.get("/health", ctx -> ctx.json(health(runs, streams, Metrics.instance(ctx))));
            config.routes.get("/metrics", metrics::scrape);
            // what a browser asks for on a page without its own icon (the JSON answers): the page's icon
            config.routes.get("/favicon.ico", ctx -> ctx.redirect("/static/favicon.png", HttpStatus.MOVED_PERMANENTLY));
            config.routes.post("/runs/{id}/predict", pages::predict);
            config.routes.post("/runs/{id}/view", pages::view);
            config.routes.post("/runs/{id}/speed", pages::speed);
            config.routes.post("/runs/{id}/weight", pages::weight);
            config.routes.post("/runs/{id}/points", pages::points);
            for (Action a : Action.values()) config.routes.post("/runs/{id}/" + a.id(), ctx -> pages.control(ctx, a));
            config.routes.get("/runs/{id}/fragments/{name}", pages::fragment);
            config.routes.get("/runs/{id}/gradcheck", pages::gradcheck);
            config.routes.get("/runs/{id}/cell", new Cells(runs)::cell);
            config.routes.get("/runs/{id}/moment", pages::moment);
            config.routes.before("/runs/{id}/stream", ctx -> {
                checkStream(ctx, streams);
                // a page view's run becomes the visitor's here, within the caps (busy: 503 before streaming); an
                // unknown
                // run answers 404 before streaming: an EventSource then stops retrying, and the page rebuilds its run
                if (runs.find(Sessions.existing(ctx), ctx.pathParam("id")) == null) {
                    throw new Api.NotFound("no run with this id in your session");
                }
            });
            config.routes.sse("/runs/{id}/stream", pages::stream);

            config.routes.post("/api/step", api::step);
            config.routes.post("/api/datasets", datasets::api);
            config.routes.post("/datasets", datasets::form);
            config.routes.post("/api/runs", api::create);
            config.routes.get("/api/runs/{id}", api::get);
            for (Action a : Action.values()) config.routes.post("/api/runs/{id}/" + a.id(), ctx -> api.action(ctx, a));
            config.routes.get("/api/runs/{id}/gradcheck", api::gradcheck);
            config.routes.get("/api/runs/{id}/export", api::export);
            config.routes.get("/api/runs/{id}/weights", api::weights);
            config.routes.post("/api/runs/{id}/weight", api::weight);
            config.routes.post("/api/runs/{id}/points", api::points);
            config.routes.before("/api/runs/{id}/events", ctx -> {
                checkStream(ctx, streams);
                api.run(ctx); // 404 before streaming for another session's run
            });
            config.routes.sse("/api/runs/{id}/events", api::events);

            config.routes.exception(ConfigException.class, (e, ctx) -> {
                ctx.status(HttpStatus.BAD_REQUEST);
                // the page's own requests (htmx) swap the message in where it was asked for; the API gets JSON
                if (ctx.header("HX-Request") != null) {
                    ctx.html("<p class=\"err\" role=\"alert\">" + escape(e.describe()) + "</p>");
                } else {
                    ctx.json(Json.error(e.describe()));
                }
            });
            config.routes.exception(Api.NotFound.class, (e, ctx) -> {
                ctx.status(HttpStatus.NOT_FOUND).json(Json.error(e.getMessage()));
            });
            config.routes.exception(BusyException.class, (e, ctx) -> {
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .header("Retry-After", "60")
                        .json(Json.error(e.getMessage()));
            });
            config.routes.exception(Stopping.class, (e, ctx) -> {
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .header("Retry-After", "1")
                        .header("Connection", "close")
                        .header("X-Restarting", "true")
                        .json(Json.error("The server is restarting. Please try again in a moment."));
            });
            config.routes.exception(Forbidden.class, (e, ctx) -> {
                ctx.status(HttpStatus.FORBIDDEN).json(Json.error(e.getMessage()));
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.log(java.util.logging.Level.SEVERE, "event=error path=" + ctx.path(), e);
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Json.error("Something went wrong on our side."));
            });
            config.routes.error(404, ctx -> {
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith("application/json")) {
                    ctx.json(Json.error("Not found: " + Pages.clip(ctx.path())));
                }
            });
            config.routes.error(405, ctx -> ctx.json(Json.error("Method not allowed on " + ctx.path())));
        });
        app.start();
        LOG.info("event=started port=" + app.port());
        return new Server(runs, streams, app, drain);
    }

    /**
     * Gzip for the SSE streams, flushed after every event so that each arrives at once, whole (Javalin compresses the
     * other responses itself; Jetty leaves event streams alone unless told, as they need a flush per event). A frame
     * of the page's fragments compresses about 5 to 8 times (the pictures' PNGs hardly at all).
     */
    static org.eclipse.jetty.server.handler.gzip.GzipHandler compressedStreams() {
        var gzip = new org.eclipse.jetty.server.handler.gzip.GzipHandler();
        gzip.setSyncFlush(true);
        gzip.setExcludedMimeTypes(); // Jetty excludes event streams by default (they need the flush per event)
        gzip.setIncludedMimeTypes("text/event-stream");
        gzip.setIncludedPaths("/runs/*", "/api/runs/*", "/compare/stream");
        gzip.setMinGzipSize(32);
        return gzip;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static Map<String, Object> health(Runs runs, Streams streams, String instance) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "ok");
        m.put("instance", instance);
        m.put("sessions", runs.sessions());
        m.put("runs", runs.runs());
        m.put("offers", runs.offers());
        m.put("running", runs.running());
        m.put("streams", streams.count());
        return m;
    }

    /** The embed view's policy: the page's, except that any site may frame it. */
    static final String EMBED_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors *");

    /** The routes other sites may frame: the embed view alone (the full page and everything else stay unframeable). */
    static boolean framable(Context ctx) {
        return ctx.path().equals("/embed");
    }

    static void securityHeaders(Context ctx) {
        boolean framable = framable(ctx);
        ctx.header("Content-Security-Policy", framable ? EMBED_CSP : CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        if (!framable) ctx.header("X-Frame-Options", "DENY");
    }

    /** State-changing requests must come from our own pages (htmx's header) or a same-origin script or tool. */
    private static void checkCrossSite(Context ctx) {
        if (!ctx.method().name().equals("POST")) return;
        String origin = ctx.header("Origin");
        if (origin == null) return; // not a browser's cross-origin request: curl, scripts, tests
        String host = ctx.header("Host");
        String forwarded = ctx.header("X-Forwarded-Host");
        String expectedHost = forwarded != null ? forwarded : host;
        String bare = origin.replaceFirst("^https?://", "");
        if (expectedHost == null || !bare.equalsIgnoreCase(expectedHost)) {
            throw new Forbidden("cross-site request refused (Origin " + Pages.clip(origin) + ")");
        }
    }

    private static void checkStream(Context ctx, Streams streams) {
        String session = Sessions.existing(ctx);
        if (session == null) throw new Api.NotFound("no run with this id in your session");
        String refusal = streams.refusal(session, Connections.clientAddress(ctx));
        if (refusal != null) throw new BusyException(refusal);
    }

    public int port() {
        return app.port();
    }

    public Runs runs() {
        return runs;
    }

    /**
     * Drains and stops (SIGTERM, a deploy): stops accepting connections and answers requests on open ones 503 (so that
     * pages rebuild their runs elsewhere, or here once restarted), gives every stream a last event telling its page to
     * reconnect ({@link Streams#RECONNECT}), stops the runs, then the server.
     */
    @Override
    public void close() {
        // through slf4j: on SIGTERM the JDK closes java.util.logging's handlers in its own shutdown hook
        synchronized (drain) {
            if (drain.stopping) return; // once (the shutdown hook, a test)
            drain.stopping = true;
        }
        var log = org.slf4j.LoggerFactory.getLogger(Server.class);
        log.info("event=stopping runs={} streams={}", runs.runs(), streams.count());
        var jetty = drain.jetty;
        if (jetty != null) {
            // no new connections: a proxy sends them to another instance; a page tries again until this one is back
            for (var c : jetty.getConnectors()) {
                try {
                    if (c instanceof org.eclipse.jetty.server.NetworkConnector n) n.close();
                } catch (RuntimeException e) {
                    log.warn("event=unbind-failed {}", e.toString());
                }
            }
        }
        streams.close();
        runs.close();
        app.stop();
        log.info("event=stopped");
    }

    /** A request that came while the server is stopping. */
    static final class Stopping extends RuntimeException {
        Stopping() {
            super("stopping", null, false, false);
        }
    }

    static final class Forbidden extends RuntimeException {
        Forbidden(String message) {
            super(message);
        }
    }
}
