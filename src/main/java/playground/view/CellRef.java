package playground.view;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import playground.nn.Trace;
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

    private static final Pattern REF =
            Pattern.compile("(W|gW|b|gb|d|z|a)([1-9][0-9]?)-([0-9]{1,3})(?:-([0-9]{1,3}))?" + "|([xt])-([0-9]{1,3})|E");

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
        if (ref == null || ref.isBlank()) throw bad("is missing: give a cell id such as W1-0-0");
        Matcher m = REF.matcher(ref);
        if (ref.length() > 16 || !m.matches()) {
            throw bad("must be a cell id such as W2-0-1, b1-0, gW1-0-0, gb1-0, d1-0, z1-0, a1-0, x-0, t-0 or E");
        }
        int L = s.layers();
        if (m.group(1) != null) {
            String kind = m.group(1);
            int l = Integer.parseInt(m.group(2));
            int i = Integer.parseInt(m.group(3));
            boolean two = kind.equals("W") || kind.equals("gW");
            if (two != (m.group(4) != null)) {
                throw bad(
                        kind + " needs " + (two ? "two indices, " + kind + "{l}-i-j" : "one index, " + kind + "{l}-i"));
            }
            int j = two ? Integer.parseInt(m.group(4)) : 0;
            if (l > L) throw bad("layer " + l + " is past the output layer " + L);
            if (kind.equals("W")) return new CellRef(ref, at(s.weights()[l], i, j), "w" + sup(l) + sub(i, j));
            if (kind.equals("b")) {
                if (!s.config().bias()) throw bad("this network has no biases");
                return new CellRef(ref, at(s.biases()[l], i), "b" + sup(l) + sub(i));
            }
            Shown t = shown(s);
            return switch (kind) {
                case "z" -> new CellRef(ref, at(t.forward(l).z()[l], i), "z" + sup(l) + sub(i));
                case "a" -> new CellRef(ref, at(t.forward(l).a()[l], i), "a" + sup(l) + sub(i));
                case "d" -> new CellRef(ref, at(t.backward(l).delta()[l], i), "δ" + sup(l) + sub(i));
                case "gW" -> new CellRef(ref, at(t.backward(l).dW()[l], i, j), "∂E/∂w" + sup(l) + sub(i, j));
                default -> {
                    if (!s.config().bias()) throw bad("this network has no biases");
                    yield new CellRef(ref, at(t.backward(l).db()[l], i), "∂E/∂b" + sup(l) + sub(i));
                }
            };
        }
        Shown t = shown(s);
        if (m.group(5) != null) {
            int i = Integer.parseInt(m.group(6));
            if (m.group(5).equals("x")) return new CellRef(ref, at(t.trace().x(), i), "x" + sub(i));
            return new CellRef(ref, at(t.target().t(), i), "t" + sub(i));
        }
        return new CellRef(ref, t.target().loss(), "E");
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

    private static String sup(int l) {
        return "⁽" + digits(l, "⁰¹²³⁴⁵⁶⁷⁸⁹") + "⁾";
    }

    /** ᵢ as subscript digits: "₃". */
    private static String sub(int i) {
        return digits(i, "₀₁₂₃₄₅₆₇₈₉");
    }

    /** ᵢⱼ as subscript digits: "₃₄", or "₁₂,₃₄" when an index has several digits. */
    private static String sub(int i, int j) {
        return sub(i) + (i > 9 || j > 9 ? "," : "") + sub(j);
    }

    private static String digits(int n, String set) {
        StringBuilder sb = new StringBuilder();
        for (char c : String.valueOf(n).toCharArray()) sb.append(set.charAt(c - '0'));
        return sb.toString();
    }
}
