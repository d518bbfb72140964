package playground.data;

/**
 * TensorFlow Playground's 2-D datasets, generated from the seed's data stream: points (x1, x2) on the plane with a
 * label 1 or 0 (classification) or a value in [-1, 1] (regression), and a three-class set with one-hot targets.
 * {@code noise} is a fraction, 0 to 0.5.
 */
final class Planar {
    static final int COUNT = 500;
    static final double RADIUS = 5;

    private Planar() {}

    /** Uniform in [a, b). */
    static double uniform(SplitMix64 rng, double a, double b) {
        return a + (b - a) * rng.nextDouble();
    }

    /** A standard normal, by Box-Muller. */
    static double normal(SplitMix64 rng) {
        double u = 1.0 - rng.nextDouble(); // in (0, 1]
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Half the points inside radius 2.5 (label 1), half in a ring from 3.5 to 5 (label 0). */
    static Samples circle(SplitMix64 rng, double noise) {
        double[] x = new double[COUNT * 2];
        double[] t = new double[COUNT];
        for (int k = 0; k < COUNT; k++) {
            boolean inside = k < COUNT / 2;
            double r = inside ? uniform(rng, 0, RADIUS * 0.5) : uniform(rng, RADIUS * 0.7, RADIUS);
            double angle = uniform(rng, 0, 2 * Math.PI);
            double px = r * Math.sin(angle), py = r * Math.cos(angle);
            // the label comes from the point moved by the noise, so noise blurs the boundary
            double nx = uniform(rng, -RADIUS, RADIUS) * noise, ny = uniform(rng, -RADIUS, RADIUS) * noise;
            x[2 * k] = px;
            x[2 * k + 1] = py;
            t[k] = Math.hypot(px + nx, py + ny) < RADIUS * 0.5 ? 1 : 0;
        }
        return new Samples(COUNT, 2, 1, x, t);
    }

    /** Points in the four quadrants (kept 0.3 away from the axes); the label is the sign of x1 * x2. */
    static Samples xor(SplitMix64 rng, double noise) {
        double[] x = new double[COUNT * 2];
        double[] t = new double[COUNT];
        double padding = 0.3;
        for (int k = 0; k < COUNT; k++) {
            double px = uniform(rng, -5, 5), py = uniform(rng, -5, 5);
            px += px > 0 ? padding : -padding;
            py += py > 0 ? padding : -padding;
            double nx = uniform(rng, -5, 5) * noise, ny = uniform(rng, -5, 5) * noise;
            x[2 * k] = px;
            x[2 * k + 1] = py;
            t[k] = (px + nx) * (py + ny) >= 0 ? 1 : 0;
        }
        return new Samples(COUNT, 2, 1, x, t);
    }

    /** Two Gaussian clouds around (2, 2) (label 1) and (-2, -2) (label 0), wider with more noise. */
    static Samples gauss(SplitMix64 rng, double noise) {
        double[] x = new double[COUNT * 2];
        double[] t = new double[COUNT];
        double sd = Math.sqrt(0.5 + (4 - 0.5) * noise / 0.5);
        for (int k = 0; k < COUNT; k++) {
            double label = k < COUNT / 2 ? 1 : -1;
            x[2 * k] = 2 * label + sd * normal(rng);
            x[2 * k + 1] = 2 * label + sd * normal(rng);
            t[k] = label > 0 ? 1 : 0;
        }
        return new Samples(COUNT, 2, 1, x, t);
    }

    /** Two interleaved spirals, label 1 and 0. */
    static Samples spiral(SplitMix64 rng, double noise) {
        double[] x = new double[COUNT * 2];
        double[] t = new double[COUNT];
        int half = COUNT / 2;
        for (int k = 0; k < COUNT; k++) {
            boolean first = k < half;
            int i = first ? k : k - half;
            double r = (double) i / half * RADIUS;
            double angle = 1.75 * i / half * 2 * Math.PI + (first ? 0 : Math.PI);
            x[2 * k] = r * Math.sin(angle) + uniform(rng, -1, 1) * noise;
            x[2 * k + 1] = r * Math.cos(angle) + uniform(rng, -1, 1) * noise;
            t[k] = first ? 1 : 0;
        }
        return new Samples(COUNT, 2, 1, x, t);
    }

    /** Regression on a tilted plane: t = (x1 + x2) / 12, in [-1, 1], plus noise. */
    static Samples regPlane(SplitMix64 rng, double noise) {
        double[] x = new double[COUNT * 2];
        double[] t = new double[COUNT];
        for (int k = 0; k < COUNT; k++) {
            double px = uniform(rng, -6, 6), py = uniform(rng, -6, 6);
            x[2 * k] = px;
            x[2 * k + 1] = py;
            t[k] = (px + py) / 12 + uniform(rng, -1, 1) * noise;
        }
        return new Samples(COUNT, 2, 1, x, t);
    }

    /** Regression on six Gaussian bumps, some up, some down: t in [-1, 1], plus noise. */
    static Samples regGauss(SplitMix64 rng, double noise) {
        double[][] bumps = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
        double[] x = new double[COUNT * 2];
        double[] t = new double[COUNT];
        for (int k = 0; k < COUNT; k++) {
            double px = uniform(rng, -6, 6), py = uniform(rng, -6, 6);
            double v = 0;
            for (double[] b : bumps) {
                double d2 = (px - b[0]) * (px - b[0]) + (py - b[1]) * (py - b[1]);
                // the strongest bump wins, as in TensorFlow Playground
                double g = b[2] * Math.exp(-d2 / 2);
                if (Math.abs(g) > Math.abs(v)) v = g;
            }
            x[2 * k] = px;
            x[2 * k + 1] = py;
            t[k] = v + uniform(rng, -1, 1) * noise;
        }
        return new Samples(COUNT, 2, 1, x, t);
    }

    /** Three Gaussian clouds at 120° on a circle of radius 3, one-hot targets (3 outputs). */
    static Samples threeClasses(SplitMix64 rng, double noise) {
        double[] x = new double[COUNT * 2];
        double[] t = new double[COUNT * 3];
        double sd = Math.sqrt(0.5 + (4 - 0.5) * noise / 0.5);
        for (int k = 0; k < COUNT; k++) {
            int c = k % 3;
            double angle = 2 * Math.PI * c / 3;
            x[2 * k] = 3 * Math.cos(angle) + sd * normal(rng);
            x[2 * k + 1] = 3 * Math.sin(angle) + sd * normal(rng);
            t[3 * k + c] = 1;
        }
        return new Samples(COUNT, 2, 3, x, t);
    }
}
