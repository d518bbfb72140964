package playground.export;

import java.util.Locale;
import playground.nn.Activation;
import playground.training.Snapshot;

/**
 * A short, self-contained numpy script holding a run's architecture and current weights. Run as {@code python3
 * script.py '{"x": [...], "t": [...], "lr": 0.1}'}, it does one forward, backward and update step on that sample and
 * prints the {@code /api/step} response JSON, so that a learner can carry on in numpy.
 */
public final class NumpyScript {
    private NumpyScript() {}

    public static String of(Snapshot s, String url) {
        int L = s.layers();
        Activation[] acts = s.config().activations();
        boolean bias = s.config().bias();
        StringBuilder py = new StringBuilder();
        py.append("#!/usr/bin/env python3\n");
        py.append("\"\"\"Backprop Playground: one step of backprop on this network, in numpy.\n\n");
        py.append("Exported after epoch ").append(s.epoch()).append(", sample ").append(s.sample());
        py.append(" of the run at ")
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
        py.append(BODY);
        return py.toString();
    }

    private static final String BODY = """


            def f(name, z):
                if name == "sigmoid":
                    return 1.0 / (1.0 + np.exp(-z))
                if name == "tanh":
                    return np.tanh(z)
                if name == "relu":
                    return np.where(z > 0, z, 0.0)
                return z


            def df(name, z, a):
                \"\"\"f'(z), given a = f(z).\"\"\"
                if name == "sigmoid":
                    return a * (1.0 - a)
                if name == "tanh":
                    return 1.0 - a * a
                if name == "relu":
                    return np.where(z > 0, 1.0, 0.0)
                return np.ones_like(z)


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
                loss = 0.5 * float(np.sum((t - y) ** 2))
                delta = [None] * L
                # delta^(L) = (y - t) * f'(z^(L))
                delta[L - 1] = (y - t) * df(ACTIVATIONS[L - 1], z[L - 1], a[L])
                for l in range(L - 1, 0, -1):
                    # delta^(l-1) = (W^(l)^T delta^(l)) * f'(z^(l-1))
                    delta[l - 1] = (W[l].T @ delta[l]) * df(ACTIVATIONS[l - 1], z[l - 1], a[l])
                # dE/dW^(l) = delta^(l) a^(l-1)^T; dE/db^(l) = delta^(l)
                gW = [np.outer(delta[l], a[l]) for l in range(L)]
                # W <- W - lr dE/dW
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
