package playground.export;

import java.util.Locale;
import playground.nn.Activation;
import playground.nn.Optimizer;
import playground.nn.Regularization;
import playground.training.Config;
import playground.training.Param;
import playground.training.Snapshot;

/**
 * A short, self-contained numpy script holding a run's architecture and current weights. Run as {@code python3
 * script.py '{"x": [...], "t": [...], "lr": 0.1}'}, it does one forward, backward and update step on that sample and
 * prints the {@code /api/step} response JSON, so that a learner can carry on in numpy. The script carries the run's
 * loss and output layer (softmax, cross-entropy), but always takes one plain SGD step, as {@code /api/step} does; when
 * the run trains with another optimizer or with regularisation, a comment at the top says so and gives the rule.
 */
public final class NumpyScript {
    private NumpyScript() {}

    public static String of(Snapshot s, String url) {
        int L = s.layers();
        Activation[] acts = s.config().activations();
        boolean bias = s.config().bias();
        StringBuilder py = new StringBuilder();
        py.append("#!/usr/bin/env python3\n");
        py.append(trainingNote(s.config()));
        py.append("\"\"\"Backprop Playground: one step of backprop on this network, in numpy.\n\n");
        // the moment as the page's header names it (and a link's at=E:S): epochs done, samples of the next done
        py.append("Exported at ")
                .append(s.at().words(s.trainCount()))
                .append(" (at=")
                .append(s.at());
        py.append(") of the run at ")
                .append(url.replace("\"", "%22").replace("\\", "%5C"))
                .append("\n");
        py.append("Usage: python3 script.py '{\"x\": [...], \"t\": [...], \"lr\": 0.1}'\n");
        py.append("Prints what POST /api/step answers: z, a, y, loss, delta, gradients, weights after.\n\"\"\"\n");
        py.append("import json\nimport sys\n\nimport numpy as np\n\n");
        py.append("LAYERS = ").append(intList(s.config().layers())).append("\n");
        py.append("ACTIVATIONS = [");
        for (int l = 0; l < L; l++)
            py.append(l == 0 ? "" : ", ").append('"').append(acts[l].id()).append('"');
        py.append("]\n");
        py.append("LOSS = \"").append(s.config().loss().id()).append("\"  # mse or cross-entropy\n");
        py.append("# W[l] is W^(l+1): n_(l+1) rows, n_l columns, as in the notebook\n");
        py.append("W = [\n");
        for (int l = 1; l <= L; l++)
            py.append("    np.array(").append(matrix(s.weights()[l])).append("),\n");
        py.append("]\n");
        if (bias) {
            py.append("B = [\n");
            for (int l = 1; l <= L; l++)
                py.append("    np.array(").append(vector(s.biases()[l])).append("),\n");
            py.append("]\n");
        } else {
            py.append("B = None  # this network has no biases\n");
        }
        py.append(BODY.replace("ACTIVATION_FUNCTIONS\n", activationFunctions()));
        return py.toString();
    }

