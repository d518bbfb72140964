package playground.data;

import java.util.random.RandomGenerator;

/**
 * SplitMix64 (Steele, Lea and Flood, 2014), written out here so that every random number of a run is defined by this
 * page and its seed alone, on any JVM. nextDouble() = (nextLong() >>> 11) * 2^-53, uniform in [0, 1).
 */
public final class SplitMix64 implements RandomGenerator {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    /**
     * An independent stream of a run's seed: stream 1 generates data, 2 splits it, 3 draws initial weights, 4
     * shuffles.
     */
    public static SplitMix64 stream(long seed, int stream) {
        return new SplitMix64(mix(seed + GOLDEN * (stream + 1L)) ^ stream);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), by rejection, so that no value is favoured. */
    @Override
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive");
        long limit = (1L << 31) - ((1L << 31) % bound);
        long r;
        do {
            r = nextLong() >>> 33;
        } while (r >= limit);
        return (int) (r % bound);
    }

    /** Fisher-Yates shuffle of {@code order}, in place. */
    public void shuffle(int[] order) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }
}
