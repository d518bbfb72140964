package playground.nn;

import java.util.Locale;

/**
 * The activation f of a layer and its derivative f′, both computed from z, so that f′ keeps its digits where f
 * saturates (tanh′(15) = 3.743049e-13, where 1 − tanh² gives 3.743672e-13; tanh′(20) = 1.7e-17, where it gives 0).
 * Every path calls these: the trace path ({@link Backprop}), the training kernels ({@link Sgd}), the pictures and the
 * gradient check. The methods switch on the constant, so a kernel that calls them on a loop-invariant activation
 * inlines them. A piecewise-linear activation (f(z) = z above 0, slope · z below) is one constant and nothing else:
 * {@link #LEAKY_RELU} is that.
 */
public enum Activation {
    SIGMOID("sigmoid", "σ′(z) = a · (1 − a)"),
    TANH("tanh", "tanh′(z) = 1 − a²"),
    RELU("relu", 0.0),
    LEAKY_RELU("leaky-relu", 0.01),
    LINEAR("linear", 1.0),
    /**
     * Softmax, for an output layer only: a_i = exp(z_i) / sum_j exp(z_j). It acts on the whole layer, so it has no
     * per-element f; see {@link #softmax}. Its derivative is the Jacobian da_i/dz_j = a_i (δ_ij − a_j), which {@link
     * Loss#backward} applies.
     */
    SOFTMAX("softmax", "");

    /** The activations a hidden layer may have (all but softmax). */
    public static final java.util.List<Activation> HIDDEN =
            java.util.Arrays.stream(values()).filter(Activation::elementwise).toList();

    private final String id;
    /** f′ in words a learner can use with the numbers shown. */
    private final String rule;
    /** For a piecewise-linear activation, f(z) = slope · z below 0 (NaN for the others). */
    private final double slope;

    Activation(String id, String rule) {
        this.id = id;
        this.rule = rule;
        this.slope = Double.NaN;
    }

    Activation(String id, double slope) {
        this.id = id;
        this.rule = slope == 1 ? "f′ = 1" : "f′(z) = 1 if z > 0, else " + slope;
        this.slope = slope;
    }

    /** f′ in words, e.g. "σ′(z) = a · (1 − a)" or "f′(z) = 1 if z > 0, else 0.01". */
    public String rule() {
        return rule;
    }

    /** Whether f(z) = z above 0 and {@link #slope()} · z below (relu, leaky relu, linear). */
    public boolean piecewiseLinear() {
        return !Double.isNaN(slope);
    }

    /** The slope below 0 of a piecewise-linear activation (0 for relu, 1 for linear); NaN for the others. */
    public double slope() {
        return slope;
    }

