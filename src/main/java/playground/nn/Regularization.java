package playground.nn;

import java.util.Locale;

/**
 * A penalty on the weights (never the biases), added to the loss being minimised with a rate λ, as in TensorFlow
 * Playground. It adds to each weight's gradient: L2, penalty λ/2 w², adds λ w; L1, penalty λ |w|, adds λ sign(w). The
 * loss the page and the API report is the data loss E alone.
 */
public enum Regularization {
    NONE("none"),
    L1("l1"),
    L2("l2");

    private final String id;

    Regularization(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The penalty's derivative for weight w at rate λ. */
    public double gradient(double w, double rate) {
        return switch (this) {
            case NONE -> 0.0;
            case L1 -> rate * Math.signum(w);
            case L2 -> rate * w;
        };
    }

    public static Regularization parse(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (Regularization r : values()) {
                if (r.id.equals(n)) return r;
            }
        }
        throw new IllegalArgumentException("must be one of none, l1, l2");
    }
}
