package playground.data;

/** A learner's own data, from a CSV file: the samples as read, and what they are called. */
public record Uploaded(Csv csv) implements Source {
    @Override
    public String id() {
        return csv.name();
    }

    @Override
    public int inputs() {
        return csv.samples().inputs();
    }

    @Override
    public int outputs() {
        return csv.samples().outputs();
    }

    @Override
    public int count() {
        return csv.samples().count();
    }

    @Override
    public String description() {
        return csv.describe();
    }

    @Override
    public boolean classification() {
        return csv.classification();
    }

    @Override
    public boolean planar() {
        return false;
    }

    /** The file's rows, always the same (there is nothing to draw). */
    @Override
    public Samples generate(SplitMix64 rng, double noise) {
        return csv.samples();
    }
}
