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
 * <p>On the 2-D sets an edit can also change the training set (see {@link Training#addPoint} for the rule of the
 * order): {@code E:S:P{x1}_{x2}=T} adds the point (x1, x2) with target T (a class 0 or 1; 0, 1 or 2 for three-classes;
 * a value from -1 to 1 for reg-plane and reg-gauss), e.g. {@code 0:12:P1.5_-2=1}; {@code E:S:D{i}} deletes training
 * point i (the training set's points numbered from 0 as generated, the added ones after them in the order added).
 *
 * @param at the moment: epochs done and samples of the next
 * @param ref W{l}-i-j (row i, column j of W^(l)) or b{l}-i; P{x1}_{x2} or D{i}
 * @param value the new value: finite, |value| at most {@link #MAX_VALUE}; an added point's target; NaN for D
 */
public record Edit(Moment.At at, String ref, double value) {
    /** The most edits of the weights a run (and so a link) carries. */
    public static final int MAX_EDITS = 64;

    /** The most edits of the data (points added or deleted) a run carries, besides its {@link #MAX_EDITS}. */
    public static final int MAX_POINT_EDITS = 200;

    /** An added point's coordinates lie in [-PLANE, PLANE], the plane drawn (as in TensorFlow Playground). */
    public static final double PLANE = 6;

    private static final Pattern POINT =
            Pattern.compile("P(-?[0-9]{1,2}(?:\\.[0-9]{1,2})?)_(-?[0-9]{1,2}(?:\\.[0-9]{1,2})?)");
    private static final Pattern DELETE = Pattern.compile("D([0-9]{1,6})");

    /** Whether this edit changes the data (adds or deletes a point) rather than a weight. */
    public boolean isPoint() {
        return ref.startsWith("P") || ref.startsWith("D");
    }

    /** An added point's (x1, x2) (null for other edits). */
    public double[] point() {
        Matcher m = POINT.matcher(ref);
        return m.matches() ? new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))} : null;
    }

    /** A deleted point's index into the training set (-1 for other edits). */
    public int deleted() {
        Matcher m = DELETE.matcher(ref);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The edit that adds (x1, x2) with target {@code target}, all three kept to 2 decimals (short links). */
    public static Edit add(Moment.At at, double x1, double x2, double target) {
        return new Edit(at, "P" + Param.fmt(round2(x1)) + "_" + Param.fmt(round2(x2)), round2(target));
    }

    /** The edit that deletes training point {@code index}. */
    public static Edit delete(Moment.At at, int index) {
        return new Edit(at, "D" + index, Double.NaN);
    }

    /** To 2 decimals (0.01 on the plane is a quarter of a pixel of the 300-pixel picture): short links. */
    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** The number of data edits among {@code edits}. */
    public static int pointEdits(List<Edit> edits) {
        int n = 0;
        for (Edit e : edits) if (e.isPoint()) n++;
        return n;
    }

    /**
     * Checks a point to add on the 2-D set of {@code config}: inside the plane and a target the set has.
     *
     * @throws ConfigException (field "x1", "x2" or "label") saying what is wrong
     */
    public static void checkPoint(Config config, double x1, double x2, double target) {
        if (!config.dataset().planar()) {
            throw new ConfigException(
                    "dataset", "points can be added or deleted only on the 2-D sets (circle, xor, ...)");
        }
        if (!(Math.abs(x1) <= PLANE)) throw new ConfigException("x1", "must be a number from -6 to 6 (the plane)");
        if (!(Math.abs(x2) <= PLANE)) throw new ConfigException("x2", "must be a number from -6 to 6 (the plane)");
        int outputs = config.dataset().outputs();
        if (outputs > 1) {
            if (target != Math.rint(target) || target < 0 || target >= outputs) {
                throw new ConfigException("label", "must be a class from 0 to " + (outputs - 1));
            }
        } else if (config.dataset().classification()) {
            if (target != 0 && target != 1) throw new ConfigException("label", "must be the class 0 or 1");
        } else if (!(Math.abs(target) <= 1)) {
            throw new ConfigException("label", "must be a target value from -1 to 1");
        }
    }

    public static final double MAX_VALUE = 1e6;

    /** "E:S:REF=VALUE". */
    @Override
    public String toString() {
        return ref.startsWith("D") ? at + ":" + ref : at + ":" + ref + "=" + Param.fmt(value);
    }

    /** The edits as a link's {@code edits=} reads them ("" for none). */
    /**
     * Whether making these edits again from the start (Start on a finished run) fits the budget of work a request may
     * do, the one a link's moment has ({@link Config#MAX_SEEK_WORK}): the replay trains to the last edit's moment on
     * the request's thread.
     */
    public static boolean replayFits(List<Edit> edits, Config config) {
        if (edits.isEmpty()) return true;
        Moment.At last = edits.get(edits.size() - 1).at();
        return config.seekWork(Math.min(last.epoch(), config.epochs()), last.sample(), edits.size())
                <= Config.MAX_SEEK_WORK;
    }

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
        double v;
        try {
            v = Typed.number(text);
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
        CellId c = CellId.parse(
                "ref",
                ref == null ? null : ref.trim(),
                "a weight W{l}-i-j or a bias b{l}-i, e.g. W2-0-1 or b1-0",
                CellId.Kind.W,
                CellId.Kind.B);
        int[] sizes = config.layers();
        int L = sizes.length - 1;
        int l = c.layer();
        if (l > L) throw new ConfigException("ref", "layer " + l + " is past the output layer " + L);
        if (c.i() >= sizes[l]) {
            throw new ConfigException("ref", "row " + c.i() + " is past layer " + l + "'s " + sizes[l]);
        }
        if (c.kind() == CellId.Kind.W && c.j() >= sizes[l - 1]) {
            throw new ConfigException("ref", "column " + c.j() + " is past layer " + (l - 1) + "'s " + sizes[l - 1]);
        }
        if (c.kind() == CellId.Kind.B && !config.bias()) throw new ConfigException("ref", "this network has no biases");
        return c.toString();
    }

    /** Sets the weight or bias in {@code net}. */
    public void apply(Network net) {
        CellId c = CellId.parse("ref", ref, "a weight or a bias", CellId.Kind.W, CellId.Kind.B);
        if (c.kind() == CellId.Kind.W) net.setW(c.layer(), c.i(), c.j(), value);
        else net.setB(c.layer(), c.i(), value);
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
        if (parts.length > MAX_EDITS + MAX_POINT_EDITS) {
            throw new ConfigException(
                    "edits",
                    "at most " + MAX_EDITS + " edits of the weights and " + MAX_POINT_EDITS
                            + " of the points; this link has " + parts.length);
        }
        Moment.At last = new Moment.At(0, 0);
        int weights = 0, points = 0;
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k].trim();
            String where = "edit " + (k + 1) + " (" + (p.length() > 40 ? p.substring(0, 40) + "…" : p) + "): ";
            int eq = p.indexOf('=');
            int second = p.indexOf(':', p.indexOf(':') + 1);
            boolean delete = second >= 0 && p.startsWith("D", second + 1);
            if (second < 0 || (delete ? eq >= 0 : eq < 0 || second > eq)) {
                throw new ConfigException(
                        "edits", where + "must be E:S:REF=VALUE, e.g. 0:5:W2-0-1=0.5 (or E:S:P{x1}_{x2}=T, E:S:D{i})");
            }
            Moment.At at = Moment.At.parse(p.substring(0, second));
            try {
                if (at == null) throw new ConfigException("edits", "the moment must be E:S, whole numbers");
                // after a change of the data, an epoch's length is the run's to say (Run#replay checks those)
                String problem = points > 0
                        ? (at.epoch() > config.epochs() || at.epoch() == config.epochs() && at.sample() > 0
                                ? "at=" + at + " is past the end of this run of " + config.epochs() + " epochs"
                                : null)
                        : at.problem(config.epochs(), config.trainCount());
                if (problem != null) throw new ConfigException("edits", problem);
                if (at.epoch() < last.epoch() || at.epoch() == last.epoch() && at.sample() < last.sample()) {
                    throw new ConfigException("edits", "the moments must not go back (" + at + " after " + last + ")");
                }
                String ref = p.substring(second + 1, delete ? p.length() : eq);
                Edit e;
                if (ref.startsWith("P") || delete) {
                    if (++points > MAX_POINT_EDITS) {
                        throw new ConfigException("edits", "at most " + MAX_POINT_EDITS + " edits of the points");
                    }
                    e = point(at, ref, delete ? null : p.substring(eq + 1), config);
                } else {
                    if (++weights > MAX_EDITS) {
                        throw new ConfigException("edits", "at most " + MAX_EDITS + " edits of the weights");
                    }
                    e = new Edit(at, ref(ref, config), value(p.substring(eq + 1)));
                }
                out.add(e);
                last = at;
            } catch (ConfigException e) {
                throw new ConfigException("edits", where + e.getMessage());
            }
        }
        return out;
    }

    private static Edit point(Moment.At at, String ref, String value, Config config) {
        if (!config.dataset().planar()) {
            throw new ConfigException("edits", "points can be added or deleted only on the 2-D sets");
        }
        if (value == null) {
            Matcher m = DELETE.matcher(ref);
            if (!m.matches()) throw new ConfigException("edits", "a deleted point is D{i}, e.g. D17");
            return delete(at, Integer.parseInt(m.group(1)));
        }
        Matcher m = POINT.matcher(ref);
        if (!m.matches()) {
            throw new ConfigException("edits", "an added point is P{x1}_{x2}=T, up to 2 decimals, e.g. P1.5_-2=1");
        }
        double x1 = Double.parseDouble(m.group(1)), x2 = Double.parseDouble(m.group(2));
        double t = Edit.value(value);
        checkPoint(config, x1, x2, t);
        return add(at, x1, x2, t);
    }
}
