package playground.training;

import playground.nn.Network;

/**
 * Keeps two runs of a comparison together (run A and run B, see the compare page): each run's trainer may go at most
 * {@link #slack one frame's samples} past its partner, so at every frame both are at the same sample count, or within
 * one frame's samples, whatever the pace, the work a sample costs each, and however the trainer threads are shared. A
 * run that is behind is never held back (its partner is ahead of it), so the two cannot wait for each other; a partner
 * that is done, diverged or freed holds nothing back, nor one that stays idle or paused for more than {@link
 * #WAIT_NANOS}, so a run is never stuck by the other.
 *
 * <p>The runs are ordinary runs: this only {@linkplain Run#bound bounds} their slices. Both keep their own pace; the
 * compare page gives them the same one and sends every control to both.
 */
public final class Lockstep implements Run.Bound {
    private final Run a;
    private final Run b;

    private Lockstep(Run a, Run b) {
        this.a = a;
        this.b = b;
    }

    /** Binds {@code a} and {@code b} together; each is then bounded by the other. */
    public static Lockstep pair(Run a, Run b) {
        if (a == b) throw new IllegalArgumentException("a run cannot be compared with itself");
        Lockstep l = new Lockstep(a, b);
        a.bound(l);
        b.bound(l);
        return l;
    }

    public Run a() {
        return a;
    }

    public Run b() {
        return b;
    }

    /** The other run of the pair. */
    public Run partner(Run r) {
        return r == a ? b : a;
    }

    /**
     * How long a run waits for a partner that is not training (idle or paused) before it goes on alone: both are
     * started, resumed and paused together (two requests), so the first to start waits for the other a moment; a
     * partner that stays still (paused alone, or at the end of an epoch of another length) holds nothing back.
     */
    static final long WAIT_NANOS = 500_000_000L;

    /** Per side (A, B): since when it has waited for a partner that does not train, and when it last asked. */
    private final long[] waitingSince = new long[2];

    private final long[] lastAsked = new long[2];

    @Override
    public long limit(Run run) {
        Run other = partner(run);
        if (other.isClosed()) return Long.MAX_VALUE;
        Snapshot os = other.snapshot();
        long limit = other.progress() + slack(run.snapshot(), os);
        int side = run == a ? 0 : 1;
        long now = System.nanoTime();
        synchronized (waitingSince) {
            long asked = lastAsked[side];
            lastAsked[side] = now;
            if (os.state() == RunState.RUNNING) {
                waitingSince[side] = 0;
                return limit;
            }
            if (os.state() == RunState.DONE || os.state() == RunState.DIVERGED) return Long.MAX_VALUE;
            // a slice asks at least once a second while its run trains: a longer silence is a new start
            if (waitingSince[side] == 0 || now - asked > 2 * WAIT_NANOS) waitingSince[side] = now;
            return now - waitingSince[side] < WAIT_NANOS ? limit : Long.MAX_VALUE;
        }
    }

    /**
     * How far a run may be ahead of its partner: one frame's samples at its pace (a paced run's frame is {@link
     * Slicer#FRAME_MILLIS}; one sample at a speed of samples a second; at full speed, a tenth of a second's samples at the
     * rate the slower of the two goes (the pair goes at that rate), and at least {@link #MIN_FULL_SPEED_SLACK}, so that
     * neither trains in crumbs).
     */
    static long slack(Snapshot s, Snapshot other) {
        Speed sp = s.speed();
        return switch (sp.kind()) {
            case SAMPLES -> 1;
            case AUTO, EPOCHS ->
                Math.max(1, (long) Math.ceil(
                        sp.samplesPerSecond(s.config().epochs(), s.trainCount()) * Slicer.FRAME_MILLIS / 1000.0));
            case MAX ->
                Math.max(MIN_FULL_SPEED_SLACK, (long)
                        (Math.min(s.samplesPerSecond(), other.samplesPerSecond()) / Slicer.FRAMES_PER_SECOND));
        };
    }

    static final long MIN_FULL_SPEED_SLACK = 256;

    /**
     * The weights run B starts from when it should start from A's: null when B's seed gives A's anyway (the same
     * layers, bias, seed and initialisation) or when B asks for other ones (another seed or initialisation: B then
     * draws its own); otherwise B's seed's weights with every layer whose shape matches A's (W and b) copied from A's
     * initial weights, so that the two start equal wherever they can.
     *
     * @param aGiven A's given initial weights, or null for its seed's
     */
    public static Network startOfB(Config a, Network aGiven, Config b) {
        if (aGiven == null && (a.seed() != b.seed() || a.init() != b.init())) return null;
        boolean sameShape = java.util.Arrays.equals(a.layers(), b.layers()) && a.bias() == b.bias();
        if (aGiven == null && sameShape && a.dataset() == b.dataset()) return null;
        Network aStart = Training.start(a, aGiven);
        Network net = Training.start(b, null);
        int layers = Math.min(aStart.layers(), net.layers());
        for (int l = 1; l <= layers; l++) {
            if (aStart.size(l) != net.size(l) || aStart.size(l - 1) != net.size(l - 1)) continue;
            net.setWeights(l, aStart.weights(l));
            if (aStart.hasBias() && net.hasBias()) net.setBiases(l, aStart.biases(l));
        }
        return net;
    }
}
