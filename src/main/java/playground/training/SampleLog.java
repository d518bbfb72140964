package playground.training;

import java.util.ArrayList;
import java.util.List;
import playground.nn.Trace;

/**
 * The last K samples' traces of a run, oldest first, for the timeline. K is chosen so that the log holds about
 * {@link #BUDGET_BYTES} at most: 500 samples of a small network, fewer of a large one (at least 2).
 */
public final class SampleLog {
    public static final long BUDGET_BYTES = 2L << 20;
    public static final int MAX_ENTRIES = 500;
    public static final int MIN_ENTRIES = 2;

    private final Moment[] ring;
    private int start;
    private int size;

    public SampleLog(int[] layers) {
        this.ring = new Moment[capacity(layers)];
    }

    /** K for these layer sizes: {@link #BUDGET_BYTES} over the bytes one trace holds, between 2 and 500. */
    public static int capacity(int[] layers) {
        long k = BUDGET_BYTES / traceBytes(layers);
        return (int) Math.max(MIN_ENTRIES, Math.min(MAX_ENTRIES, k));
    }

    /**
     * An upper estimate of one trace's memory: W before and after and dE/dW (3 copies of the weights) plus z, a, delta,
     * dE/db, b before and after (6 vectors per layer), as double arrays with their headers.
     */
    public static long traceBytes(int[] layers) {
        long weights = 0;
        long widths = 0;
        long arrays = 0;
        for (int l = 1; l < layers.length; l++) {
            weights += (long) layers[l] * layers[l - 1];
            widths += layers[l];
            arrays += 3L * layers[l] + 6;
        }
        return 8 * (3 * weights + 6 * widths + layers[0] * 2L) + 16 * arrays + 256;
    }

    public synchronized void add(int epoch, int sample, Trace trace) {
        add(epoch, sample, trace, -1);
    }

    /** As above, with the length of the epoch the sample was trained in (see {@link Moment#epochLength}). */
    public synchronized void add(int epoch, int sample, Trace trace, int epochLength) {
        int at = (start + size) % ring.length;
        ring[at] = new Moment(epoch, sample, trace, epochLength);
        if (size < ring.length) size++;
        else start = (start + 1) % ring.length;
    }

    public synchronized void clear() {
        java.util.Arrays.fill(ring, null);
        start = 0;
        size = 0;
    }

    public synchronized int size() {
        return size;
    }

    public int capacity() {
        return ring.length;
    }

    /** The i-th moment, 0 = the oldest kept. */
    public synchronized Moment get(int i) {
        if (i < 0 || i >= size) throw new ConfigException("at", "must be from 0 to " + (size - 1));
        return ring[(start + i) % ring.length];
    }

    public synchronized List<Moment> all() {
        List<Moment> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) out.add(ring[(start + i) % ring.length]);
        return out;
    }
}
