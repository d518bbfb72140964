package playground.data;

/**
 * A dataset ready to train on: the split, the inputs turned into features (for the 2-D sets), and the targets
 * standardised (or not) with the training set's statistics.
 *
 * @param rawTrain the training samples in original units (for the 2-D sets, the points of the plane)
 * @param rawTest the test samples in original units
 * @param train the training samples the network sees (features; standardised targets when standardize is on)
 * @param test the test samples the network sees
 * @param scaler maps the network's outputs back to original units
 * @param features the inputs the network sees, for the 2-D sets (null for the others)
 */
public record Dataset(
        Source kind,
        Samples rawTrain,
        Samples rawTest,
        Samples train,
        Samples test,
        Standardizer scaler,
        Features features) {

    /**
     * Generates {@code kind} from the seed's data stream, splits it with the split stream (a fraction {@code
     * testRatio}, rounded up, goes to the test set, as scikit-learn does), and standardises the targets if asked. A
     * single-sample dataset (notebook-example) is both the training and the test set.
     */
    public static Dataset load(Source kind, long seed, double testRatio, boolean standardize) {
        return load(kind, seed, testRatio, standardize, 0);
    }

    /** As above, with noise (0 to 0.5) for the 2-D sets. */
    public static Dataset load(Source kind, long seed, double testRatio, boolean standardize, double noise) {
        return load(kind, seed, testRatio, standardize, noise, kind.planar() ? Features.PLAIN : null);
    }

    /** As above, with the 2-D sets' points turned into {@code features}. */
    public static Dataset load(
            Source kind, long seed, double testRatio, boolean standardize, double noise, Features features) {
        if (!kind.planar()) features = null;
        Key key = new Key(kind, seed, testRatio, standardize, noise, features);
        synchronized (CACHE) {
            Dataset d = CACHE.get(key);
            if (d != null) return d;
        }
        Dataset d = generate(kind, seed, testRatio, standardize, noise, features);
        synchronized (CACHE) {
            CACHE.put(key, d);
        }
        return d;
    }

    /**
     * Datasets are immutable once made (nobody writes into their arrays), so runs with the same data settings share
     * one copy: the last {@link #CACHED} settings used are kept.
     */
    static final int CACHED = 32;

    private record Key(
            Source kind, long seed, double testRatio, boolean standardize, double noise, Features features) {}

    private static final java.util.Map<Key, Dataset> CACHE = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Key, Dataset> eldest) {
            return size() > CACHED;
        }
    };

    private static Dataset generate(
            Source kind, long seed, double testRatio, boolean standardize, double noise, Features features) {
        Samples all = kind.generate(SplitMix64.stream(seed, 1), noise);
        Samples rawTrain;
        Samples rawTest;
        if (all.count() < 2) {
            rawTrain = all;
            rawTest = all;
        } else {
            int[] order = new int[all.count()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            SplitMix64.stream(seed, 2).shuffle(order);
            int testCount = (int) Math.ceil(all.count() * testRatio);
            testCount = Math.max(1, Math.min(all.count() - 1, testCount));
            rawTest = all.select(order, 0, testCount);
            rawTrain = all.select(order, testCount, all.count());
        }
        Standardizer scaler = standardize ? Standardizer.fit(rawTrain) : Standardizer.identity(all.outputs());
        Samples train = scaler.apply(rawTrain), test = scaler.apply(rawTest);
        if (features != null) {
            train = features.apply(train);
            test = features.apply(test);
        }
        return new Dataset(kind, rawTrain, rawTest, train, test, scaler, features);
    }

    /**
     * The root mean squared error in original units of predictions {@code y} (flat, standardised as the network
     * sees them) against the raw targets of {@code raw}.
     */
    public double rmse(Samples raw, double[] y) {
        int m = raw.outputs();
        double ss = 0;
        for (int k = 0; k < raw.count(); k++) {
            for (int i = 0; i < m; i++) {
                double d = scaler.unscale(i, y[k * m + i]) - raw.t()[k * m + i];
                ss += d * d;
            }
        }
        return Math.sqrt(ss / ((double) raw.count() * m));
    }
}
