package playground.data;

/**
 * z-scores targets with the training set's statistics: t' = (t - mean) / std, per output. An output whose training
 * values do not vary (or a training set of one sample) is left as it is: mean 0, std 1.
 */
public record Standardizer(double[] mean, double[] std) {

    public static Standardizer identity(int outputs) {
        double[] mean = new double[outputs];
        double[] std = new double[outputs];
        java.util.Arrays.fill(std, 1.0);
        return new Standardizer(mean, std);
    }

    /** Fits mean and (population) standard deviation per output on the training set. */
    public static Standardizer fit(Samples train) {
        int m = train.outputs();
        Standardizer s = identity(m);
        if (train.count() < 2) return s;
        for (int i = 0; i < m; i++) {
            double sum = 0;
            for (int k = 0; k < train.count(); k++) sum += train.t()[k * m + i];
            double mean = sum / train.count();
            double ss = 0;
            for (int k = 0; k < train.count(); k++) {
                double d = train.t()[k * m + i] - mean;
                ss += d * d;
            }
            double std = Math.sqrt(ss / train.count());
            if (std > 0 && Double.isFinite(std)) {
                s.mean[i] = mean;
                s.std[i] = std;
            }
        }
        return s;
    }

    /** The same samples with standardised targets. */
    public Samples apply(Samples in) {
        int m = in.outputs();
        double[] t = new double[in.t().length];
        for (int k = 0; k < in.count(); k++) {
            for (int i = 0; i < m; i++) t[k * m + i] = (in.t()[k * m + i] - mean[i]) / std[i];
        }
        return new Samples(in.count(), in.inputs(), m, in.x(), t);
    }

    /** Output i back in original units: y * std + mean. */
    public double unscale(int i, double y) {
        return y * std[i] + mean[i];
    }
}
