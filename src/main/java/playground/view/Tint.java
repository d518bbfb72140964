package playground.view;

/**
 * The colour-blind-safe diverging scale of every table, diagram and picture: orange (#e66101) for negative values,
 * blue (#2166ac) for positive ones, stronger as |v| nears the largest absolute value shown beside it. A table cell
 * takes one of five steps per sign as a class ({@link Cell#tintClass}), which the stylesheet colours.
 */
public final class Tint {

    /** The colour of positive values, as "r,g,b". */
    public static final String POSITIVE_RGB = "33,102,172";

    /** The colour of negative values, as "r,g,b". */
    public static final String NEGATIVE_RGB = "230,97,1";

    private Tint() {}

    /** The largest finite |v| over all rows; NaN and infinities are ignored, as are null rows. 0 when there are none. */
    public static double maxAbs(double[]... rows) {
        double max = 0;
        if (rows == null) return max;
        for (double[] row : rows) {
            if (row == null) continue;
            for (double v : row) {
                if (Double.isFinite(v)) max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }

    /**
     * The class of a cell whose value changed in the last update: "up" if after &gt; before, "down" if after &lt;
     * before, "" otherwise (equal, or either is NaN).
     */
    public static String changeClass(double before, double after) {
        if (after > before) return "up";
        if (after < before) return "down";
        return "";
    }
}
