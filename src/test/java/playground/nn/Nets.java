package playground.nn;

import playground.data.SplitMix64;

/** Test helpers: seeded random networks and vectors. */
final class Nets {
    private Nets() {}

    static Network random(int[] sizes, Activation hidden, Activation output, boolean bias, long seed) {
        Network net = new Network(sizes, Network.activations(sizes.length - 1, hidden, output), bias);
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

    static double relDiff(double a, double b) {
        return Math.abs(a - b) / Math.max(1e-300, Math.max(Math.abs(a), Math.abs(b)));
    }
}