    private static final String BODY = """


            ACTIVATION_FUNCTIONS
            def minus(name, z, a, t):
                \"\"\"f(z) - t, without cancelling where f saturates towards t.\"\"\"
                if name == "sigmoid":
                    # for z > 0: (1 - t) - sigma(-z)
                    e = np.exp(-np.abs(z))
                    return np.where(z > 0, (1.0 - t) - e * (1.0 / (1.0 + e)), a - t)
                if name == "tanh":
                    # 1 - tanh|z| = 2 e / (1 + e), e = exp(-2|z|)
                    e = np.exp(-2.0 * np.abs(z))
                    rest = 2.0 * e / (1.0 + e)
                    return np.where(z > 0, (1.0 - t) - rest, np.where(z < 0, rest - (1.0 + t), a - t))
                return a - t


            def loss_value(out, z, y, t):
                if LOSS == "mse":
                    # E = 1/2 sum (y_i - t_i)^2
                    r = minus(out, z, y, t)
                    return 0.5 * float(np.sum(r * r))
                if out == "softmax":
                    # E = -sum t_i ln softmax(z)_i = sum t_i (m - z_i + ln(1 + sum_(j != k) exp(z_j - m))), m = z_k = max z
                    k = int(np.argmax(z))
                    m = z[k]
                    lse = np.log1p(np.sum(np.exp(np.delete(z, k) - m)))
                    return float(np.sum(np.where(t != 0, t * ((m - z) + lse), 0.0)))
                # sigmoid: E = -sum [t ln y + (1 - t) ln(1 - y)] = sum [t softplus(-z) + (1 - t) softplus(z)]
                u = np.log1p(np.exp(-np.abs(z)))
                return float(np.sum(t * (np.maximum(-z, 0) + u) + (1.0 - t) * (np.maximum(z, 0) + u)))


            def output_delta(out, z, y, t):
                \"\"\"delta^(L) = dE/dz^(L).\"\"\"
                if LOSS == "cross-entropy":
                    if out == "softmax":
                        # delta = y sum_j t_j - t (= y - t when the targets sum to 1); near y_i = 1,
                        # 1 - y_i = sum_(j != i) y_j keeps the digits
                        sum_t = np.sum(t)
                        d = y * sum_t - t
                        for i in range(len(y)):
                            if y[i] > 0.5:
                                d[i] = np.sum(np.delete(t, i)) - sum_t * np.sum(np.delete(y, i))
                        return d
                    # sigmoid: delta = sigma(z) - t
                    return minus(out, z, y, t)
                if out == "softmax":
                    # g = y - t; delta_i = sum_j g_j dy_j/dz_i = y_i (g_i - sum_j g_j y_j)
                    g = y - t
                    return y * (g - np.sum(g * y))
                # delta = (y - t) * f'(z^(L))
                return minus(out, z, y, t) * df(out, z)


            def step(x, t, lr):
                L = len(W)
                a = [x]
                z = []
                for l in range(L):
                    # z^(l) = W^(l) a^(l-1) + b^(l); a^(l) = f(z^(l))
                    zl = W[l] @ a[l] + (B[l] if B is not None else 0.0)
                    z.append(zl)
                    a.append(f(ACTIVATIONS[l], zl))
                y = a[L]
                f_L = ACTIVATIONS[L - 1]
                loss = loss_value(f_L, z[L - 1], y, t)
                delta = [None] * L
                delta[L - 1] = output_delta(f_L, z[L - 1], y, t)
                for l in range(L - 1, 0, -1):
                    # delta^(l-1) = (W^(l)^T delta^(l)) * f'(z^(l-1))
                    delta[l - 1] = (W[l].T @ delta[l]) * df(ACTIVATIONS[l - 1], z[l - 1])
                # dE/dW^(l) = delta^(l) a^(l-1)^T; dE/db^(l) = delta^(l)
                gW = [np.outer(delta[l], a[l]) for l in range(L)]
                # one plain SGD step, as POST /api/step: W <- W - lr dE/dW
                W_after = [W[l] - lr * gW[l] for l in range(L)]
                B_after = [B[l] - lr * delta[l] for l in range(L)] if B is not None else None
                out = lambda v: v.tolist()
                return {
                    "z": [out(v) for v in z],
                    "a": [out(v) for v in a[1:]],
                    "y": out(y),
                    "loss": loss,
                    "delta": [out(v) for v in delta],
                    "weightGradients": [out(v) for v in gW],
                    "biasGradients": [out(v) for v in delta] if B is not None else None,
                    "weightsAfter": [out(v) for v in W_after],
                    "biasesAfter": [out(v) for v in B_after] if B is not None else None,
                }


            if __name__ == "__main__":
                if len(sys.argv) != 2:
                    sys.exit("usage: python3 script.py '{\\"x\\": [...], \\"t\\": [...], \\"lr\\": 0.1}'")
                request = json.loads(sys.argv[1])
                x = np.array(request["x"], dtype=float)
                t = np.array(request["t"], dtype=float)
                if x.shape != (LAYERS[0],) or t.shape != (LAYERS[-1],):
                    sys.exit(f"x needs {LAYERS[0]} values and t needs {LAYERS[-1]}")
                print(json.dumps(step(x, t, float(request["lr"]))))
            """;

