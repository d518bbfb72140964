package playground.data;

/**
 * A set of samples in flat arrays: sample s has inputs x[s*inputs .. s*inputs+inputs) and targets t[s*outputs ..
 * s*outputs+outputs).
 */
public record Samples(int count, int inputs, int outputs, double[] x, double[] t) {
    public Samples {
        if (x.length != count * inputs || t.length != count * outputs) {
            throw new IllegalArgumentException("sample arrays do not match count " + count);
        }
    }

    public double[] x(int s) {
        double[] v = new double[inputs];
        System.arraycopy(x, s * inputs, v, 0, inputs);
        return v;
    }

    public double[] t(int s) {
        double[] v = new double[outputs];
        System.arraycopy(t, s * outputs, v, 0, outputs);
        return v;
    }

    /** The samples at the given indices, in that order. */
    public Samples select(int[] indices, int from, int to) {
        int m = to - from;
        double[] xs = new double[m * inputs];
        double[] ts = new double[m * outputs];
        for (int k = 0; k < m; k++) {
            System.arraycopy(x, indices[from + k] * inputs, xs, k * inputs, inputs);
            System.arraycopy(t, indices[from + k] * outputs, ts, k * outputs, outputs);
        }
        return new Samples(m, inputs, outputs, xs, ts);
    }
}
