package playground.view;

import java.util.Locale;

/**
 * Cell tints on a colour-blind-safe diverging scale: orange (#e66101) for negative values, blue (#2166ac) for
 * positive ones, with opacity growing with |v| relative to the table's largest absolute value. The tint is handed to
 * CSS as a custom property, {@code --tint}, for the stylesheet to use as the cell's background.
 */
public final class Tint {

    /** The colour of positive values, as "r,g,b". */
    public static final String POSITIVE_RGB = "33,102,172";

    /** The colour of negative values, as "r,g,b". */
    public static final String NEGATIVE_RGB = "230,97,1";

    /** The opacity of the faintest tint (a value just above zero). */
    public static final double MIN_ALPHA = 0.08;

    /** The opacity of the strongest tint (the table's largest absolute value). */
    public static final double MAX_ALPHA = 0.6;

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
     * A declaration for a cell's {@code style} attribute, e.g. "--tint:rgba(33,102,172,0.43)" for a positive value and
     * "--tint:rgba(230,97,1,0.43)" for a negative one, with alpha = 0.08 + 0.52 * |v| / maxAbs (capped at 0.6, two
     * decimals). Infinities take the strongest tint. Zero, NaN, and a maxAbs that is not a positive finite number give
     * "" (no tint). The result holds only the characters {@code [a-z0-9:(),.-]}, so it is safe in an attribute.
     */
    public static String style(double v, double maxAbs) {
        if (Double.isNaN(v) || v == 0 || !(maxAbs > 0) || Double.isInfinite(maxAbs)) return "";
        double ratio = Math.min(1.0, Math.abs(v) / maxAbs);
        double alpha = Math.min(MAX_ALPHA, MIN_ALPHA + (MAX_ALPHA - MIN_ALPHA) * ratio);
        String rgb = v > 0 ? POSITIVE_RGB : NEGATIVE_RGB;
        return "--tint:rgba(" + rgb + "," + String.format(Locale.ROOT, "%.2f", alpha) + ")";
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
