package playground.data;

import java.util.Locale;

/** The datasets a run can train on. */
public enum DatasetKind implements Source {
    EXP_SIN(
            "exp-sin",
            2,
            2,
            10_000,
            "the notebook's problem: x ~ U[0,1)², t = 300·exp(sin x), 10000 points",
            DatasetKind::expSin),
    NOTEBOOK_EXAMPLE(
            "notebook-example",
            2,
            2,
            1,
            "the notebook's worked sample: x = (1, 3), t = (4, 1), its own weights",
            (rng, noise) -> new Samples(1, 2, 2, new double[] {1, 3}, new double[] {4, 1})),
    CIRCLE("circle", 2, 1, Planar.COUNT, "classify: a disc (1) inside a ring (0), 500 points", Planar::circle),
    XOR("xor", 2, 1, Planar.COUNT, "classify: the sign of x₁·x₂ (exclusive or), 500 points", Planar::xor),
    GAUSS("gauss", 2, 1, Planar.COUNT, "classify: two Gaussian clouds, 500 points", Planar::gauss),
    SPIRAL("spiral", 2, 1, Planar.COUNT, "classify: two interleaved spirals, 500 points", Planar::spiral),
    REG_PLANE(
            "reg-plane", 2, 1, Planar.COUNT, "regress: a tilted plane, t = (x₁ + x₂)/12, 500 points", Planar::regPlane),
    REG_GAUSS(
            "reg-gauss", 2, 1, Planar.COUNT, "regress: six Gaussian bumps, up and down, 500 points", Planar::regGauss),
    THREE_CLASSES(
            "three-classes",
            2,
            3,
            Planar.COUNT,
            "classify: three Gaussian clouds, one-hot targets, 500 points",
            Planar::threeClasses);

    /** Draws a dataset's samples from the seed's data stream, with noise 0 to 0.5. */
    private interface Generator {
        Samples generate(SplitMix64 rng, double noise);
    }

    /** The notebook's problem: x ~ U[0,1)^2, t = 300 exp(sin x) elementwise. */
    private static Samples expSin(SplitMix64 rng, double noise) {
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
    private final int count;
    private final String description;
    private final Generator generator;

    DatasetKind(String id, int inputs, int outputs, int count, String description, Generator generator) {
        this.id = id;
        this.inputs = inputs;
        this.outputs = outputs;
        this.count = count;
        this.description = description;
        this.generator = generator;
    }

    /**
     * All samples, before the train/test split, drawn from the data stream of the seed.
     *
     * @param noise 0 to 0.5 (the 2-D sets blur with it; exp-sin and notebook-example have none)
     */
    @Override
    public Samples generate(SplitMix64 rng, double noise) {
        return generator.generate(rng, noise);
    }

    public Samples generate(SplitMix64 rng) {
        return generate(rng, 0);
    }

    @Override
    public boolean classification() {
        return switch (this) {
            case CIRCLE, XOR, GAUSS, SPIRAL, THREE_CLASSES -> true;
            default -> false;
        };
    }

    @Override
    public boolean planar() {
        return this != EXP_SIN && this != NOTEBOOK_EXAMPLE;
    }

    /** How many samples it has in all. */
    @Override
    public int count() {
        return count;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int inputs() {
        return inputs;
    }

    @Override
    public int outputs() {
        return outputs;
    }

    @Override
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
        StringBuilder names = new StringBuilder();
        for (DatasetKind d : values())
            names.append(names.length() == 0 ? "" : ", ").append(d.id);
        throw new IllegalArgumentException("must be one of " + names);
    }
}
