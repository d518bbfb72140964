package playground.training;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of one number a run shows: the {@code data-ref} of its cell in the page's tables, pictures and equations, the
 * {@code ref} the API's {@code /cell} and {@code /weight} take, a link's edits and a prediction's {@code what}. One
 * writer ({@link #toString}) and one reader ({@link #parse}), so that what the page writes is what the server reads.
 *
 * <p>W{l}-i-j a weight, b{l}-i a bias, z{l}-i and a{l}-i a neuron's input and output, d{l}-i its δ, gW{l}-i-j and
 * gb{l}-i the gradients ∂E/∂w and ∂E/∂b, x-i an input, t-i a target, E the loss. Layers count from 1 (the input is
 * x), indices from 0. Whether a cell exists in a given network is the reader's check, not this one's.
 *
 * @param layer the layer l (0 for x, t and E)
 * @param i the row (0 for E)
 * @param j the column of a matrix (0 for a vector's cell)
 */
public record CellId(Kind kind, int layer, int i, int j) {

    /** What a cell holds, and how its id is written: a prefix, then the layer if it has one, then its indices. */
    public enum Kind {
        W("W", true, 2),
        B("b", true, 1),
        Z("z", true, 1),
        A("a", true, 1),
        D("d", true, 1),
        GW("gW", true, 2),
        GB("gb", true, 1),
        X("x", false, 1),
        T("t", false, 1),
        E("E", false, 0);

        private final String prefix;
        private final boolean layered;
        private final int indices;

        Kind(String prefix, boolean layered, int indices) {
            this.prefix = prefix;
            this.layered = layered;
            this.indices = indices;
        }

        /** How the ids of layer {@code l}'s cells of this kind begin: "W2" (for W2-i-j), "x" (for x-i). */
        public String prefix(int l) {
            return layered ? prefix + l : prefix;
        }

        /** Whether its cells are a matrix's (two indices, i and j), as W and gW are. */
        public boolean matrix() {
            return indices == 2;
        }

        /** Whether a learner can change its cells: a weight or a bias. */
        public boolean editable() {
            return this == W || this == B;
        }

        /** The cell (i, j) of layer {@code l}; j is ignored by a vector's kind, l and both by those without them. */
        public CellId at(int l, int i, int j) {
            return new CellId(this, layered ? l : 0, indices >= 1 ? i : 0, indices == 2 ? j : 0);
        }

        /** The cell i of layer {@code l}'s vector. */
        public CellId at(int l, int i) {
            return at(l, i, 0);
        }

        private String form() {
            String l = layered ? "{l}" : "";
            return prefix + l + (indices == 2 ? "-i-j" : indices == 1 ? "-i" : "");
        }
    }

    private static final Pattern ID =
            Pattern.compile("(W|gW|b|gb|d|z|a)([1-9][0-9]?)-([0-9]{1,3})(?:-([0-9]{1,3}))?|([xt])-([0-9]{1,3})|E");

    /** W^(l)_ij. */
    public static CellId w(int l, int i, int j) {
        return Kind.W.at(l, i, j);
    }

    /** δ^(l)_i. */
    public static CellId delta(int l, int i) {
        return Kind.D.at(l, i);
    }

    /** a^(l)_i, where a^(0) is the input x. */
    public static CellId activation(int l, int i) {
        return l == 0 ? Kind.X.at(0, i) : Kind.A.at(l, i);
    }

    /** "W2-0-1", "b1-0", "x-3", "E". */
    @Override
    public String toString() {
        return kind.prefix(layer) + (kind.indices >= 1 ? "-" + i : "") + (kind.indices == 2 ? "-" + j : "");
    }

    /**
     * Reads an id of one of the kinds {@code allowed}.
     *
     * @param field the field to name in the message (e.g. "ref")
     * @param text the id
     * @param expected what to say it must be when it is no such id, e.g. "a weight W{l}-i-j or a bias b{l}-i"
     * @throws ConfigException (on {@code field}) for no id, an id of another kind, or one with the wrong number of
     *     indices ("a weight needs two indices")
     */
    public static CellId parse(String field, String text, String expected, Kind... allowed) {
        if (text == null || text.isBlank()) throw new ConfigException(field, "is missing: give " + expected);
        Matcher m = ID.matcher(text);
        if (text.length() > 16 || !m.matches()) throw new ConfigException(field, "must be " + expected);
        Kind kind;
        int l = 0;
        int i = 0;
        String second = null;
        if (m.group(1) != null) {
            kind = kind(m.group(1));
            l = Integer.parseInt(m.group(2));
            i = Integer.parseInt(m.group(3));
            second = m.group(4);
        } else if (m.group(5) != null) {
            kind = kind(m.group(5));
            i = Integer.parseInt(m.group(6));
        } else {
            kind = Kind.E;
        }
        if (!java.util.List.of(allowed).contains(kind)) throw new ConfigException(field, "must be " + expected);
        if (kind.matrix() != (second != null)) {
            throw new ConfigException(
                    field,
                    kind.prefix + " needs " + (kind.matrix() ? "two indices" : "one index") + ", " + kind.form());
        }
        return new CellId(kind, l, i, second == null ? 0 : Integer.parseInt(second));
    }

    private static Kind kind(String prefix) {
        for (Kind k : Kind.values()) if (k.prefix.equals(prefix)) return k;
        throw new IllegalArgumentException(prefix);
    }
}
