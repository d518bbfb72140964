package playground.nn;

import java.util.Locale;

/** The activation f of a layer, with its derivative f'(z) beside it. */
public enum Activation {
    SIGMOID("sigmoid") {
        @Override
        public double f(double z) {
            return 1.0 / (1.0 + Math.exp(-z));
        }

        /** sigma'(z) = a (1 - a), where a = sigma(z). */
        @Override
        public double df(double z, double a) {
            return a * (1.0 - a);
        }
    },
    TANH("tanh") {
        @Override
        public double f(double z) {
            return Math.tanh(z);
        }

        /** tanh'(z) = 1 - a^2. */
        @Override
        public double df(double z, double a) {
            return 1.0 - a * a;
        }
    },
    RELU("relu") {
        @Override
        public double f(double z) {
            return z > 0 ? z : 0.0;
        }

        /** relu'(z) = 1 if z > 0, else 0 (0 at z = 0). */
        @Override
        public double df(double z, double a) {
            return z > 0 ? 1.0 : 0.0;
        }
    },
    LINEAR("linear") {
        @Override
        public double f(double z) {
            return z;
        }

        /** The notebook's output layer: dy/dz = 1. */
        @Override
        public double df(double z, double a) {
            return 1.0;
        }
    },
    /**
     * Softmax, for an output layer only: a_i = exp(z_i) / sum_j exp(z_j). It acts on the whole layer, so it has no
     * per-element f; see {@link #softmax}. Its derivative is the Jacobian da_i/dz_j = a_i (δ_ij − a_j), which {@link
     * Loss#backward} applies.
     */
    SOFTMAX("softmax") {
        @Override
        public double f(double z) {
            throw new UnsupportedOperationException("softmax acts on the whole layer");
        }

        @Override
        public double df(double z, double a) {
            throw new UnsupportedOperationException("softmax acts on the whole layer");
        }
    };

    /** The activations a hidden layer may have (all but softmax). */
    public static final java.util.List<Activation> HIDDEN = java.util.List.of(SIGMOID, TANH, RELU, LINEAR);

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /** a = f(z). */
    public abstract double f(double z);

    /** f'(z), given z and a = f(z) (whichever is cheaper). */
    public abstract double df(double z, double a);

    /** Whether f acts on each element alone (every activation but softmax). */
    public boolean elementwise() {
        return this != SOFTMAX;
    }

    /** f'(z) from a = f(z) alone (for relu, z > 0 exactly when a > 0). Elementwise activations only. */
    public double dfOfA(double a) {
        return switch (this) {
            case SIGMOID -> a * (1.0 - a);
            case TANH -> 1.0 - a * a;
            case RELU -> a > 0 ? 1.0 : 0.0;
            case LINEAR -> 1.0;
            case SOFTMAX -> throw new UnsupportedOperationException("softmax acts on the whole layer");
        };
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
        throw new IllegalArgumentException("must be one of sigmoid, tanh, relu, linear, softmax");
    }
}
