package playground.data;

/**
 * Where a run's samples come from: a built-in dataset ({@link DatasetKind}) or a learner's own file ({@link
 * Uploaded}).
 */
public interface Source {
    /** The name used in URLs and run configs. */
    String id();

    int inputs();

    int outputs();

    /** How many samples it has in all. */
    int count();

    /** One line for people. */
    String description();

    /** Whether the targets are class labels: 0/1 for one output, one-hot for several. */
    boolean classification();

    /** Whether the inputs are points (x₁, x₂) of the plane, which can be drawn and turned into {@link Features}. */
    boolean planar();

    /** All samples, before the split; generated ones come from {@code rng}, blurred by noise 0 to 0.5. */
    Samples generate(SplitMix64 rng, double noise);
}