    /** a = f(z). */
    public double f(double z) {
        return switch (this) {
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-z));
            case TANH -> tanh(z, Math.abs(z) < 0.5 ? 0 : Math.exp(-2 * Math.abs(z)));
            case RELU -> z > 0 ? z : 0.0;
            case LINEAR -> z;
            case SOFTMAX -> throw wholeLayer();
            default -> z > 0 ? z : slope * z;
        };
    }

    /** f′(z), from z: exact to a few units in the last place, also where f saturates. */
    public double df(double z) {
        return switch (this) {
            case SIGMOID -> sigmoidDf(Math.exp(-z), 1.0 / (1.0 + Math.exp(-z)));
            case TANH -> tanhDf(Math.exp(-2 * Math.abs(z)));
            // the notebook's output layer: dy/dz = 1
            case LINEAR -> 1.0;
            case SOFTMAX -> throw wholeLayer();
            // relu'(0) = 0
            default -> z > 0 ? 1.0 : slope;
        };
    }

    /**
     * a = f(z), with f′(z) written to {@code df[i]} on the way: the training path keeps f′ for its backward pass, and
     * sigmoid's one exp serves both. The same numbers as {@link #f(double)} and {@link #df(double)}, bit for bit.
     */
    public double f(double z, double[] df, int i) {
        switch (this) {
            case SIGMOID -> {
                double e = Math.exp(-z), a = 1.0 / (1.0 + e);
                df[i] = sigmoidDf(e, a);
                return a;
            }
            case TANH -> {
                double e = Math.exp(-2 * Math.abs(z));
                df[i] = tanhDf(e);
                return tanh(z, e);
            }
            case RELU -> {
                df[i] = z > 0 ? 1.0 : 0.0;
                return z > 0 ? z : 0.0;
            }
            case LINEAR -> {
                df[i] = 1.0;
                return z;
            }
            case SOFTMAX -> throw wholeLayer();
            default -> {
                df[i] = z > 0 ? 1.0 : slope;
                return z > 0 ? z : slope * z;
            }
        }
    }

    /**
     * f(z) − t, without the cancellation of a − t where f saturates towards the target: for sigmoid at z > 0 it is (1 −
     * t) − sigma(−z), for tanh at |z| ≥ 0.5 (1 − t) − (1 − tanh z) or (1 + tanh z) − (1 + t), each part exact. {@code
     * a} is f(z).
     */
    public double minus(double z, double a, double t) {
        return switch (this) {
            // sigma(-z) = e / (1 + e), e = exp(-z)
            case SIGMOID -> {
                if (z <= 0) yield a - t;
                double e = Math.exp(-z);
                yield (1.0 - t) - e / (1.0 + e);
            }
            // 1 - tanh|z| = 2e / (1 + e), e = exp(-2|z|)
            case TANH -> {
                // near 0, a itself is exact and 1 - a would cancel instead
                if (Math.abs(z) < 0.5) yield a - t;
                double e = Math.exp(-2 * Math.abs(z)), rest = 2 * e / (1 + e);
                yield z > 0 ? (1.0 - t) - rest : rest - (1.0 + t);
            }
            default -> a - t;
        };
    }

    /**
     * sigma′(z) = sigma(z) sigma(−z) = e a², from e = exp(−z) and a = sigma(z) = 1 / (1 + e): no 1 − a to cancel. Where e
     * overflows (z < −709) sigma′ is below 1e-308: 0.
     */
    private static double sigmoidDf(double e, double a) {
        return e < Double.POSITIVE_INFINITY ? e * a * a : 0.0;
    }

    /** tanh′(z) = 1 − tanh² z = sech² z = 4e / (1 + e)², from e = exp(−2|z|): no cancellation at saturation. */
    private static double tanhDf(double e) {
        double s = 1.0 / (1.0 + e);
        return 4 * e * s * s;
    }

    /**
     * tanh z, to a few units in the last place and about 3 times faster than Math.tanh here (Java 17 computes that in
     * strict native code): for |z| >= 0.5, (1 − e) / (1 + e) with e = exp(−2|z|) (given); below, m / (m + 2) with m =
     * e^(2|z|) − 1 by Kahan's (u − 1) x / ln u, which keeps the digits that u − 1 alone loses.
     */
    private static double tanh(double z, double e) {
        double x = 2 * Math.abs(z), t;
        if (x < 1) {
            double u = Math.exp(x), m = u == 1 ? x : (u - 1) * x / Math.log(u);
            t = m / (m + 2);
        } else {
            t = (1 - e) / (1 + e);
        }
        return Math.copySign(t, z);
    }

    private static UnsupportedOperationException wholeLayer() {
        return new UnsupportedOperationException("softmax acts on the whole layer");
    }

    /** Whether f acts on each element alone (every activation but softmax). */
    public boolean elementwise() {
        return this != SOFTMAX;
    }

    /**
     * a = softmax(z) over v[off .. off+n), in place: exp(z_i − max z) / sum_j exp(z_j − max z), which is the same
     * number without overflow.
     */
    public static void softmax(double[] v, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = off; i < off + n; i++) max = Math.max(max, v[i]);
        double sum = 0;
        for (int i = off; i < off + n; i++) {
            v[i] = Math.exp(v[i] - max);
            sum += v[i];
        }
        for (int i = off; i < off + n; i++) v[i] /= sum;
    }

    /** The name used in URLs, JSON and on the command line. */
    public String id() {
        return id;
    }

    /** Parses a name such as "sigmoid"; throws IllegalArgumentException naming the choices. */
    public static Activation parse(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (Activation a : values()) {
                if (a.id.equals(n)) return a;
            }
        }
        throw new IllegalArgumentException("must be one of "
                + String.join(
                        ", ",
                        java.util.Arrays.stream(values()).map(Activation::id).toList()));
    }
}
