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
    };

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /** a = f(z). */
    public abstract double f(double z);

    /** f'(z), given z and a = f(z) (whichever is cheaper). */
    public abstract double df(double z, double a);

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
        throw new IllegalArgumentException("must be one of sigmoid, tanh, relu, linear");
    }
}
