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
            int runsPerSession,
            int runsInTotal,
            long pauseAfterMillis,
            long freeAfterMillis,
            long memoryBudget,
            int runsPerAddress,
            int runningPerAddress) {
        public Limits(int runsPerSession, int runsInTotal, long pauseAfterMillis, long freeAfterMillis) {
            this(runsPerSession, runsInTotal, pauseAfterMillis, freeAfterMillis, defaultBudget());
        }

        public Limits(
                int runsPerSession, int runsInTotal, long pauseAfterMillis, long freeAfterMillis, long memoryBudget) {
            this(
                    runsPerSession,
                    runsInTotal,
                    pauseAfterMillis,
                    freeAfterMillis,
                    memoryBudget,
                    runsInTotal,
                    runsInTotal);
        }

        /**
         * 8 runs a session, 2000 in all; one address (a whole school behind NAT is one address) may hold half of them
         * and train a quarter at once: far more than a class of 300 needs, and never the whole server.
         */
        public static Limits defaults() {
            return new Limits(8, 2000, 60_000, 15 * 60_000, defaultBudget(), 1000, 500);
        }

        /** Half of the heap the JVM may grow to. */
        static long defaultBudget() {
            return Runtime.getRuntime().maxMemory() / 2;
        }
    }

    /** The address of runs made without one (the command line, tests). */
    public static final String LOCAL = "local";

    /**
     * A run that a page view made for a visitor who has not acted yet: counted in no cap and not trained, until the
     * visitor's page asks for it (its stream, a control); the oldest go first when those held pass their budget.
     */
    private record Offer(Run run, String address, long bytes, long madeNanos) {}

    /** Offers held at most, and for how long. */
    static final int MAX_OFFERS = 5000;

    static final long OFFER_MILLIS = 5 * 60_000;

    private final Limits limits;
    private final ScheduledThreadPoolExecutor pool;
    private final Map<String, Run> byId = new ConcurrentHashMap<>();
    private final Map<String, List<Run>> bySession = new ConcurrentHashMap<>();
    private long bytes; // guarded by this
    private int beingMade; // runs being made, guarded by this
    private final Map<String, Integer> pendingBySession = new java.util.HashMap<>(); // guarded by this
    private final java.util.concurrent.Semaphore heavy;
    private final Map<String, String> addressOf = new java.util.HashMap<>(); // run id -> address, guarded by this
    private final Map<String, Integer> runsByAddress = new java.util.HashMap<>(); // with beingMade, guarded by this
    private final java.util.LinkedHashMap<String, Offer> offers = new java.util.LinkedHashMap<>(); // oldest first
    private final Map<String, Integer> offersByAddress = new java.util.HashMap<>(); // guarded by this
    private long offerBytes; // guarded by this

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
        return create(sessionId, LOCAL, config, speed, initialWeights, mayEvict);
    }

    /** As above, for a visitor at this address (the per-address caps count it). */
    public Run create(
            String sessionId, String address, Config config, Speed speed, Network initialWeights, boolean mayEvict) {
        long need = config.estimatedBytes();
        synchronized (this) {
            reserveLocked(sessionId, address, need, mayEvict);
            beingMade++;
            pendingBySession.merge(sessionId, 1, Integer::sum);
        }
        Run run = null;
        try {
            run = make(sessionId, config, speed, initialWeights);
        } finally {
            synchronized (this) {
                beingMade--;
                pendingBySession.computeIfPresent(sessionId, (k, n) -> n == 1 ? null : n - 1);
                if (run == null) {
                    bytes -= need;
                    runsByAddress.computeIfPresent(address, (k, n) -> n == 1 ? null : n - 1);
                    List<Run> mine = bySession.get(sessionId);
                    if (mine != null && mine.isEmpty() && !pendingBySession.containsKey(sessionId)) {
                        bySession.remove(sessionId);
                    }
                } else {
                    registerLocked(run, address);
                }
            }
        }
        LOG.info(run.logTag() + " event=created config=" + config.toParams());
        return run;
    }

    /**
     * Makes room for one more run of this session and address and reserves its memory, or throws BusyException: the
     * session's cap (freeing its least recently seen run nobody watches, see {@link #create}), the address's cap, the
     * server's cap and memory budget.
     */
    private void reserveLocked(String sessionId, String address, long need, boolean mayEvict) {
        String refusal = refusalLocked(sessionId, address, need, mayEvict);
        if (refusal != null) throw new BusyException(refusal);
        List<Run> mine = bySession.getOrDefault(sessionId, List.of());
        if (mine.size() + pendingBySession.getOrDefault(sessionId, 0) >= limits.runsPerSession()) {
            removeLocked(evictableLocked(mine, mayEvict), "evicted");
        }
        bytes += need;
        runsByAddress.merge(address, 1, Integer::sum);
    }

    /** Why one more run of this session and address would be refused now, or null if it would not. */
    private String refusalLocked(String sessionId, String address, long need, boolean mayEvict) {
        List<Run> mine = bySession.getOrDefault(sessionId, List.of());
        int pendingMine = pendingBySession.getOrDefault(sessionId, 0);
        int freed = 0;
        if (mine.size() + pendingMine >= limits.runsPerSession()) {
            Run evictable = evictableLocked(mine, mayEvict);
            if (evictable == null && !mayEvict) {
                return "This session already has " + (mine.size() + pendingMine)
                        + " runs open, and opening a link closes none of them; a run nobody watches is freed"
                        + " after 15 minutes. Please try again then, or start this run from a tab you have.";
            }
            if (evictable == null) {
                return "This session already has " + (mine.size() + pendingMine)
                        + " runs open; close a tab or press Reset in one of them.";
            }
            freed = 1;
        }
        int fromAddress = runsByAddress.getOrDefault(address, 0);
        if (fromAddress - freed >= limits.runsPerAddress()) {
            return "Your network already has " + fromAddress
                    + " runs open on this server, its share. Please try again in a few minutes.";
        }
        if (byId.size() + beingMade - freed >= limits.runsInTotal() || bytes + need > limits.memoryBudget()) {
            return "The server is busy (" + byId.size() + " runs). Please try again in a minute.";
        }
        return null;
    }

    /**
     * The session's least recently seen run that nobody watches (with {@code mayEvict} false, one that has never
     * trained: its link gives it back exactly), or null.
     */
    private static Run evictableLocked(List<Run> mine, boolean mayEvict) {
        return mine.stream()
                .filter(r -> r.listenerCount() == 0)
                .filter(r -> mayEvict || untouched(r))
                .max(Comparator.comparingLong(Run::idleNanos))
                .orElse(null);
    }

    private void registerLocked(Run run, String address) {
        byId.put(run.id(), run);
        addressOf.put(run.id(), address);
        bySession.computeIfAbsent(run.sessionId(), k -> new ArrayList<>()).add(run);
    }

    /**
     * A run for a page view: made (as {@link #create} makes it, and moved to {@code at} when given) but held as an
     * offer, counted in no cap, until the visitor's page asks for it by its id ({@link #find}). A burst of page views
     * that never open their stream (a crawler, a script) thus takes no place from anyone: the offers it leaves are the
     * first to go, oldest first, past {@link #MAX_OFFERS} or an eighth of the memory budget, and one address may hold
     * at most half of them.
     */
    public Run offer(
            String sessionId, String address, Config config, Speed speed, Network initialWeights, Moment.At at) {
        return offer(sessionId, address, config, speed, initialWeights, at, List.of());
    }

    /** As above, with a link's edits of the weights replayed (see {@link Run#replay}). */
    public Run offer(
            String sessionId,
            String address,
            Config config,
            Speed speed,
            Network initialWeights,
            Moment.At at,
            List<Edit> edits) {
        synchronized (this) { // a page that could not have its run says so at once
            String refusal = refusalLocked(sessionId, address, config.estimatedBytes(), false);
            if (refusal != null) throw new BusyException(refusal);
        }
        Run run = make(sessionId, config, speed, initialWeights);
        if (!edits.isEmpty()) run.replay(edits, at);
        else if (at != null) run.seek(at.epoch(), at.sample());
        long charge = at == null && edits.isEmpty() ? config.idleBytes() : config.estimatedBytes();
        synchronized (this) {
            offers.put(run.id(), new Offer(run, address, charge, System.nanoTime()));
            offerBytes += charge;
            int mine = offersByAddress.merge(address, 1, Integer::sum);
            if (mine > MAX_OFFERS / 2) {
                offers.values().stream()
                        .filter(o -> o.address().equals(address))
                        .findFirst()
                        .ifPresent(o -> dropOfferLocked(o.run().id()));
            }
            while (offers.size() > 1 && (offers.size() > MAX_OFFERS || offerBytes > limits.memoryBudget() / 8)) {
                dropOfferLocked(offers.keySet().iterator().next());
            }
        }
        return run;
    }

    private void dropOfferLocked(String runId) {
        Offer o = offers.remove(runId);
        if (o == null) return;
        offerBytes -= o.bytes();
        offersByAddress.computeIfPresent(o.address(), (k, n) -> n == 1 ? null : n - 1);
        o.run().close();
    }

    /** The offer with this id turned into a run of its session, within the caps (or BusyException); null if none. */
    private synchronized Run adopt(String sessionId, String runId) {
        // the page asks for its run with several requests at once (its stream, the panels it shows): one adopts it
        Run adopted = byId.get(runId);
        if (adopted != null) return adopted;
        Offer o = offers.get(runId);
        if (o == null || !o.run().sessionId().equals(sessionId)) return null;
        reserveLocked(sessionId, o.address(), o.run().config().estimatedBytes(), false);
        offers.remove(runId);
        offerBytes -= o.bytes();
        offersByAddress.computeIfPresent(o.address(), (k, n) -> n == 1 ? null : n - 1);
        registerLocked(o.run(), o.address());
        LOG.info(o.run().logTag() + " event=created config=" + o.run().config().toParams());
        return o.run();
    }

    /** A control of a run ({@link Run#control}); one that trains first checks the address's share. */
    public Snapshot control(Run run, Action action) {
        if (action.trains()) checkMayTrain(run);
        return run.control(action);
    }

    /**
     * Whether the address of this run may start one more: at most {@link Limits#runningPerAddress} of an address's
     * runs train at once.
     *
     * @throws BusyException when it may not
     */
    void checkMayTrain(Run run) {
        if (run.isRunning()) return;
        long running;
        synchronized (this) {
            String address = addressOf.get(run.id());
            if (address == null) return;
            running = byId.values().stream()
                    .filter(r -> address.equals(addressOf.get(r.id())))
                    .filter(Run::isRunning)
                    .count();
        }
        if (running >= limits.runningPerAddress()) {
            throw new BusyException("Your network already has " + running
                    + " runs training on this server, its share. Pause one, or try again in a minute.");
        }
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
        if (r == null) r = adopt(sessionId, runId);
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
        return findByConfig(sessionId, config, initial, null);
    }

    /** As above, and at this moment when one is given. */
    public Run findByConfig(String sessionId, Config config, Network initial, Moment.At at) {
        return findByConfig(sessionId, config, initial, at, "");
    }

    /** As above, with these edits of the weights ({@link Edit#format}; "" for none). */
    public Run findByConfig(String sessionId, Config config, Network initial, Moment.At at, String edits) {
        if (sessionId == null) return null;
        synchronized (this) {
            List<Run> mine = new ArrayList<>(bySession.getOrDefault(sessionId, List.of()));
            for (Offer o : offers.values()) if (o.run().sessionId().equals(sessionId)) mine.add(o.run());
            Run best = mine.stream()
                    .filter(r -> r.bound() == null) // a comparison's runs are the compare page's
                    .filter(r -> r.config().equals(config))
                    .filter(r -> at == null || r.snapshot().at().equals(at))
                    .filter(r -> r.snapshot().edits().equals(edits))
                    .filter(r -> initial == null
                            ? r.initialWeights() == null
                            : r.initialWeights() != null && r.initialWeights().sameWeights(initial))
                    .min(Comparator.comparingLong(Run::idleNanos))
                    .orElse(null);
            if (best != null) best.touch();
            return best;
        }
    }

    /**
     * The session's most recently seen comparison ({@link Lockstep}) of a run A with this configuration and these
     * initial weights (null: the seed's) and a run B likewise, both without edits; null if it has none.
     */
    public Lockstep findPair(String sessionId, Config a, Network aInitial, Config b, Network bInitial) {
        if (sessionId == null) return null;
        synchronized (this) {
            List<Run> mine = new ArrayList<>(bySession.getOrDefault(sessionId, List.of()));
            for (Offer o : offers.values()) if (o.run().sessionId().equals(sessionId)) mine.add(o.run());
            Lockstep best = mine.stream()
                    .filter(r -> r.bound() instanceof Lockstep l && l.a() == r)
                    .map(r -> (Lockstep) r.bound())
                    .filter(l -> !l.a().isClosed() && !l.b().isClosed())
                    .filter(l -> starts(l.a(), a, aInitial) && starts(l.b(), b, bInitial))
                    .min(Comparator.comparingLong(l -> Math.min(l.a().idleNanos(), l.b().idleNanos())))
                    .orElse(null);
            if (best != null) {
                best.a().touch();
                best.b().touch();
            }
            return best;
        }
    }

    /** Whether this run has this configuration and initial weights, and no edits. */
    private static boolean starts(Run r, Config config, Network initial) {
        return r.config().equals(config)
                && r.snapshot().edits().isEmpty()
                && (initial == null
                        ? r.initialWeights() == null
                        : r.initialWeights() != null && r.initialWeights().sameWeights(initial));
    }

    public void remove(Run run, String why) {
        synchronized (this) {
            removeLocked(run, why);
        }
    }

    private void removeLocked(Run run, String why) {
        if (byId.remove(run.id()) == null) return;
        bytes -= run.config().estimatedBytes();
        String address = addressOf.remove(run.id());
        if (address != null) runsByAddress.computeIfPresent(address, (k, n) -> n == 1 ? null : n - 1);
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
        synchronized (this) {
            long now = System.nanoTime();
            while (!offers.isEmpty()) {
                Offer oldest = offers.values().iterator().next();
                if ((now - oldest.madeNanos()) / 1_000_000 < OFFER_MILLIS) break;
                dropOfferLocked(oldest.run().id());
            }
        }
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

    /**
     * Whether a session's visitor is active now: one of its runs is watched, or was seen within {@link
     * Limits#pauseAfterMillis}.
     */
    public boolean active(String sessionId) {
        List<Run> mine;
        synchronized (this) {
            mine = List.copyOf(bySession.getOrDefault(sessionId, List.of()));
        }
        return mine.stream()
                .anyMatch(r -> r.listenerCount() > 0 || r.idleNanos() / 1_000_000 < limits.pauseAfterMillis());
    }

    /** Page views' runs that no page has asked for yet. */
    public synchronized int offers() {
        return offers.size();
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
            for (String id : List.copyOf(offers.keySet())) dropOfferLocked(id);
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
