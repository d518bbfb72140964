package playground.nn;

import java.util.Locale;

/**
 * The loss E of one sample, and where backprop starts: delta^(L) = dE/dz^(L), for the output layer's activation.
 *
 * <ul>
 *   <li>{@link #MSE}: E = 1/2 sum_i (t_i − y_i)^2, the notebook's loss. dE/dy = y − t, and delta^(L) = (y − t) ⊙
 *       f'(z^(L)); through softmax, delta_i = y_i (g_i − sum_j g_j y_j) with g = y − t.
 *   <li>{@link #CROSS_ENTROPY}: with a sigmoid output, each output is a yes/no probability: E = −sum_i [t_i ln y_i +
 *       (1 − t_i) ln(1 − y_i)]; with softmax, the outputs share one distribution: E = −sum_i t_i ln y_i. In both
 *       cases the output's derivative cancels and delta^(L) = y − t (for softmax, y sum_j t_j − t, which is y − t
 *       whenever the targets sum to 1).
 * </ul>
 *
 * Logarithms take max(y, {@link #EPSILON}), so a saturated output gives a large but finite loss; the gradients are
 * exact.
 */
public enum Loss {
    MSE("mse"),
    CROSS_ENTROPY("cross-entropy");

    /** The smallest probability a logarithm sees. */
    public static final double EPSILON = 1e-15;

    private final String id;

    Loss(String id) {
        this.id = id;
    }

    /** The name used in URLs, JSON and on the command line. */
    public String id() {
        return id;
    }

    /** Whether this loss can follow an output layer with activation {@code out}. */
    public boolean fits(Activation out) {
        return this == MSE || out == Activation.SIGMOID || out == Activation.SOFTMAX;
    }

    /** E for outputs y[yoff .. yoff+n) and targets t[toff .. toff+n). */
    public double value(Activation out, double[] y, int yoff, double[] t, int toff, int n) {
        double e = 0;
        if (this == MSE) {
            for (int i = 0; i < n; i++) {
                double d = t[toff + i] - y[yoff + i];
                e += 0.5 * d * d;
            }
        } else if (out == Activation.SOFTMAX) {
            // E = -sum t ln y
            for (int i = 0; i < n; i++) e -= t[toff + i] * ln(y[yoff + i]);
        } else {
            // E = -sum [t ln y + (1 - t) ln(1 - y)]
            for (int i = 0; i < n; i++) {
                double ti = t[toff + i], yi = y[yoff + i];
                e -= ti * ln(yi) + (1 - ti) * ln(1 - yi);
            }
        }
        return e;
    }

    /**
     * E, and delta^(L) = dE/dz^(L) written into d[doff .. doff+n), for outputs y = a^(L) and targets t. Allocates
     * nothing.
     */
    public double backward(Activation out, double[] y, int yoff, double[] t, int toff, double[] d, int doff, int n) {
        double e = value(out, y, yoff, t, toff, n);
        if (this == CROSS_ENTROPY) {
            if (out == Activation.SOFTMAX) {
                // delta = y sum_j t_j - t
                double sumT = 0;
                for (int i = 0; i < n; i++) sumT += t[toff + i];
                for (int i = 0; i < n; i++) d[doff + i] = y[yoff + i] * sumT - t[toff + i];
            } else {
                // sigmoid: delta = y - t
                for (int i = 0; i < n; i++) d[doff + i] = y[yoff + i] - t[toff + i];
            }
        } else if (out == Activation.SOFTMAX) {
            // g = y - t; delta_i = y_i (g_i - sum_j g_j y_j)
            double s = 0;
            for (int i = 0; i < n; i++) s += (y[yoff + i] - t[toff + i]) * y[yoff + i];
            for (int i = 0; i < n; i++) d[doff + i] = y[yoff + i] * ((y[yoff + i] - t[toff + i]) - s);
        } else {
            // delta = (y - t) f'(z)
            for (int i = 0; i < n; i++) {
                double yi = y[yoff + i];
                d[doff + i] = (yi - t[toff + i]) * out.dfOfA(yi);
            }
        }
        return e;
    }

    /** dE/dy, for people to see (allocates). */
    public double[] dEdy(Activation out, double[] y, double[] t) {
        double[] g = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            if (this == MSE) g[i] = y[i] - t[i];
            else if (out == Activation.SOFTMAX) g[i] = -t[i] / Math.max(y[i], EPSILON);
            else g[i] = -t[i] / Math.max(y[i], EPSILON) + (1 - t[i]) / Math.max(1 - y[i], EPSILON);
        }
        return g;
    }

    private static double ln(double p) {
        return Math.log(Math.max(p, EPSILON));
    }

    public static Loss parse(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (Loss l : values()) {
                if (l.id.equals(n)) return l;
            }
        }
        throw new IllegalArgumentException("must be one of mse, cross-entropy");
    }
}
