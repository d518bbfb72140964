package playground.view;

import static playground.view.Notation.sub;
import static playground.view.Notation.sup;

import playground.nn.Trace;
import playground.training.CellId;
import playground.training.ConfigException;
import playground.training.Snapshot;

/**
 * One number of a run's tables, found by its {@code data-ref} id (the ids of {@link WeightsView} and {@link
 * SampleView}, which the equations share): W{l}-i-j and b{l}-i from the weights now; z{l}-i, a{l}-i, x-i, t-i, E,
 * d{l}-i (δ), gW{l}-i-j (∂E/∂W) and gb{l}-i (∂E/∂b) from the sample the state tables show. A sample shown phase by
 * phase answers only what its phase has revealed, so that a prediction is not given away.
 *
 * @param ref the id
 * @param value the exact value
 * @param label the number's name as the notebook writes it, e.g. "w⁽²⁾₃₄" or "∂E/∂b⁽¹⁾₀"
 */
public record CellRef(String ref, double value, String label) {

    /** "w⁽²⁾₃₄ = 0.123456789": the name and the full value. */
    public String text() {
        return label + " = " + Num.full(value);
    }

    /**
     * The number called {@code ref} in the snapshot.
     *
     * @throws ConfigException (field "ref") for a malformed id, one outside the network's shape, or one the page does
     *     not show now (no sample yet, or a phase not yet revealed)
     */
    public static CellRef of(Snapshot s, String ref) {
        CellId c = CellId.parse(
                "ref",
                ref,
                "a cell id such as W2-0-1, b1-0, gW1-0-0, gb1-0, d1-0, z1-0, a1-0, x-0, t-0 or E",
                CellId.Kind.values());
        int l = c.layer();
        int i = c.i();
        int j = c.j();
        if (l > s.layers()) throw bad("layer " + l + " is past the output layer " + s.layers());
        String id = c.toString();
        boolean bias = c.kind() == CellId.Kind.B || c.kind() == CellId.Kind.GB;
        if (bias && !s.config().bias()) throw bad("this network has no biases");
        return switch (c.kind()) {
            case W -> new CellRef(id, at(s.weights()[l], i, j), "w" + sup(l) + sub(i, j));
            case B -> new CellRef(id, at(s.biases()[l], i), "b" + sup(l) + sub(i));
            case Z -> new CellRef(id, at(shown(s).forward(l).z()[l], i), "z" + sup(l) + sub(i));
            case A -> new CellRef(id, at(shown(s).forward(l).a()[l], i), "a" + sup(l) + sub(i));
            case D -> new CellRef(id, at(shown(s).backward(l).delta()[l], i), "δ" + sup(l) + sub(i));
            case GW -> new CellRef(id, at(shown(s).backward(l).dW()[l], i, j), "∂E/∂w" + sup(l) + sub(i, j));
            case GB -> new CellRef(id, at(shown(s).backward(l).db()[l], i), "∂E/∂b" + sup(l) + sub(i));
            case X -> new CellRef(id, at(shown(s).trace().x(), i), "x" + sub(i));
            case T -> new CellRef(id, at(shown(s).target().t(), i), "t" + sub(i));
            case E -> new CellRef(id, shown(s).target().loss(), "E");
        };
    }

    /** The sample the state tables show, and how far: the full trace, or the phase-stepped one up to its phase. */
    private record Shown(Trace trace, int phase) {
        Trace forward(int l) {
            if (l > phase) throw bad("layer " + l + "'s forward pass is not shown yet (phase " + phase + ")");
            return trace;
        }

        Trace target() {
            if (phase <= trace.layers()) throw bad("the target and the loss are not shown yet (phase " + phase + ")");
            return trace;
        }

        Trace backward(int l) {
            int L = trace.layers();
            int shown = Math.max(0, Math.min(L, phase - L - 1));
            if (l <= L - shown) throw bad("layer " + l + "'s backward pass is not shown yet (phase " + phase + ")");
            return trace;
        }
    }

    private static Shown shown(Snapshot s) {
        if (s.phaseTrace() != null) return new Shown(s.phaseTrace(), s.phase());
        if (s.trace() == null) throw bad("no sample has been through the network yet: press Step");
        return new Shown(s.trace(), Integer.MAX_VALUE);
    }

    private static double at(double[] v, int i) {
        if (i >= v.length) throw bad("index " + i + " is out of range: the vector has " + v.length + " numbers");
        return v[i];
    }

    private static double at(double[][] m, int i, int j) {
        int cols = m.length == 0 ? 0 : m[0].length;
        if (i >= m.length || j >= cols) {
            throw bad("(" + i + ", " + j + ") is out of range: the matrix is " + m.length + " × " + cols);
        }
        return m[i][j];
    }

    private static ConfigException bad(String message) {
        return new ConfigException("ref", message);
    }
}
