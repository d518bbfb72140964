package playground.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.Delayed;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import playground.training.Run;
import playground.training.RunState;
import playground.training.Runs;
import playground.training.Training;

/**
 * {@code GET /metrics}: the server's figures in Prometheus' text format, through Micrometer. Sessions, runs by state,
 * streams, the frames and bytes the streams send, the trainers' queue and speed, request latency, and the JVM's memory,
 * GC and threads. The gauges read the live counts when scraped; nothing is sampled in between.
 */
final class Metrics implements AutoCloseable {
    /** The latency buckets of {@code http_server_requests_seconds}, from a quick page to a heavy creation. */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
    };

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter frames;
    private final Counter bytes;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final JvmHeapPressureMetrics pressure = new JvmHeapPressureMetrics();

    Metrics(Runs runs, Streams streams) {
        Gauge.builder("playground.sessions", runs, Runs::sessions)
                .description("Sessions holding at least one run")
                .register(registry);
        for (RunState state : RunState.values()) {
            Gauge.builder("playground.runs", runs, r -> count(r, state))
                    .description("Runs held, by state")
                    .tag("state", state.id())
                    .register(registry);
        }
        Gauge.builder("playground.runs.estimated", runs, Runs::estimatedBytes)
                .baseUnit("bytes")
                .description("The runs' estimated memory; past half the heap a new run is refused (503)")
                .register(registry);
        Gauge.builder("playground.streams", streams, Streams::count)
                .description("Open SSE streams (pages and API)")
                .register(registry);
        frames = Counter.builder("playground.stream.frames")
                .description("Frames sent on the SSE streams (a page's frame is one write of its events)")
                .register(registry);
        bytes = Counter.builder("playground.stream.sent")
                .baseUnit("bytes")
                .description("Bytes written to the SSE streams, before compression, heartbeats included")
                .register(registry);
        Gauge.builder("playground.trainer.queue", runs, Metrics::queued)
                .description("Trainer slices due but waiting for a trainer thread")
                .register(registry);
        FunctionCounter.builder(
                        "playground.trainer.samples", Training.class, x -> Training.samplesTrainedInThisProcess())
                .description("Samples trained since the server started (rate() of it: samples a second)")
                .register(registry);
        Gauge.builder("playground.trainer.samples.per.second", runs, Metrics::samplesPerSecond)
                .description("Samples a second of the running runs together, as their status shows")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        pressure.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /**
     * Times every request but the streams (which last as long as a page is open), by route pattern, and counts what
     * the streams send.
     */
    void install(JavalinConfig config) {
        config.requestLogger.http((ctx, ms) -> {
            if (isStream(ctx.path())) return;
            Timer.builder("http.server.requests")
                    .description("Request latency, by method, route and status")
                    .tag("method", ctx.method().name())
                    .tag("route", route(ctx))
                    .tag("status", String.valueOf(ctx.statusCode()))
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry)
                    .record((long) (ms * 1_000_000L), TimeUnit.NANOSECONDS);
        });
        config.jetty.modifyServletContextHandler(context -> context.addFilter(
                new org.eclipse.jetty.ee10.servlet.FilterHolder(streamCounter()),
                "/*",
                EnumSet.of(DispatcherType.REQUEST)));
        config.events.serverStopped(this::close);
    }

    /**
     * The name {@code /health} gives this instance: {@code $INSTANCE} if set, else the platform's dyno name ({@code
     * $DYNO}, e.g. web.1), else this host and the port the request came in on.
     */
    static String instance(Context ctx) {
        for (String env : new String[] {"INSTANCE", "DYNO"}) {
            String v = System.getenv(env);
            if (v != null && !v.isBlank()) return v.trim();
        }
        return HOST + ":" + ctx.req().getLocalPort();
    }

    private static final String HOST = hostName();

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    /** The route pattern (never the raw path, which holds run ids), or what kind of thing was served. */
    private static String route(Context ctx) {
        var e = ctx.endpoints().matchedHttpEndpoint();
        if (e != null && !e.path.contains("*")) return e.path;
        String p = ctx.path();
        if (p.startsWith("/static/") || p.startsWith("/webjars/")) return "static";
        return ctx.statusCode() == 404 ? "not-found" : "other";
    }

    static boolean isStream(String path) {
        return (path.startsWith("/runs/") && path.endsWith("/stream"))
                || (path.startsWith("/api/runs/") && path.endsWith("/events"));
    }

    private static int count(Runs runs, RunState state) {
        int n = 0;
        for (Run r : runs.list()) if (r.snapshot().state() == state) n++;
        return n;
    }

    private static double samplesPerSecond(Runs runs) {
        double sum = 0;
        for (Run r : runs.list()) {
            var s = r.snapshot();
            if (s.state() == RunState.RUNNING) sum += s.samplesPerSecond();
        }
        return sum;
    }

    /** Tasks in the trainers' queue whose time has come (a paced run's next slice waits there until due). */
    private static int queued(Runs runs) {
        if (!(runs.pool() instanceof ThreadPoolExecutor p)) return 0;
        int n = 0;
        for (Runnable task : p.getQueue()) {
            if (!(task instanceof Delayed d) || d.getDelay(TimeUnit.NANOSECONDS) <= 0) n++;
        }
        return n;
    }

    /**
     * A filter on the SSE streams that counts what is written (Javalin already tells proxies not to buffer them: {@code
     * X-Accel-Buffering: no}). A frame is a flush after event bytes (a page's frame is one
     * write and one flush; an API event one flush); a flush after only a comment is a heartbeat.
     */
    private Filter streamCounter() {
        return (request, response, chain) -> {
            if (request instanceof HttpServletRequest req
                    && response instanceof HttpServletResponse res
                    && isStream(req.getRequestURI())) {
                chain.doFilter(request, new Counted(res));
            } else {
                chain.doFilter(request, response);
            }
        };
    }

    private final class Counted extends HttpServletResponseWrapper {
        private final HttpServletResponse res;
        private ServletOutputStream out;
        private boolean eventPending;

        Counted(HttpServletResponse res) {
            super(res);
            this.res = res;
        }

        @Override
        public synchronized ServletOutputStream getOutputStream() throws IOException {
            if (out == null) out = new CountingStream(res.getOutputStream());
            return out;
        }

        @Override
        public void flushBuffer() throws IOException {
            super.flushBuffer();
            flushed();
        }

        synchronized void wrote(byte[] b, int off, int len) {
            if (len > 0) wroteText((char) b[off], len);
        }

        synchronized void wroteText(char first, int len) {
            bytes.increment(len);
            if (first != ':' && first != '\n') eventPending = true; // ": heartbeat" is a comment
        }

        synchronized void flushed() {
            if (eventPending) frames.increment();
            eventPending = false;
        }

        private final class CountingStream extends ServletOutputStream {
            private final ServletOutputStream inner;

            CountingStream(ServletOutputStream inner) {
                this.inner = inner;
            }

            @Override
            public void write(int b) throws IOException {
                inner.write(b);
                wrote(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                inner.write(b, off, len);
                wrote(b, off, len);
            }

            /** Javalin's events and heartbeats come this way: Jetty's own print knows the response's charset. */
            @Override
            public void print(String s) throws IOException {
                inner.print(s);
                if (s == null || s.isEmpty()) return;
                wroteText(s.charAt(0), s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            }

            @Override
            public void flush() throws IOException {
                inner.flush();
                flushed();
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }

            @Override
            public boolean isReady() {
                return inner.isReady();
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                inner.setWriteListener(listener);
            }
        }
    }

    @Override
    public void close() {
        gc.close();
        pressure.close();
        registry.close();
    }
}
