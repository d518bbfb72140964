package playground.nn;

import java.util.Locale;

/**
 * How a gradient g = dE/dW (averaged over the mini-batch, regularisation added) becomes a step, for each weight w and
 * learning rate η. The state (v, m) starts at zero; t counts the steps taken.
 *
 * <ul>
 *   <li>{@link #SGD}: w ← w − η g.
 *   <li>{@link #MOMENTUM}: v ← μ v + g; w ← w − η v, with μ = {@link #MU}.
 *   <li>{@link #ADAM}: m ← β₁ m + (1 − β₁) g; v ← β₂ v + (1 − β₂) g²; m̂ = m / (1 − β₁ᵗ); v̂ = v / (1 − β₂ᵗ); w ← w −
 *       η m̂ / (√v̂ + ε), with β₁ = {@link #BETA1}, β₂ = {@link #BETA2}, ε = {@link #EPS}.
 * </ul>
 */
public enum Optimizer {
    SGD("sgd"),
    MOMENTUM("momentum"),
    ADAM("adam");

    public static final double MU = 0.9;
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPS = 1e-8;

    private final String id;

    Optimizer(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optimizer parse(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (Optimizer o : values()) {
                if (o.id.equals(n)) return o;
            }
        }
        throw new IllegalArgumentException("must be one of sgd, momentum, adam");
    }
}
