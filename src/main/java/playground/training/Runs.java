package playground.training;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import playground.nn.Network;

/**
 * Every run on the server, by session. Trainers share one pool of threads, as many as there are cores. Runs per
 * session and in all are capped; a run nobody has looked at for {@link Limits#pauseAfterMillis} pauses, and one idle
 * for {@link Limits#freeAfterMillis} is freed.
 */
public final class Runs implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Runs.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The caps and timeouts.
     *
     * @param memoryBudget the most bytes all runs together may hold, by {@link Config#estimatedBytes()}
     */
    public record Limits(
            int runsPerSession, int runsInTotal, long pauseAfterMillis, long freeAfterMillis, long memoryBudget) {
        public Limits(int runsPerSession, int runsInTotal, long pauseAfterMillis, long freeAfterMillis) {
            this(runsPerSession, runsInTotal, pauseAfterMillis, freeAfterMillis, defaultBudget());
        }

        public static Limits defaults() {
            return new Limits(8, 2000, 60_000, 15 * 60_000);
        }

        /** Half of the heap the JVM may grow to. */
        static long defaultBudget() {
            return Runtime.getRuntime().maxMemory() / 2;
        }
    }

    private final Limits limits;
    private final ScheduledThreadPoolExecutor pool;
    private final Map<String, Run> byId = new ConcurrentHashMap<>();
    private final Map<String, List<Run>> bySession = new ConcurrentHashMap<>();
    private long bytes; // guarded by this
    private int pending; // runs being made, guarded by this
    private final Map<String, Integer> pendingBySession = new java.util.HashMap<>(); // guarded by this
    private final java.util.concurrent.Semaphore heavy;

    public Runs(Limits limits) {
        this(limits, trainerThreads(Runtime.getRuntime().availableProcessors()));
    }

    /**
     * One trainer thread per core but one: the last core is left to the requests and the streams, so that a page
     * stays quick however many runs train (Java thread priorities do not reach Linux's scheduler).
     */
    static int trainerThreads(int cores) {
        return Math.max(1, cores - 1);
    }

    public Runs(Limits limits, int threads) {
        this.limits = limits;
        this.heavy = new java.util.concurrent.Semaphore(Math.max(1, threads), true);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "trainer-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1); // requests and streams come first
            return t;
        };
        this.pool = new ScheduledThreadPoolExecutor(Math.max(1, threads), tf);
        pool.setRemoveOnCancelPolicy(true);
        pool.scheduleWithFixedDelay(this::sweepSafely, 1, 1, TimeUnit.SECONDS);
    }

    /** A new id that cannot be guessed: 128 random bits, base64url. */
    public static String newId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Creates an idle run for a session. When the session already holds its cap, its least recently seen run that
     * nobody watches is freed to make room; when it cannot be, or the server is full, this throws BusyException.
     *
     * <p>The lock is held only to count and to reserve a place: the run's dataset and initial losses are computed
     * outside it (a 10x256 net on exp-sin takes seconds), so that no one else waits for them. Creations that cost more
     * than {@link #HEAVY_CREATION} multiply-adds take turns, at most one per trainer thread at once, so that a burst of
     * them leaves a core to the pages; one that waits more than {@link #CREATION_WAIT_MILLIS} is refused (busy).
     */
    public Run create(String sessionId, Config config, Speed speed, Network initialWeights) {
        return create(sessionId, config, speed, initialWeights, true);
    }

    /**
     * As above; with {@code mayEvict} false (a GET: opening a link loses nothing the visitor has), a session at its cap
     * makes room only by freeing a run nobody watches that has never trained (idle at sample 0: its link gives it back
     * exactly, as everything is seeded); when it has none, it is refused (busy) and keeps every run.
     */
    public Run create(String sessionId, Config config, Speed speed, Network initialWeights, boolean mayEvict) {
        long need = config.estimatedBytes();
        synchronized (this) {
            List<Run> mine = bySession.computeIfAbsent(sessionId, k -> new ArrayList<>());
            int pendingMine = pendingBySession.getOrDefault(sessionId, 0);
            if (mine.size() + pendingMine >= limits.runsPerSession()) {
                Run oldest = mine.stream()
                        .filter(r -> r.listenerCount() == 0)
                        .filter(r -> mayEvict || untouched(r))
                        .max(Comparator.comparingLong(Run::idleNanos))
                        .orElse(null);
                if (oldest == null) {
                    if (mine.isEmpty()) bySession.remove(sessionId);
                    if (!mayEvict) {
                        throw new BusyException("This session already has " + (mine.size() + pendingMine)
                                + " runs open, and opening a link closes none of them; a run nobody watches is freed"
                                + " after 15 minutes. Please try again then, or start this run from a tab you have.");
                    }
                    throw new BusyException("This session already has " + (mine.size() + pendingMine)
                            + " runs open; close a tab or press Reset in one of them.");
                }
                removeLocked(oldest, "evicted");
            }
            if (byId.size() + pending >= limits.runsInTotal() || bytes + need > limits.memoryBudget()) {
                if (mine.isEmpty()) bySession.remove(sessionId);
                throw new BusyException("The server is busy (" + byId.size() + " runs). Please try again in a minute.");
            }
            // reserve the place and the memory: the run itself is made outside the lock
            bytes += need;
            pending++;
            pendingBySession.merge(sessionId, 1, Integer::sum);
        }
        Run run = null;
        try {
            run = make(sessionId, config, speed, initialWeights);
        } finally {
            synchronized (this) {
                pending--;
                pendingBySession.computeIfPresent(sessionId, (k, n) -> n == 1 ? null : n - 1);
                if (run == null) {
                    bytes -= need;
                    List<Run> mine = bySession.get(sessionId);
                    if (mine != null && mine.isEmpty() && !pendingBySession.containsKey(sessionId)) {
                        bySession.remove(sessionId);
                    }
                } else {
                    byId.put(run.id(), run);
                    bySession.computeIfAbsent(sessionId, k -> new ArrayList<>()).add(run);
                }
            }
        }
        LOG.info(run.logTag() + " event=created config=" + config.toParams());
        return run;
    }

    /** A run that has never trained: idle at its first sample. */
    private static boolean untouched(Run r) {
        Snapshot s = r.snapshot();
        return s.state() == RunState.IDLE && s.samplesDone() == 0 && s.phase() == 0;
    }

    /**
     * A creation whose dataset pass (samples x parameters, for the initial losses) costs more than this many
     * multiply-adds (about 50 ms of one core) takes a turn.
     */
    static final long HEAVY_CREATION = 50_000_000L;

    /** How long a heavy creation may wait for its turn before it is refused. */
    static final long CREATION_WAIT_MILLIS = 10_000;

    /** Makes the run (its dataset, initial weights and losses): heavy ones take turns. Holds no lock of ours. */
    private Run make(String sessionId, Config config, Speed speed, Network initialWeights) {
        long work = (long) config.dataset().count() * config.parameterCount();
        if (work <= HEAVY_CREATION) return new Run(newId(), sessionId, config, speed, initialWeights, pool);
        try {
            if (!heavy.tryAcquire(CREATION_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new BusyException("The server is busy creating large runs. Please try again in a minute.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException("The server is stopping.");
        }
        try {
            return new Run(newId(), sessionId, config, speed, initialWeights, pool);
        } finally {
            heavy.release();
        }
    }

    /** The run with this id, if it belongs to this session; null otherwise (never another session's run). */
    public Run find(String sessionId, String runId) {
        if (sessionId == null || runId == null) return null;
        Run r = byId.get(runId);
        if (r == null || !r.sessionId().equals(sessionId)) return null;
        r.touch();
        return r;
    }

    /** The session's most recently seen run with exactly this configuration, or null. */
    public Run findByConfig(String sessionId, Config config) {
        return findByConfig(sessionId, config, null);
    }

    /** The session's most recently seen run with this configuration and these initial weights (null: the seed's). */
    public Run findByConfig(String sessionId, Config config, Network initial) {
        if (sessionId == null) return null;
        synchronized (this) {
            List<Run> mine = bySession.get(sessionId);
            if (mine == null) return null;
            Run best = mine.stream()
                    .filter(r -> r.config().equals(config))
                    .filter(r -> initial == null
                            ? r.initialWeights() == null
                            : r.initialWeights() != null && r.initialWeights().sameWeights(initial))
                    .min(Comparator.comparingLong(Run::idleNanos))
                    .orElse(null);
            if (best != null) best.touch();
            return best;
        }
    }

    public void remove(Run run, String why) {
        synchronized (this) {
            removeLocked(run, why);
        }
    }

    private void removeLocked(Run run, String why) {
        if (byId.remove(run.id()) == null) return;
        bytes -= run.config().estimatedBytes();
        List<Run> mine = bySession.get(run.sessionId());
        if (mine != null) {
            mine.remove(run);
            if (mine.isEmpty()) bySession.remove(run.sessionId());
        }
        run.close();
        LOG.info(run.logTag() + " event=freed reason=" + why);
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (Throwable e) { // a scheduled task that throws is cancelled for good
            LOG.warning("event=sweep-failed " + e);
        }
    }

    /** Pauses runs nobody looks at, frees long-idle ones. */
    void sweep() {
        for (Run r : List.copyOf(byId.values())) {
            long idleMillis = r.idleNanos() / 1_000_000;
            if (idleMillis >= limits.freeAfterMillis()) {
                remove(r, "idle");
            } else if (idleMillis >= limits.pauseAfterMillis() && r.isRunning()) {
                r.pause();
                LOG.info(r.logTag() + " event=paused reason=unwatched");
            }
        }
    }

    public int sessions() {
        return bySession.size();
    }

    public int runs() {
        return byId.size();
    }

    /** The memory all runs hold, by their estimates. */
    public synchronized long estimatedBytes() {
        return bytes;
    }

    /** Every run held now (a copy: for counting them, e.g. by state). */
    public List<Run> list() {
        return List.copyOf(byId.values());
    }

    public int running() {
        return (int) byId.values().stream().filter(Run::isRunning).count();
    }

    public ScheduledExecutorService pool() {
        return pool;
    }

    /** Stops every trainer and frees every run. */
    @Override
    public void close() {
        synchronized (this) {
            for (Run r : List.copyOf(byId.values())) removeLocked(r, "shutdown");
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
