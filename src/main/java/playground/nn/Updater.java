package playground.nn;

/**
 * Applies one optimiser step to a network's parameters from their mean gradients, keeping the optimiser's state (see
 * {@link Optimizer}) and adding the regularisation's gradient to the weights' (see {@link Regularization}). Allocates
 * nothing per step.
 */
public final class Updater {
    private final Optimizer optimizer;
    private final Regularization regularization;
    private final double rate;
    /** First-moment state per layer: momentum's v, or Adam's m; for W then b. Null for SGD. */
    private final double[][] mW, mB;
    /** Adam's second moment v per layer; null otherwise. */
    private final double[][] vW, vB;
    /** Steps taken. */
    private long t;

    public Updater(Network net, Optimizer optimizer, Regularization regularization, double rate) {
        this.optimizer = optimizer;
        this.regularization = rate == 0 ? Regularization.NONE : regularization;
        this.rate = rate;
        int L = net.layers();
        boolean first = optimizer != Optimizer.SGD, second = optimizer == Optimizer.ADAM;
        mW = first ? new double[L + 1][] : null;
        mB = first ? new double[L + 1][] : null;
        vW = second ? new double[L + 1][] : null;
        vB = second ? new double[L + 1][] : null;
        for (int l = 1; l <= L; l++) {
            int weights = net.size(l) * net.size(l - 1);
            if (first) {
                mW[l] = new double[weights];
                mB[l] = new double[net.size(l)];
            }
            if (second) {
                vW[l] = new double[weights];
                vB[l] = new double[net.size(l)];
            }
        }
    }

    /** Plain SGD without regularisation: w ← w − η g, which the training path fuses into its backward pass. */
    public boolean plain() {
        return optimizer == Optimizer.SGD && regularization == Regularization.NONE;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Regularization regularization() {
        return regularization;
    }

    public double rate() {
        return rate;
    }

    /** Steps taken so far. */
    public long steps() {
        return t;
    }

    /** Counts a step; call once per step, before {@link #layer} for each layer. */
    public void begin() {
        t++;
    }

    /**
     * One step for layer l: w[k] and gw[k] are the weights and their mean data gradients, b and gb the biases (null
     * without biases). gw is used as scratch.
     */
    public void layer(int l, double[] w, double[] gw, double[] b, double[] gb, double lr) {
        if (regularization != Regularization.NONE) {
            for (int k = 0; k < w.length; k++) gw[k] += regularization.gradient(w[k], rate);
        }
        apply(l, w, gw, mW, vW, lr);
        if (b != null) apply(l, b, gb, mB, vB, lr);
    }

    private void apply(int l, double[] p, double[] g, double[][] m1, double[][] m2, double lr) {
        switch (optimizer) {
            case SGD -> {
                // w <- w - lr g
                for (int k = 0; k < p.length; k++) p[k] -= lr * g[k];
            }
            case MOMENTUM -> {
                // v <- mu v + g; w <- w - lr v
                double[] v = m1[l];
                for (int k = 0; k < p.length; k++) {
                    v[k] = Optimizer.MU * v[k] + g[k];
                    p[k] -= lr * v[k];
                }
            }
            case ADAM -> {
                // m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g^2; w <- w - lr mhat / (sqrt(vhat) + eps)
                double[] m = m1[l], v = m2[l];
                double c1 = 1 - Math.pow(Optimizer.BETA1, t), c2 = 1 - Math.pow(Optimizer.BETA2, t);
                for (int k = 0; k < p.length; k++) {
                    m[k] = Optimizer.BETA1 * m[k] + (1 - Optimizer.BETA1) * g[k];
                    v[k] = Optimizer.BETA2 * v[k] + (1 - Optimizer.BETA2) * g[k] * g[k];
                    double mHat = m[k] / c1, vHat = v[k] / c2;
                    p[k] -= lr * mHat / (Math.sqrt(vHat) + Optimizer.EPS);
                }
            }
        }
    }

    /**
     * An updater in the same state (the same steps taken, the same moments), sharing nothing with this one: what a
     * step would do can be worked out on it by the same code, and this one stays as it is.
     */
    public Updater copy() {
        return new Updater(this);
    }

    private Updater(Updater o) {
        optimizer = o.optimizer;
        regularization = o.regularization;
        rate = o.rate;
        mW = deep(o.mW);
        mB = deep(o.mB);
        vW = deep(o.vW);
        vB = deep(o.vB);
        t = o.t;
    }

    private static double[][] deep(double[][] m) {
        if (m == null) return null;
        double[][] c = new double[m.length][];
        for (int l = 0; l < m.length; l++) c[l] = m[l] == null ? null : m[l].clone();
        return c;
    }
}