    /**
     * f and f′ in numpy, one branch per {@link Activation}, from z as {@code Activation} computes them (f′ stable where
     * f saturates); a piecewise-linear activation from its slope, so that a new one needs nothing here.
     */
    static String activationFunctions() {
        StringBuilder f = new StringBuilder("def f(name, z):\n");
        StringBuilder df = new StringBuilder(
                "def df(name, z):\n    \"\"\"f'(z), from z, so that it keeps its digits where f saturates (not 1 - a^2"
                        + " or a (1 - a)).\"\"\"\n");
        for (Activation a : Activation.values()) {
            String[] defs = switch (a) {
                case SIGMOID ->
                    new String[] {
                        "# e = exp(-|z|): 1 / (1 + e) for z >= 0, e / (1 + e) below (no overflow either side)\n"
                                + "e = np.exp(-np.abs(z))\ns = 1.0 / (1.0 + e)\nreturn np.where(z >= 0, s, e * s)",
                        "# sigma'(z) = e / (1 + e)^2, e = exp(-|z|)\n"
                                + "e = np.exp(-np.abs(z))\ns = 1.0 / (1.0 + e)\nreturn e * s * s"
                    };
                case TANH ->
                    new String[] {
                        "return np.tanh(z)",
                        "# tanh'(z) = 4 e / (1 + e)^2, e = exp(-2|z|)\n"
                                + "e = np.exp(-2.0 * np.abs(z))\ns = 1.0 / (1.0 + e)\nreturn 4.0 * e * s * s"
                    };
                case SOFTMAX ->
                    new String[] {
                        "# a_i = exp(z_i - max z) / sum_j exp(z_j - max z): softmax(z), without overflow\n"
                                + "e = np.exp(z - np.max(z))\nreturn e / np.sum(e)",
                        null
                    };
                default ->
                    new String[] {
                        a.slope() == 1
                                ? "return z"
                                : "return np.where(z > 0, z, " + (a.slope() == 0 ? "0.0" : a.slope() + " * z") + ")",
                        a.slope() == 1 ? "return np.ones_like(z)" : "return np.where(z > 0, 1.0, " + a.slope() + ")"
                    };
            };
            f.append("    if name == \"").append(a.id()).append("\":\n").append(indent(defs[0]));
            if (defs[1] != null)
                df.append("    if name == \"").append(a.id()).append("\":\n").append(indent(defs[1]));
        }
        f.append("    raise ValueError(name)\n\n\n");
        df.append("    raise ValueError(name)\n\n\n");
        return f.append(df).toString();
    }

    private static String indent(String lines) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines.split("\n")) sb.append("        ").append(line).append('\n');
        return sb.toString();
    }

    /**
     * Comment lines saying what the run's training does that the script's one plain SGD step does not: its optimizer
     * and its regularisation, each with its update rule. Empty for plain SGD without regularisation.
     */
    static String trainingNote(Config c) {
        boolean optimizer = c.optimizer() != Optimizer.SGD;
        boolean reg = c.regularization() != Regularization.NONE && c.regRate() != 0;
        if (!optimizer && !reg) return "";
        StringBuilder sb = new StringBuilder("#\n");
        sb.append("# NOTE: this run trains with");
        if (optimizer) sb.append(" the ").append(c.optimizer().id()).append(" optimizer");
        if (optimizer && reg) sb.append(" and");
        if (reg) {
            sb.append(' ')
                    .append(c.regularization().id().toUpperCase(Locale.ROOT))
                    .append(" regularisation (rate lambda = ")
                    .append(Param.fmt(c.regRate()))
                    .append(')');
        }
        sb.append(",\n# which this script does not carry: it shows one plain backprop step,");
        sb.append(" W <- W - lr dE/dW, as POST /api/step does.\n");
        sb.append("# The run's update, for each weight or bias w with g = dE/dw (averaged over the mini-batch)");
        sb.append(" and lr = ").append(Param.fmt(c.lr())).append(":\n");
        if (reg) {
            sb.append(
                    c.regularization() == Regularization.L2
                            ? "#   L2: E + lambda/2 sum w^2 is minimised, so g <- g + lambda w"
                            : "#   L1: E + lambda sum |w| is minimised, so g <- g + lambda sign(w)");
            sb.append(" (weights only, not biases)\n");
        }
        switch (c.optimizer()) {
            case MOMENTUM ->
                sb.append("#   momentum: v <- mu v + g; w <- w - lr v, with mu = ")
                        .append(Optimizer.MU)
                        .append(" and v = 0 at the start\n");
            case ADAM ->
                sb.append("#   adam: m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g^2;")
                        .append(" mhat = m / (1 - b1^k); vhat = v / (1 - b2^k);\n")
                        .append("#         w <- w - lr mhat / (sqrt(vhat) + eps), with b1 = ")
                        .append(Optimizer.BETA1)
                        .append(", b2 = ")
                        .append(Optimizer.BETA2)
                        .append(", eps = ")
                        .append(number(Optimizer.EPS))
                        .append(
                                ",\n#         m = v = 0 at the start and k the number of steps taken (1 for the first)\n");
            case SGD -> sb.append("#   sgd: w <- w - lr g\n");
        }
        return sb.append("#\n").toString();
    }

    private static String intList(int[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ", ").append(v[i]);
        return sb.append(']').toString();
    }

    static String vector(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ", ").append(number(v[i]));
        return sb.append(']').toString();
    }

    static String matrix(double[][] m) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < m.length; i++) sb.append(i == 0 ? "" : ", ").append(vector(m[i]));
        return sb.append(']').toString();
    }

    /** The exact double, as Python reads it back (Java's shortest round-trip form). */
    static String number(double v) {
        if (Double.isNaN(v)) return "float('nan')";
        if (Double.isInfinite(v)) return v > 0 ? "float('inf')" : "float('-inf')";
        return String.valueOf(v).toLowerCase(Locale.ROOT);
    }
}
