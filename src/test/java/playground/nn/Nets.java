package playground.nn;

import playground.data.SplitMix64;

/** Test helpers: seeded random networks and vectors. */
final class Nets {
    private Nets() {}

    static Network random(int[] sizes, Activation hidden, Activation output, boolean bias, long seed) {
        return random(sizes, hidden, output, bias, Loss.MSE, seed);
    }

    static Network random(int[] sizes, Activation hidden, Activation output, boolean bias, Loss loss, long seed) {
        Network net = new Network(sizes, Network.activations(sizes.length - 1, hidden, output), bias, loss);
        SplitMix64 rng = new SplitMix64(seed);
        for (int l = 1; l <= net.layers(); l++) {
            for (int i = 0; i < net.size(l); i++) {
                for (int j = 0; j < net.size(l - 1); j++) net.setW(l, i, j, rng.nextDouble() * 1.6 - 0.8);
                if (bias) net.setB(l, i, rng.nextDouble() - 0.5);
            }
        }
        return net;
    }

    static double[] vector(int n, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextDouble() * 2 - 1;
        return v;
    }

    /**
     * Targets the loss makes sense for: for cross-entropy, 0/1 labels with a sigmoid output, one-hot with softmax; for
     * MSE, any numbers.
     */
    static double[] target(int n, Loss loss, Activation output, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        double[] t = new double[n];
        if (loss == Loss.CROSS_ENTROPY && output == Activation.SOFTMAX) {
            t[(int) (rng.nextDouble() * n)] = 1;
        } else if (loss == Loss.CROSS_ENTROPY) {
            for (int i = 0; i < n; i++) t[i] = rng.nextDouble() < 0.5 ? 0 : 1;
        } else {
            for (int i = 0; i < n; i++) t[i] = rng.nextDouble() * 2 - 1;
        }
        return t;
    }

    static double relDiff(double a, double b) {
        return Math.abs(a - b) / Math.max(1e-300, Math.max(Math.abs(a), Math.abs(b)));
    }
}
