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
 * E and delta^(L) are computed from z^(L) where that is exact: cross-entropy as softplus (sigmoid: −ln sigma(z) =
 * softplus(−z)) or log-softmax, never the log of a rounded, clipped probability, so logits (40, 0) with t = (0, 1) give
 * E = 40, and a sigmoid output at z = 800 with t = 0 gives 800; y − t as {@link Activation#minus}.
 */
public enum Loss {
    MSE("mse"),
    CROSS_ENTROPY("cross-entropy");

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

    /** E for z^(L) = z[off .. off+n), outputs y = a^(L) at the same offsets, and targets t[toff .. toff+n). */
    public double value(Activation out, double[] z, double[] y, int off, double[] t, int toff, int n) {
        double e = 0;
        if (this == MSE) {
            // E = 1/2 sum (y - t)^2
            for (int i = 0; i < n; i++) {
                double r = out.minus(z[off + i], y[off + i], t[toff + i]);
                e += 0.5 * r * r;
            }
        } else if (out == Activation.SOFTMAX) {
            e = softmaxCrossEntropy(z, off, t, toff, n);
        } else {
            // E = -sum [t ln sigma(z) + (1 - t) ln(1 - sigma(z))] = sum [t softplus(-z) + (1 - t) softplus(z)]
            for (int i = 0; i < n; i++) {
                double zi = z[off + i], ti = t[toff + i], u = Math.log1p(Math.exp(-Math.abs(zi)));
                double pos = Math.max(zi, 0) + u, neg = Math.max(-zi, 0) + u;
                e += (ti == 0 ? 0 : ti * neg) + (ti == 1 ? 0 : (1 - ti) * pos);
            }
        }
        return e;
    }

    /**
     * E = −sum_i t_i ln softmax(z)_i = sum_i t_i (m − z_i + ln(1 + sum_(j≠k) exp(z_j − m))), m = z_k = max z: every
     * term is positive, so nothing cancels.
     */
    private static double softmaxCrossEntropy(double[] z, int off, double[] t, int toff, int n) {
        int k = off;
        for (int i = off + 1; i < off + n; i++) if (z[i] > z[k]) k = i;
        double m = z[k], rest = 0;
        for (int i = off; i < off + n; i++) if (i != k) rest += Math.exp(z[i] - m);
        double lse = Math.log1p(rest), e = 0;
        for (int i = 0; i < n; i++) {
            double ti = t[toff + i];
            if (ti != 0) e += ti * ((m - z[off + i]) + lse);
        }
        return e;
    }

    /**
     * E, and delta^(L) = dE/dz^(L) written into d[doff .. doff+n), for z^(L) and y = a^(L) at z's offsets, and targets
     * t. Allocates nothing.
     */
    public double backward(
            Activation out, double[] z, double[] y, int off, double[] t, int toff, double[] d, int doff, int n) {
        if (this == CROSS_ENTROPY) {
            double e = value(out, z, y, off, t, toff, n);
            if (out == Activation.SOFTMAX) softmaxCrossEntropyDelta(y, off, t, toff, d, doff, n);
            // sigmoid: delta = sigma(z) - t
            else for (int i = 0; i < n; i++) d[doff + i] = out.minus(z[off + i], y[off + i], t[toff + i]);
            return e;
        }
        if (out == Activation.SOFTMAX) {
            // g = y - t; delta_i = y_i (g_i - sum_j g_j y_j)
            double e = 0, s = 0;
            for (int i = 0; i < n; i++) {
                double g = y[off + i] - t[toff + i];
                e += 0.5 * g * g;
                s += g * y[off + i];
            }
            for (int i = 0; i < n; i++) {
                double yi = y[off + i], gi = yi - t[toff + i];
                if (yi <= 0.5) {
                    d[doff + i] = yi * (gi - s);
                    continue;
                }
                // near y_i = 1, g_i - s = g_i (1 - y_i) - sum_(j≠i) g_j y_j would cancel; as sum_j y_j = 1 it is
                // sum_(j≠i) y_j (g_i - g_j), whose parts are exact
                double r = 0;
                for (int j = 0; j < n; j++) if (j != i) r += y[off + j] * (gi - (y[off + j] - t[toff + j]));
                d[doff + i] = yi * r;
            }
            return e;
        }
        // E = 1/2 sum (y - t)^2; delta = (y - t) f'(z)
        double e = 0;
        for (int i = 0; i < n; i++) e += squaredError(out, z[off + i], y[off + i], t[toff + i], d, doff + i);
        return e;
    }

    /**
     * One output's part of MSE through an elementwise activation: returns 1/2 (y − t)², writes delta = (y − t) f′(z)
     * to d[k]. Small, so that a kernel specialised for MSE (the tiny one in {@link Sgd}) inlines it.
     */
    static double squaredError(Activation out, double z, double y, double t, double[] d, int k) {
        double r = out.minus(z, y, t);
        d[k] = r * out.df(z);
        return 0.5 * r * r;
    }

    /**
     * delta_i = y_i sum_j t_j − t_i (= y_i − t_i when the targets sum to 1). For an output near 1 the rounded y_i
     * would cancel against t_i; there 1 − y_i = sum_(j≠i) y_j, so delta_i = sum_(j≠i) t_j − (sum_j t_j) sum_(j≠i) y_j.
     */
    private static void softmaxCrossEntropyDelta(
            double[] y, int off, double[] t, int toff, double[] d, int doff, int n) {
        double sumT = 0;
        for (int i = 0; i < n; i++) sumT += t[toff + i];
        for (int i = 0; i < n; i++) {
            double yi = y[off + i];
            if (yi <= 0.5) {
                d[doff + i] = yi * sumT - t[toff + i];
                continue;
            }
            double otherT = 0, otherY = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                otherT += t[toff + j];
                otherY += y[off + j];
            }
            d[doff + i] = otherT - sumT * otherY;
        }
    }

    /** dE/dy, for people to see (allocates); z and y are z^(L) and a^(L). */
    public double[] dEdy(Activation out, double[] z, double[] y, double[] t) {
        double[] g = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            if (this == MSE) g[i] = out.minus(z[i], y[i], t[i]);
            // -t_i / y_i
            else if (out == Activation.SOFTMAX) g[i] = t[i] == 0 ? 0 : -t[i] / y[i];
            // -t / y + (1 - t) / (1 - y) = (y - t) / (y (1 - y)) = (sigma(z) - t) / sigma'(z)
            else g[i] = out.minus(z[i], y[i], t[i]) / out.df(z[i]);
        }
        return g;
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
