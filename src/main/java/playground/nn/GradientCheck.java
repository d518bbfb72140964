package playground.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks backprop's gradients against central finite differences: dE/dw ~ (E(w + h) - E(w - h)) / (2h).
 *
 * <p>The relative error of an entry is |backprop - numeric| / max(|backprop|, |numeric|, {@link #FLOOR}); the floor
 * keeps a gradient that is zero in both (a dead relu, say) from dividing zero by zero.
 */
public final class GradientCheck {
    /** The step h, scaled by max(1, |w|). */
    public static final double STEP = 1e-5;

    public static final double FLOOR = 1e-8;

    /**
     * The most parameters one check compares. Each costs two forward passes, so a check costs at most 2 x MAX_CHECKED
     * forward passes (about 1 s on a 10x256 net on one core here); a network with more parameters is checked on a
     * seeded sample of them.
     */
    public static final int MAX_CHECKED = 1000;

    /** A check stops comparing, and reports what it compared, after this long (the API answers within 5 s). */
    public static final long BUDGET_NANOS = 4_000_000_000L;

    /** The seed of the sample of parameters: the same network and sample always check the same parameters. */
    public static final long SAMPLE_SEED = 0x5EED_11L;

    private GradientCheck() {}

    /** One parameter: w^(layer)_ij, or the bias b^(layer)_i when j = -1. */
    public record Entry(int layer, int i, int j, double backprop, double numeric, double relativeError) {}

    /**
     * What a check found.
     *
     * @param entries the parameters compared, in layer, row, column order ({@code checked()} of them)
     * @param total how many parameters the network has
     * @param cutShort the check stopped before it had compared its whole sample (its time ran out, or it was
     *     interrupted because its client left)
     */
    public record Result(double maxRelativeError, List<Entry> entries, int total, boolean cutShort) {
        public Result(double maxRelativeError, List<Entry> entries) {
            this(maxRelativeError, entries, entries.size(), false);
        }

        /** How many parameters were compared. */
        public int checked() {
            return entries.size();
        }

        /** Whether every parameter was compared. */
        public boolean complete() {
            return entries.size() == total;
        }
    }

    /**
     * Compares the gradients of every weight (and, with biases, every bias) for one sample, or of a seeded sample of
     * {@link #MAX_CHECKED} of them when there are more; stops after {@link #BUDGET_NANOS} or when the thread is
     * interrupted. The network is unchanged.
     */
    public static Result check(Network net, double[] x, double[] t) {
        return check(net, x, t, MAX_CHECKED, System.nanoTime() + BUDGET_NANOS);
    }

    /** As above, comparing at most {@code max} parameters and stopping at {@code deadlineNanos} (System.nanoTime). */
    public static Result check(Network net, double[] x, double[] t, int max, long deadlineNanos) {
        Network probe = net.copy();
        Trace tr = Backprop.gradients(probe, x, t);
        int L = probe.layers();
        int bias = probe.hasBias() ? 1 : 0;
        // parameters numbered layer by layer, row by row: w_i0 .. w_i(n-1), then b_i
        long[] offset = new long[L + 2];
        for (int l = 1; l <= L; l++) offset[l + 1] = offset[l] + (long) probe.size(l) * (probe.size(l - 1) + bias);
        int total = (int) offset[L + 1];
        long[] chosen = sample(total, max);
        List<Entry> entries = new ArrayList<>(chosen.length);
        double maxError = 0;
        boolean cutShort = false;
        int l = 1;
        for (long k : chosen) {
            if (Thread.currentThread().isInterrupted() || System.nanoTime() > deadlineNanos) {
                cutShort = true;
                break;
            }
            while (k >= offset[l + 1]) l++;
            int row = probe.size(l - 1) + bias;
            int i = (int) ((k - offset[l]) / row);
            int j = (int) ((k - offset[l]) % row);
            Entry e;
            if (j < probe.size(l - 1)) {
                double w0 = probe.w(l, i, j);
                double h = STEP * Math.max(1.0, Math.abs(w0));
                probe.setW(l, i, j, w0 + h);
                double ePlus = Backprop.loss(probe, x, t);
                probe.setW(l, i, j, w0 - h);
                double eMinus = Backprop.loss(probe, x, t);
                probe.setW(l, i, j, w0);
                e = entry(l, i, j, tr.dW()[l][i][j], (ePlus - eMinus) / (2 * h));
            } else {
                double b0 = probe.b(l, i);
                double h = STEP * Math.max(1.0, Math.abs(b0));
                probe.setB(l, i, b0 + h);
                double ePlus = Backprop.loss(probe, x, t);
                probe.setB(l, i, b0 - h);
                double eMinus = Backprop.loss(probe, x, t);
                probe.setB(l, i, b0);
                e = entry(l, i, -1, tr.db()[l][i], (ePlus - eMinus) / (2 * h));
            }
            maxError = Math.max(maxError, e.relativeError());
            entries.add(e);
        }
        return new Result(maxError, List.copyOf(entries), total, cutShort);
    }

    /** 0..total-1 when total <= max; else max distinct numbers of them, seeded, in increasing order (Floyd). */
    static long[] sample(int total, int max) {
        if (total <= max) {
            long[] all = new long[total];
            for (int k = 0; k < total; k++) all[k] = k;
            return all;
        }
        java.util.SplittableRandom rng = new java.util.SplittableRandom(SAMPLE_SEED);
        java.util.Set<Integer> picked = new java.util.HashSet<>();
        for (int k = total - max; k < total; k++) {
            int r = rng.nextInt(k + 1);
            picked.add(picked.contains(r) ? k : r);
        }
        return picked.stream().mapToLong(Integer::longValue).sorted().toArray();
    }

    static Entry entry(int l, int i, int j, double backprop, double numeric) {
        double denom = Math.max(FLOOR, Math.max(Math.abs(backprop), Math.abs(numeric)));
        return new Entry(l, i, j, backprop, numeric, Math.abs(backprop - numeric) / denom);
    }
}
