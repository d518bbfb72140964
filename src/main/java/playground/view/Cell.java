package playground.view;

/**
 * One number in a table.
 *
 * @param text the value to {@link #DIGITS} significant digits
 * @param title the full value, shown on hover
 * @param tint a CSS class for the diverging colour scale: "tp1".."tp5" (positive), "tn1".."tn5" (negative), or ""
 * @param change "up" or "down" when the last update changed it, else ""
 * @param id an element id that equations can point at (e.g. "W2-0-1"), or ""
 */
public record Cell(String text, String title, String tint, String change, String id) {
    /** Significant digits of a live value, in the tables and the equations alike (and the notebook comparison). */
    public static final int DIGITS = 6;

    /** A cell tinted relative to its table's largest absolute value. */
    public static Cell of(double v, double maxAbs, String change, String id) {
        return new Cell(Num.sig(v, DIGITS), Num.full(v), tintClass(v, maxAbs), change, id);
    }

    /** Five steps of intensity per sign; nothing for zero, NaN or an all-zero table. */
    public static String tintClass(double v, double maxAbs) {
        if (!(maxAbs > 0) || !Double.isFinite(v) || v == 0) return "";
        double r = Math.min(1.0, Math.abs(v) / maxAbs);
        int level = Math.max(1, (int) Math.ceil(r * 5));
        return (v > 0 ? "tp" : "tn") + level;
    }
}
