package playground.nn;

import java.util.Locale;

/**
 * The activation f of a layer and its derivative f′, both computed from z, so that f′ keeps its digits where f
 * saturates (tanh′(15) = 3.743049e-13, where 1 − tanh² gives 3.743672e-13; tanh′(20) = 1.7e-17, where it gives 0).
 * Every path calls these: the trace path ({@link Backprop}), the training kernels ({@link Sgd}), the pictures and the
 * gradient check. The methods switch on the constant, so a kernel that calls them on a loop-invariant activation
 * inlines them; adding an activation is one constant and its arms below.
 */
public enum Activation {
    SIGMOID("sigmoid"),
    TANH("tanh"),
    RELU("relu"),
    LINEAR("linear"),
    /**
     * Softmax, for an output layer only: a_i = exp(z_i) / sum_j exp(z_j). It acts on the whole layer, so it has no
     * per-element f; see {@link #softmax}. Its derivative is the Jacobian da_i/dz_j = a_i (δ_ij − a_j), which {@link
     * Loss#backward} applies.
     */
    SOFTMAX("softmax");

    /** The activations a hidden layer may have (all but softmax). */
    public static final java.util.List<Activation> HIDDEN =
            java.util.Arrays.stream(values()).filter(Activation::elementwise).toList();

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /** a = f(z). */
    public double f(double z) {
        return switch (this) {
            // e = exp(-|z|): sigma(z) = 1 / (1 + e) for z >= 0, e / (1 + e) below (no overflow either side)
            case SIGMOID -> sigmoid(z, Math.exp(-Math.abs(z)));
            case TANH -> Math.tanh(z);
            case RELU -> z > 0 ? z : 0.0;
            case LINEAR -> z;
            case SOFTMAX -> throw wholeLayer();
        };
    }

    /** f′(z), from z: exact to a few units in the last place, also where f saturates. */
    public double df(double z) {
        return switch (this) {
            case SIGMOID -> sigmoidDf(Math.exp(-Math.abs(z)));
            case TANH -> tanhDf(z);
            // relu'(0) = 0
            case RELU -> z > 0 ? 1.0 : 0.0;
            // the notebook's output layer: dy/dz = 1
            case LINEAR -> 1.0;
            case SOFTMAX -> throw wholeLayer();
        };
    }

    /**
     * a = f(z), with f′(z) written to {@code df[i]} on the way: the training path keeps f′ for its backward pass, and
     * sigmoid's one exp serves both. The same numbers as {@link #f(double)} and {@link #df(double)}, bit for bit.
     */
    public double f(double z, double[] df, int i) {
        switch (this) {
            case SIGMOID -> {
                double e = Math.exp(-Math.abs(z));
                df[i] = sigmoidDf(e);
                return sigmoid(z, e);
            }
            case TANH -> {
                df[i] = tanhDf(z);
                return Math.tanh(z);
            }
            case RELU -> {
                df[i] = z > 0 ? 1.0 : 0.0;
                return z > 0 ? z : 0.0;
            }
            case LINEAR -> {
                df[i] = 1.0;
                return z;
            }
            default -> throw wholeLayer();
        }
    }

    /**
     * f(z) − t, without the cancellation of a − t where f saturates towards the target: for sigmoid at z > 0 it is (1 −
     * t) − sigma(−z), for tanh at |z| ≥ 0.5 (1 − t) − (1 − tanh z) or (1 + tanh z) − (1 + t), each part exact. {@code
     * a} is f(z).
     */
    public double minus(double z, double a, double t) {
        return switch (this) {
            case SIGMOID -> z > 0 ? (1.0 - t) - sigmoid(-z, Math.exp(-z)) : a - t;
            // 1 - tanh|z| = 2e / (1 + e), e = exp(-2|z|)
            case TANH -> {
                // near 0, a itself is exact and 1 - a would cancel instead
                if (Math.abs(z) < 0.5) yield a - t;
                double e = Math.exp(-2 * Math.abs(z)), rest = 2 * e / (1 + e);
                yield z > 0 ? (1.0 - t) - rest : rest - (1.0 + t);
            }
            case RELU, LINEAR, SOFTMAX -> a - t;
        };
    }

    /** sigma(z) from e = exp(−|z|). */
    private static double sigmoid(double z, double e) {
        double s = 1.0 / (1.0 + e);
        return z >= 0 ? s : e * s;
    }

    /** sigma′(z) = sigma(z) sigma(−z) = e / (1 + e)², from e = exp(−|z|) (symmetric in z). */
    private static double sigmoidDf(double e) {
        double s = 1.0 / (1.0 + e);
        return e * s * s;
    }

    /** tanh′(z) = 1 − tanh² z = sech² z = 4e / (1 + e)², e = exp(−2|z|): no cancellation at saturation. */
    private static double tanhDf(double z) {
        double e = Math.exp(-2 * Math.abs(z)), s = 1.0 / (1.0 + e);
        return 4 * e * s * s;
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
