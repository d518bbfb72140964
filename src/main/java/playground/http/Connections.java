package playground.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The connections of the server and their limits, as trusted servers set them:
 *
 * <ul>
 *   <li>a whole request header must arrive within {@link Limits#headerTimeoutMillis} (20 s), from the connection's
 *       opening for its first request, from the header's first byte for later ones; a connection that drips its
 *       header more slowly is closed (checked once a second);
 *   <li>at most {@link Limits#maxConnections} connections in all (Jetty stops accepting past it);
 *   <li>at most {@link Limits#maxPerAddress} from one address (more are closed at once): far above what 300 visitors
 *       behind one school's NAT need (a page holds its stream and a few keep-alive connections);
 *   <li>an idle connection is closed after {@link Limits#idleTimeoutMillis} (30 s; an SSE stream writes at least a
 *       heartbeat every 5 s, and sets its own 15 s write timeout).
 * </ul>
 *
 * <p>The address is the socket's; behind a trusted proxy ({@code TRUST_PROXY=true}), every connection comes from the
 * proxy, so the per-address connection cap is left to it and {@link #clientAddress} reads {@code X-Forwarded-For}.
 */
final class Connections implements Connection.Listener {
    private static final Logger LOG = Logger.getLogger(Connections.class.getName());

    /**
     * The limits. Each reads an environment variable (or, for tests, a system property of the same name in lower
     * case with dots, e.g. {@code bp.header.timeout.millis}).
     */
    record Limits(
            long headerTimeoutMillis,
            int maxConnections,
            int maxPerAddress,
            long idleTimeoutMillis,
            boolean trustProxy) {
        static Limits fromEnvironment() {
            return new Limits(
                    setting("HEADER_TIMEOUT_MILLIS", 20_000),
                    (int) setting("MAX_CONNECTIONS", 10_000),
                    (int) setting("MAX_CONNECTIONS_PER_ADDRESS", 2_000),
                    setting("IDLE_TIMEOUT_MILLIS", 30_000),
                    behindTrustedProxy());
        }

        private static long setting(String env, long otherwise) {
            String v = System.getProperty(
                    "bp." + env.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
            if (v == null) v = System.getenv(env);
            if (v == null || v.isBlank()) return otherwise;
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                LOG.warning("event=bad-setting name=" + env + " value=" + Pages.clip(v));
                return otherwise;
            }
        }
    }

    /** Whether the server is behind a proxy it trusts to set X-Forwarded-For ({@code TRUST_PROXY=true}). */
    static boolean behindTrustedProxy() {
        String v = System.getProperty("bp.trust.proxy", System.getenv("TRUST_PROXY"));
        return "true".equalsIgnoreCase(v == null ? null : v.trim());
    }

    private final Limits limits;
    /** A connection: when it opened, and its address (kept: a closed socket no longer tells it), if it is counted. */
    private record Opened(long nanos, InetAddress counted) {}

    private final Map<Connection, Opened> open = new ConcurrentHashMap<>();
    private final Map<Connection, long[]> headers = new ConcurrentHashMap<>(); // {messagesIn, since nanos}
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "connections-sweeper");
        t.setDaemon(true);
        return t;
    });

    private Connections(Limits limits) {
        this.limits = limits;
    }

    /** Sets the limits on a Javalin Jetty server (call from {@code config.jetty.modifyServer}). */
    static void install(Server server, Limits limits) {
        Connections c = new Connections(limits);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
        // after a burst, Jetty lets one idle thread go per idle timeout (60 s): let them all go after one, so that
        // the threads a burst made are back to their count a minute later
        if (server.getThreadPool() instanceof org.eclipse.jetty.util.thread.QueuedThreadPool pool) {
            pool.setMaxEvictCount(Integer.MAX_VALUE);
        }
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    connector.addBean(c);
                    if (connector instanceof AbstractConnector a) a.setIdleTimeout(limits.idleTimeoutMillis());
                }
                c.sweeper.scheduleWithFixedDelay(c::sweepSafely, 1, 1, TimeUnit.SECONDS);
            }

            @Override
            public void lifeCycleStopped(LifeCycle event) {
                c.sweeper.shutdownNow();
            }
        });
        LOG.info("event=connection-limits " + limits);
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress a =
                limits.trustProxy() ? null : address(connection.getEndPoint().getRemoteSocketAddress());
        open.put(connection, new Opened(System.nanoTime(), a));
        if (a == null) return;
        int n = perAddress.computeIfAbsent(a, k -> new AtomicInteger()).incrementAndGet();
        if (n > limits.maxPerAddress()) {
            if (n == limits.maxPerAddress() + 1) LOG.warning("event=address-cap address=" + a.getHostAddress());
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        Opened o = open.remove(connection);
        headers.remove(connection);
        InetAddress a = o == null ? null : o.counted();
        if (a == null) return;
        perAddress.computeIfPresent(a, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (Throwable e) { // a scheduled task that throws is cancelled for good
            LOG.warning("event=connection-sweep-failed " + e);
        }
    }

    /** Closes connections whose request header has taken longer than the deadline. */
    void sweep() {
        long now = System.nanoTime();
        long limit = limits.headerTimeoutMillis() * 1_000_000L;
        for (Map.Entry<Connection, Opened> e : open.entrySet()) {
            if (!(e.getKey() instanceof HttpConnection h)) continue;
            HttpParser p = h.getParser();
            long messages = h.getMessagesIn();
            boolean first = messages == 0 && p.inHeaderState(); // no request yet: the clock started at the opening
            boolean later = messages > 0 && p.inHeaderState() && !p.isStart(); // a header begun, not finished
            if (!first && !later) {
                headers.remove(h);
                continue;
            }
            long[] seen = headers.get(h);
            if (seen == null || seen[0] != messages) {
                seen = new long[] {messages, first ? e.getValue().nanos() : now};
                headers.put(h, seen);
            }
            if (now - seen[1] > limit) {
                LOG.info("event=header-timeout address="
                        + describe(h.getEndPoint().getRemoteSocketAddress()));
                headers.remove(h);
                h.getEndPoint().close();
            }
        }
    }

    int count() {
        return open.size();
    }

    private static InetAddress address(SocketAddress s) {
        return s instanceof InetSocketAddress i ? i.getAddress() : null;
    }

    private static String describe(SocketAddress s) {
        InetAddress a = address(s);
        return a == null ? String.valueOf(s) : a.getHostAddress();
    }

    /**
     * The visitor's address: the socket's, or behind a trusted proxy the last address in {@code X-Forwarded-For} (the
     * one the proxy itself added; earlier ones are whatever the client claimed).
     */
    static String clientAddress(Context ctx) {
        if (behindTrustedProxy()) {
            String xff = ctx.header("X-Forwarded-For");
            if (xff != null && !xff.isBlank()) {
                String[] parts = xff.split(",");
                return parts[parts.length - 1].trim();
            }
        }
        return ctx.req().getRemoteAddr();
    }

    /** Calls {@code onFailure} if Jetty finds the request failed (its client gone) before it is answered. */
    static void onFailure(Context ctx, Runnable onFailure) {
        try {
            ServletContextRequest r = ServletContextRequest.getServletContextRequest(ctx.req());
            if (r != null) r.addFailureListener(t -> onFailure.run());
        } catch (RuntimeException | LinkageError e) {
            // best effort: the check's own deadline bounds it anyway
        }
    }
}
