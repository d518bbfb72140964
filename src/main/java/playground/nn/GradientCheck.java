package playground.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks backprop's gradients against central finite differences: dE/dw ~ (E(w + h) - E(w - h)) / (2h).
 *
 * <p>The relative error of an entry is |backprop - numeric| / max(|backprop|, |numeric|, {@link #FLOOR}); the floor
 * keeps a gradient that is zero in both (a dead relu, say) from dividing zero by zero.
 */
public final class GradientCheck {
    /** The step h, scaled by max(1, |w|). */
    public static final double STEP = 1e-5;

    public static final double FLOOR = 1e-8;

    private GradientCheck() {}

    /** One parameter: w^(layer)_ij, or the bias b^(layer)_i when j = -1. */
    public record Entry(int layer, int i, int j, double backprop, double numeric, double relativeError) {}

    public record Result(double maxRelativeError, List<Entry> entries) {}

    /** Compares every weight's (and, with biases, every bias's) gradient for one sample. The network is unchanged. */
    public static Result check(Network net, double[] x, double[] t) {
        Network probe = net.copy();
        Trace tr = Backprop.gradients(probe, x, t);
        List<Entry> entries = new ArrayList<>();
        double max = 0;
        for (int l = 1; l <= probe.layers(); l++) {
            for (int i = 0; i < probe.size(l); i++) {
                for (int j = 0; j < probe.size(l - 1); j++) {
                    double w0 = probe.w(l, i, j);
                    double h = STEP * Math.max(1.0, Math.abs(w0));
                    probe.setW(l, i, j, w0 + h);
                    double ePlus = Backprop.loss(probe, x, t);
                    probe.setW(l, i, j, w0 - h);
                    double eMinus = Backprop.loss(probe, x, t);
                    probe.setW(l, i, j, w0);
                    Entry e = entry(l, i, j, tr.dW()[l][i][j], (ePlus - eMinus) / (2 * h));
                    max = Math.max(max, e.relativeError());
                    entries.add(e);
                }
                if (probe.hasBias()) {
                    double b0 = probe.b(l, i);
                    double h = STEP * Math.max(1.0, Math.abs(b0));
                    probe.setB(l, i, b0 + h);
                    double ePlus = Backprop.loss(probe, x, t);
                    probe.setB(l, i, b0 - h);
                    double eMinus = Backprop.loss(probe, x, t);
                    probe.setB(l, i, b0);
                    Entry e = entry(l, i, -1, tr.db()[l][i], (ePlus - eMinus) / (2 * h));
                    max = Math.max(max, e.relativeError());
                    entries.add(e);
                }
            }
        }
        return new Result(max, List.copyOf(entries));
    }

    static Entry entry(int l, int i, int j, double backprop, double numeric) {
        double denom = Math.max(FLOOR, Math.max(Math.abs(backprop), Math.abs(numeric)));
        return new Entry(l, i, j, backprop, numeric, Math.abs(backprop - numeric) / denom);
    }
}
