package playground.training;

import playground.nn.Activation;
import playground.nn.Backprop;
import playground.nn.Loss;
import playground.nn.Network;
import playground.nn.Trace;

/**
 * One forward, backward and update step on weights given by the caller: the contract of {@code step} on the command
 * line and of {@code POST /api/step}. Per-layer lists start at layer 1: weights[l][i][j] is row i, column j of
 * W^(l+1). The loss is {@code "mse"} (the default) or {@code "cross-entropy"} (see {@link Loss}); the step is one plain
 * SGD update, W^(l) <- W^(l) - lr dE/dW^(l), whatever optimizer a run would use.
 */
public final class StepContract {
    private StepContract() {}

    public record Request(
            int[] layers,
            String[] activations,
            double[][][] weights,
            double[][] biases,
            double[] x,
            double[] t,
            Double lr,
            String loss) {}

    public record Response(
            double[][] z,
            double[][] a,
            double[] y,
            double loss,
            double[][] delta,
            double[][][] weightGradients,
            double[][] biasGradients,
            double[][][] weightsAfter,
            double[][] biasesAfter) {}

    /** Validates the request (naming the field at fault) and runs the step. */
    public static Response run(Request r) {
        if (r == null) throw new ConfigException("body", "must be a JSON object");
        if (r.layers() == null) throw new ConfigException("layers", "is required, e.g. [2, 3, 2]");
        try {
            Network.checkSizes(r.layers());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("layers", e.getMessage());
        }
        int L = r.layers().length - 1;
        if (r.activations() == null || r.activations().length != L) {
            throw new ConfigException(
                    "activations", "needs one activation per weight layer (" + L + "), e.g. [\"sigmoid\", \"linear\"]");
        }
        Activation[] acts = new Activation[L];
        for (int l = 0; l < L; l++) {
            try {
                acts[l] = Activation.parse(r.activations()[l]);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("activations", "entry " + l + " " + e.getMessage());
            }
        }
        for (int l = 0; l < L - 1; l++) {
            if (!acts[l].elementwise()) {
                throw new ConfigException(
                        "activations", "entry " + l + ": softmax can only be the last activation (the output layer)");
            }
        }
        Activation out = acts[L - 1];
        if (out == Activation.SOFTMAX && r.layers()[L] < 2) {
            throw new ConfigException(
                    "activations",
                    "softmax needs two or more outputs (the last layer has " + r.layers()[L] + "); use sigmoid");
        }
        Loss loss;
        try {
            loss = r.loss() == null ? Loss.MSE : Loss.parse(r.loss());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("loss", e.getMessage());
        }
        if (!loss.fits(out)) {
            throw new ConfigException(
                    "loss", loss.id() + " needs a sigmoid or softmax output (the last activation is " + out.id() + ")");
        }
        boolean bias = r.biases() != null;
        Network net = new Network(r.layers(), acts, bias, loss);
        if (r.weights() == null || r.weights().length != L) {
            throw new ConfigException("weights", "needs one matrix per weight layer (" + L + ")");
        }
        for (int l = 1; l <= L; l++) {
            double[][] w = r.weights()[l - 1];
            if (w == null) throw new ConfigException("weights", "matrix " + (l - 1) + " is missing");
            try {
                net.setWeights(l, w);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("weights", e.getMessage());
            }
            checkFinite(w, "weights");
        }
        if (bias) {
            if (r.biases().length != L)
                throw new ConfigException("biases", "needs one array per weight layer (" + L + ")");
            for (int l = 1; l <= L; l++) {
                double[] b = r.biases()[l - 1];
                if (b == null || b.length != r.layers()[l]) {
                    throw new ConfigException("biases", "b^(" + l + ") needs " + r.layers()[l] + " values");
                }
                checkFinite(new double[][] {b}, "biases");
                net.setBiases(l, b);
            }
        }
        if (r.x() == null || r.x().length != r.layers()[0]) {
            throw new ConfigException("x", "needs " + r.layers()[0] + " values");
        }
        if (r.t() == null || r.t().length != r.layers()[L]) {
            throw new ConfigException("t", "needs " + r.layers()[L] + " values");
        }
        checkFinite(new double[][] {r.x()}, "x");
        checkFinite(new double[][] {r.t()}, "t");
        if (loss == Loss.CROSS_ENTROPY) {
            for (double ti : r.t()) {
                if (ti < 0 || ti > 1) {
                    throw new ConfigException(
                            "t", "must be from 0 to 1 with cross-entropy (targets are probabilities), got " + ti);
                }
            }
        }
        if (r.lr() == null || !Double.isFinite(r.lr()) || r.lr() < 0) {
            throw new ConfigException("lr", "is required: a finite number, 0 or more");
        }
        Trace tr = Backprop.step(net, r.x(), r.t(), r.lr());
        return new Response(
                drop0(tr.z()),
                drop0(tr.a()),
                tr.y(),
                tr.loss(),
                drop0(tr.delta()),
                drop0(tr.dW()),
                bias ? drop0(tr.db()) : null,
                drop0(tr.wAfter()),
                bias ? drop0(tr.bAfter()) : null);
    }

    private static void checkFinite(double[][] m, String field) {
        for (double[] row : m) {
            if (row == null) throw new ConfigException(field, "has a missing row");
            for (double v : row) {
                if (!Double.isFinite(v)) throw new ConfigException(field, "must hold finite numbers only");
            }
        }
    }

    /** Per-layer arrays indexed 1..L become lists starting at layer 1 (a^(0) = x is left out of a). */
    private static <T> T[] drop0(T[] perLayer) {
        return java.util.Arrays.copyOfRange(perLayer, 1, perLayer.length);
    }
}
