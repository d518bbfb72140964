package playground.nn;

import java.util.Locale;

/** How initial weights are drawn. Biases always start at 0. */
public enum Init {
    /** Glorot/Xavier uniform: W_ij ~ U[-r, r), r = sqrt(6 / (n_(l-1) + n_l)). */
    XAVIER("xavier"),
    /** The notebook's np.random.rand: W_ij ~ U[0, 1). */
    UNIFORM("uniform");

    private final String id;

    Init(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Init parse(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (Init i : values()) {
                if (i.id.equals(n)) return i;
            }
        }
        throw new IllegalArgumentException("must be one of xavier, uniform");
    }
}
