package playground.view;

import java.util.ArrayList;
import java.util.List;
import playground.nn.GradientCheck;

/**
 * The gradient check panel: each weight's backprop gradient beside its central finite-difference estimate and their
 * relative error, with the ones above {@link #FLAG} flagged. {@code checked} of the network's {@code total} parameters
 * were compared (all of them, or a seeded sample on big networks; fewer when {@code cutShort}: the time ran out).
 */
public record GradCheckView(
        String runId,
        String sample,
        String maxRelativeError,
        boolean passed,
        int flagged,
        int checked,
        int total,
        boolean cutShort,
        List<Row> rows,
        boolean cut) {
    /** Relative errors above this are flagged: backprop and the finite difference disagree. */
    public static final double FLAG = 1e-4;

    public static final int MAX_ROWS = 60;

    public record Row(
            String name, int layer, String index, Cell backprop, Cell numeric, String relativeError, boolean flagged) {}

    public static GradCheckView of(String runId, double[] x, double[] t, GradientCheck.Result r) {
        List<Row> rows = new ArrayList<>();
        int flagged = 0;
        for (GradientCheck.Entry e : r.entries()) {
            boolean bad = e.relativeError() > FLAG;
            if (bad) flagged++;
            if (rows.size() < MAX_ROWS) {
                boolean bias = e.j() < 0;
                rows.add(new Row(
                        bias ? "b" : "w",
                        e.layer(),
                        bias ? String.valueOf(e.i()) : e.i() + "" + (e.i() > 9 || e.j() > 9 ? "," : "") + e.j(),
                        Cell.of(e.backprop(), 0, "", ""),
                        Cell.of(e.numeric(), 0, "", ""),
                        Num.compact(e.relativeError()),
                        bad));
            }
        }
        return new GradCheckView(
                runId,
                "x = " + vector(x) + ", t = " + vector(t),
                Num.compact(r.maxRelativeError()),
                flagged == 0,
                flagged,
                r.checked(),
                r.total(),
                r.cutShort(),
                rows,
                r.entries().size() > rows.size());
    }

    private static String vector(double[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < Math.min(v.length, 4); i++)
            sb.append(i == 0 ? "" : ", ").append(Num.fixed(v[i], 4));
        if (v.length > 4) sb.append(", …");
        return sb.append(')').toString();
    }
}
