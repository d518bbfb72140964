package playground.training;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import playground.nn.Network;

/**
 * A learner's change of one weight or bias at a moment of a run: "E:S:REF=VALUE", e.g. {@code 0:5:W2-0-1=0.5}, w^(2)_01
 * set to 0.5 after 0 epochs and 5 samples. A link carries a run's edits as {@code edits=} a comma-separated list of
 * these, in the order they were made (moments never go back); opening it trains to each moment, applies the edit and
 * goes on, so the optimiser's state and every number after are exact.
 *
 * @param at the moment: epochs done and samples of the next
 * @param ref W{l}-i-j (row i, column j of W^(l)) or b{l}-i
 * @param value the new value: finite, |value| at most {@link #MAX_VALUE}
 */
public record Edit(Moment.At at, String ref, double value) {
    /** The most edits a run (and so a link) carries. */
    public static final int MAX_EDITS = 64;

    public static final double MAX_VALUE = 1e6;

    private static final Pattern REF = Pattern.compile("(W|b)([1-9][0-9]?)-([0-9]{1,3})(?:-([0-9]{1,3}))?");

    /** "E:S:REF=VALUE". */
    @Override
    public String toString() {
        return at + ":" + ref + "=" + Param.fmt(value);
    }

    /** The edits as a link's {@code edits=} reads them ("" for none). */
    public static String format(List<Edit> edits) {
        StringBuilder sb = new StringBuilder();
        for (Edit e : edits) sb.append(sb.length() > 0 ? "," : "").append(e);
        return sb.toString();
    }

    /**
     * A value a learner typed.
     *
     * @throws ConfigException (field "value") unless it is a finite number with |v| at most {@link #MAX_VALUE}
     */
    public static double value(String text) {
        String t = text == null ? "" : text.trim().replace('−', '-');
        double v;
        try {
            if (t.isEmpty() || t.length() > 40 || t.matches(".*[a-zA-Z&&[^eE]].*")) throw new NumberFormatException();
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new ConfigException("value", "must be a number, e.g. 0.5 or -1.25e-2");
        }
        return checked(v);
    }

    static double checked(double v) {
        if (!Double.isFinite(v)) throw new ConfigException("value", "must be a finite number");
        if (Math.abs(v) > MAX_VALUE) throw new ConfigException("value", "must be between -1e6 and 1e6");
        return v;
    }

    /**
     * Checks a cell id against the network of {@code config}: a weight or a bias that exists.
     *
     * @throws ConfigException (field "ref") otherwise
     */
    public static String ref(String ref, Config config) {
        if (ref == null || ref.isBlank()) throw new ConfigException("ref", "is missing: give a cell such as W1-0-0");
        Matcher m = REF.matcher(ref.trim());
        if (!m.matches()) {
            throw new ConfigException("ref", "must be a weight W{l}-i-j or a bias b{l}-i, e.g. W2-0-1 or b1-0");
        }
        int[] sizes = config.layers();
        int L = sizes.length - 1;
        int l = Integer.parseInt(m.group(2));
        int i = Integer.parseInt(m.group(3));
        boolean weight = m.group(1).equals("W");
        if (weight != (m.group(4) != null)) {
            throw new ConfigException("ref", weight ? "a weight needs two indices, W{l}-i-j" : "a bias is b{l}-i");
        }
        if (l > L) throw new ConfigException("ref", "layer " + l + " is past the output layer " + L);
        if (i >= sizes[l]) throw new ConfigException("ref", "row " + i + " is past layer " + l + "'s " + sizes[l]);
        if (weight) {
            int j = Integer.parseInt(m.group(4));
            if (j >= sizes[l - 1]) {
                throw new ConfigException("ref", "column " + j + " is past layer " + (l - 1) + "'s " + sizes[l - 1]);
            }
        } else if (!config.bias()) {
            throw new ConfigException("ref", "this network has no biases");
        }
        return ref.trim();
    }

    /** Sets the weight or bias in {@code net}. */
    public void apply(Network net) {
        Matcher m = REF.matcher(ref);
        if (!m.matches()) throw new IllegalStateException(ref);
        int l = Integer.parseInt(m.group(2));
        int i = Integer.parseInt(m.group(3));
        if (m.group(1).equals("W")) net.setW(l, i, Integer.parseInt(m.group(4)), value);
        else net.setB(l, i, value);
    }

    /**
     * A link's {@code edits=}: at most {@link #MAX_EDITS}, each a moment of the run, a cell of the network and a value,
     * the moments in order.
     *
     * @throws ConfigException (field "edits") saying which edit is wrong and why
     */
    public static List<Edit> parse(String text, Config config) {
        List<Edit> out = new ArrayList<>();
        if (text == null || text.isBlank()) return out;
        String[] parts = text.split(",", -1);
        if (parts.length > MAX_EDITS) {
            throw new ConfigException("edits", "at most " + MAX_EDITS + " edits; this link has " + parts.length);
        }
        Moment.At last = new Moment.At(0, 0);
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k].trim();
            String where = "edit " + (k + 1) + " (" + (p.length() > 40 ? p.substring(0, 40) + "…" : p) + "): ";
            int eq = p.indexOf('=');
            int second = p.indexOf(':', p.indexOf(':') + 1);
            if (eq < 0 || second < 0 || second > eq) {
                throw new ConfigException("edits", where + "must be E:S:REF=VALUE, e.g. 0:5:W2-0-1=0.5");
            }
            Moment.At at = Moment.At.parse(p.substring(0, second));
            try {
                if (at == null) throw new ConfigException("edits", "the moment must be E:S, whole numbers");
                String problem = at.problem(config.epochs(), config.trainCount());
                if (problem != null) throw new ConfigException("edits", problem);
                if (at.samples(config.trainCount()) < last.samples(config.trainCount())) {
                    throw new ConfigException("edits", "the moments must not go back (" + at + " after " + last + ")");
                }
                String ref = ref(p.substring(second + 1, eq), config);
                double v = value(p.substring(eq + 1));
                out.add(new Edit(at, ref, v));
                last = at;
            } catch (ConfigException e) {
                throw new ConfigException("edits", where + e.getMessage());
            }
        }
        return out;
    }
}
