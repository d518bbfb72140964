package playground.data;

import java.util.Locale;

/** The datasets a run can train on. */
public enum DatasetKind {
    EXP_SIN("exp-sin", 2, 2, "the notebook's problem: x ~ U[0,1)², t = 300·exp(sin x), 10000 points") {
        @Override
        public Samples generate(SplitMix64 rng) {
            int count = 10_000;
            double[] x = new double[count * 2];
            double[] t = new double[count * 2];
            for (int k = 0; k < x.length; k++) {
                x[k] = rng.nextDouble();
                // t = 300 exp(sin x), elementwise
                t[k] = 300.0 * Math.exp(Math.sin(x[k]));
            }
            return new Samples(count, 2, 2, x, t);
        }
    },
    NOTEBOOK_EXAMPLE(
            "notebook-example", 2, 2, "the notebook's worked sample: x = (1, 3), t = (4, 1), its own weights") {
        @Override
        public Samples generate(SplitMix64 rng) {
            return new Samples(1, 2, 2, new double[] {1, 3}, new double[] {4, 1});
        }
    };

    /** The notebook's printed W^(1) (3 x 2) for its worked example. */
    public static final double[][] NOTEBOOK_W1 = {
        {0.97007005, 0.61840113}, {0.92420913, 0.97500156}, {0.72183716, 0.53289514}
    };
    /** The notebook's printed W^(2) (2 x 3) for its worked example. */
    public static final double[][] NOTEBOOK_W2 = {
        {0.85264027, 0.97336448, 0.51301245}, {0.2620828, 0.97489056, 0.90059674}
    };

    private final String id;
    private final int inputs;
    private final int outputs;
    private final String description;

    DatasetKind(String id, int inputs, int outputs, String description) {
        this.id = id;
        this.inputs = inputs;
        this.outputs = outputs;
        this.description = description;
    }

    /** All samples, before the train/test split, drawn from the data stream of the seed. */
    public abstract Samples generate(SplitMix64 rng);

    public String id() {
        return id;
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    public String description() {
        return description;
    }

    public static DatasetKind parse(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (DatasetKind d : values()) {
                if (d.id.equals(n)) return d;
            }
        }
        throw new IllegalArgumentException("must be one of exp-sin, notebook-example");
    }
}
