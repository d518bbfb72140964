package playground.http;

import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Logger;
import playground.training.Run;
import playground.training.Snapshot;

/**
 * The open SSE streams. Each stream keeps one slot holding the latest snapshot of its run and drains it on its own
 * task of a sender pool: a slow browser only ever gets the newest frame (stale ones are dropped), and a browser that
 * stops reading blocks only its own task, never a trainer or another stream. Idle streams get a heartbeat comment, so
 * that a vanished browser is noticed within seconds.
 */
final class Streams implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Streams.class.getName());
    static final long HEARTBEAT_SECONDS = 5;
    /**
     * How long a write to a stream may wait for the browser to read before the stream is cut off (Jetty's idle timeout
     * of the stream's connection; its default, 30 s, is also its write timeout). A live stream writes at least a
     * heartbeat every {@code 1.5 * HEARTBEAT_SECONDS}, so this only ends browsers that stopped reading.
     */
    static final long WRITE_TIMEOUT_MILLIS = 3 * HEARTBEAT_SECONDS * 1000;

    /** One named SSE event. */
    record Event(String name, String data) {}

    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService sender = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sse-sender-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final int maxStreams;
    private final int maxPerSession;
    private final int maxPerAddress;

    Streams(int maxStreams, int maxPerSession) {
        this(maxStreams, maxPerSession, maxStreams);
    }

    /** At most {@code maxStreams} in all, {@code maxPerSession} a session, {@code maxPerAddress} from one address. */
    Streams(int maxStreams, int maxPerSession, int maxPerAddress) {
        this.maxStreams = maxStreams;
        this.maxPerSession = maxPerSession;
        this.maxPerAddress = maxPerAddress;
        // a short tick: each stream is due HEARTBEAT_SECONDS after its own last write, so heartbeats spread out
        heartbeat.scheduleWithFixedDelay(this::beat, 250, 250, TimeUnit.MILLISECONDS);
    }

    int count() {
        return open.size();
    }

    /**
     * Whether another stream may open (null if so, or the reason why not). A session at its own cap makes room by
     * closing its oldest stream: usually a page that was just reloaded, whose old connection is not noticed as gone
     * until a write to it fails.
     */
    String refusal(String sessionId, String address) {
        if (open.size() >= maxStreams) return "The server has too many open streams. Please try again in a minute.";
        List<Stream> mine = open.stream()
                .filter(s -> s.run.sessionId().equals(sessionId))
                .sorted(java.util.Comparator.comparingLong(s -> s.openedNanos))
                .toList();
        int closing = Math.max(0, mine.size() - maxPerSession + 1);
        long fromAddress = open.stream().filter(s -> s.address.equals(address)).count();
        if (fromAddress - closing >= maxPerAddress) {
            return "Your network already has " + fromAddress
                    + " streams open on this server, its share. Close a tab, or try again in a minute.";
        }
        for (int i = 0; i < closing; i++) mine.get(i).evict();
        return null;
    }

    /**
     * Attaches an SSE client to a run. The encoder turns a snapshot into events for this client (it may keep state,
     * e.g. which epochs it has sent); it runs on the stream's own sender task.
     */
    void attach(SseClient client, Run run, Function<Snapshot, List<Event>> encoder) {
        attach(client, run, encoder, () -> {});
    }

    /**
     * As {@link #attach(SseClient, Run, Function)}; {@code onClose} runs once when the stream ends. Answers a handle
     * that encodes the run's latest snapshot again, e.g. when the page opened a panel the encoder left out.
     */
    Runnable attach(SseClient client, Run run, Function<Snapshot, List<Event>> encoder, Runnable onClose) {
        return attach(client, run, null, encoder, onClose);
    }

    /**
     * As above, for a stream that shows two runs (the compare page's): a snapshot of either is a frame, and the
     * encoder reads the other's latest itself. {@code also} may be null.
     */
    Runnable attach(SseClient client, Run run, Run also, Function<Snapshot, List<Event>> encoder, Runnable onClose) {
        Stream s = new Stream(client, run, encoder, onClose);
        s.also = also;
        open.add(s);
        client.onClose(s::closed);
        writeTimeout(client, WRITE_TIMEOUT_MILLIS);
        client.keepAlive();
        run.addListener(s);
        if (also != null) also.addListener(s);
        s.onSnapshot(run.snapshot()); // the current state at once
        LOG.info(run.logTag() + " event=stream-open streams=" + open.size());
        return () -> s.onSnapshot(run.snapshot());
    }

    /** Sets the idle (and so write) timeout of this stream's connection alone; keeps Jetty's default if it cannot. */
    private static void writeTimeout(SseClient client, long millis) {
        try {
            var request = org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(
                    client.ctx().req());
            if (request != null) {
                request.getConnectionMetaData().getConnection().getEndPoint().setIdleTimeout(millis);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.fine("event=write-timeout-unset " + e);
        }
    }

    private void beat() {
        try {
            for (Stream s : open) s.beat();
        } catch (Throwable e) { // an Error too: a scheduled task that throws is cancelled for good
            LOG.warning("event=heartbeat-failed " + e);
        }
    }

    /**
     * The last event of every stream when the server stops (SIGTERM, a deploy): its name; the page closes its stream on
     * it and rebuilds its run from its link, here once the server is back or on another instance.
     */
    static final String RECONNECT = "reconnect";

    static final String RECONNECT_DATA =
            "The server is stopping: open the run again from its link (pages do it" + " themselves).";

    /** How long {@link #close} waits for the streams to take their last event before it closes them anyway. */
    static final long FAREWELL_MILLIS = 2000;

    /**
     * Ends every stream: each gets the {@link #RECONNECT} event (from its own sender task, after the frame it may be
     * writing; a browser that does not read within {@link #FAREWELL_MILLIS} is closed without it), then no more.
     */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        for (Stream s : open) s.farewell();
        long deadline = System.nanoTime() + FAREWELL_MILLIS * 1_000_000L;
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Stream s : open) {
            s.closed();
            s.client.close();
        }
        sender.shutdownNow();
    }

    private final class Stream implements Run.Listener {
        final SseClient client;
        final Run run;
        /** The other run a compare page's stream shows, or null. */
        volatile Run also;

        final Function<Snapshot, List<Event>> encoder;
        final AtomicReference<Snapshot> slot = new AtomicReference<>();
        final AtomicBoolean draining = new AtomicBoolean();
        volatile boolean heartbeatDue;
        /** The server is stopping: the next write is the last event, then the stream ends. */
        volatile boolean farewell;

        volatile boolean done;
        volatile long lastSendNanos = System.nanoTime();
        final long openedNanos = System.nanoTime();
        final Runnable onClose;
        final String address;

        Stream(SseClient client, Run run, Function<Snapshot, List<Event>> encoder, Runnable onClose) {
            this.client = client;
            this.address = Connections.clientAddress(client.ctx());
            this.run = run;
            this.encoder = encoder;
            this.onClose = onClose;
        }

        @Override
        public void onSnapshot(Snapshot s) {
            slot.set(s);
            kick();
        }

        void beat() {
            if (System.nanoTime() - lastSendNanos > HEARTBEAT_SECONDS * 1_000_000_000L) {
                heartbeatDue = true;
                kick();
            }
        }

        void farewell() {
            farewell = true;
            kick();
        }

        void kick() {
            if (done || !draining.compareAndSet(false, true)) return;
            try {
                sender.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                draining.set(false);
            } catch (Throwable e) { // no thread to be had (OutOfMemoryError): give the stream up, not its slot
                LOG.warning(run.logTag() + " event=stream-failed " + e);
                draining.set(false);
                closed(); // the connection ends at its write timeout
            }
        }

        void drain() {
            try {
                while (!done) {
                    if (farewell) {
                        if (!client.terminated()) send(List.of(new Event(RECONNECT, RECONNECT_DATA)));
                        closed();
                        client.close();
                        return;
                    }
                    Snapshot s = slot.getAndSet(null);
                    boolean hb = heartbeatDue;
                    heartbeatDue = false;
                    if (s == null && !hb) {
                        draining.set(false);
                        // a frame may have arrived after we looked: take it ourselves if no one else will
                        if ((slot.get() != null || heartbeatDue || farewell) && draining.compareAndSet(false, true))
                            continue;
                        return;
                    }
                    if (s != null) {
                        List<Event> frame = encoder.apply(s);
                        if (!client.terminated() && !frame.isEmpty() && !send(frame)) {
                            closed();
                            client.close();
                            return;
                        }
                        run.touch();
                        Run other = also;
                        if (other != null) other.touch();
                    }
                    if (hb && !client.terminated()) client.sendComment("heartbeat");
                    lastSendNanos = System.nanoTime();
                    if (client.terminated()) {
                        closed();
                        return;
                    }
                }
            } catch (Throwable e) { // OutOfMemoryError included: close this stream, let the counts fall, go on
                LOG.warning(run.logTag() + " event=stream-failed " + e);
                closed();
                draining.set(false);
                try {
                    client.close();
                } catch (Throwable again) {
                    LOG.fine("event=stream-close-failed " + again);
                }
            }
        }

        /**
         * Writes a frame's events in one write and one flush (one compressed block, one system call, instead of one
         * per event): "event: NAME", a "data: " line per line of the data, and a blank line, each. False if the
         * browser is gone.
         */
        boolean send(List<Event> frame) {
            StringBuilder sb = new StringBuilder(256);
            for (Event e : frame) {
                sb.append("event: ").append(e.name()).append('\n');
                String data = e.data();
                int from = 0;
                for (int nl = data.indexOf('\n'); nl >= 0; nl = data.indexOf('\n', from)) {
                    sb.append("data: ").append(data, from, nl).append('\n');
                    from = nl + 1;
                }
                sb.append("data: ").append(data, from, data.length()).append("\n\n");
            }
            try {
                var out = client.ctx().res().getOutputStream();
                out.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
                return true;
            } catch (java.io.IOException | RuntimeException e) {
                return false;
            }
        }

        /** Closes this stream to make room for a newer one of the same session. */
        void evict() {
            LOG.info(run.logTag() + " event=stream-evicted");
            closed();
            sender.execute(client::close); // closing may block on a stuck connection: not on the request thread
        }

        void closed() {
            if (done) return;
            done = true;
            run.removeListener(this);
            Run other = also;
            if (other != null) other.removeListener(this);
            open.remove(this);
            try {
                onClose.run();
            } catch (RuntimeException e) {
                LOG.warning(run.logTag() + " event=on-close-failed " + e);
            }
            LOG.info(run.logTag() + " event=stream-closed streams=" + open.size());
        }
    }
}
