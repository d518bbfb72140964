package playground.view;

import java.util.ArrayList;
import java.util.List;

/**
 * A vector or matrix as a small table captioned with its symbol, e.g. W^(2) or delta^(1).
 *
 * @param symbol the base symbol ("W", "δ", "∂E/∂W", ...)
 * @param layer the layer number shown as a superscript (l), or 0 for none
 * @param rowLabels labels of the rows (e.g. "0", "1"), one per row
 * @param colLabels labels of the columns (empty for a column vector)
 * @param rows the cells
 */
public record MatrixView(
        String symbol, int layer, String note, List<String> rowLabels, List<String> colLabels, List<List<Cell>> rows) {

    /** At most this many rows and columns are shown; the caption says so when a table is cut. */
    public static final int MAX_SHOWN = 16;

    /** A column vector: one row per element. */
    public static MatrixView vector(
            String symbol, int layer, String note, double[] v, double[] before, String idPrefix) {
        double max = Tint.maxAbs(v);
        List<List<Cell>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        if (v.length > MAX_SHOWN) note = join(note, "first " + MAX_SHOWN + " of " + v.length);
        for (int i = 0; i < Math.min(v.length, MAX_SHOWN); i++) {
            String change = before == null ? "" : Tint.changeClass(before[i], v[i]);
            rows.add(List.of(Cell.of(v[i], max, change, idPrefix.isEmpty() ? "" : idPrefix + "-" + i)));
            labels.add(String.valueOf(i));
        }
        return new MatrixView(symbol, layer, note, labels, List.of(), rows);
    }

    /** A matrix, rows i and columns j as in w_ij. */
    public static MatrixView matrix(
            String symbol, int layer, String note, double[][] m, double[][] before, String idPrefix) {
        double max = Tint.maxAbs(m);
        List<List<Cell>> rows = new ArrayList<>();
        List<String> rowLabels = new ArrayList<>();
        List<String> colLabels = new ArrayList<>();
        int allCols = m.length == 0 ? 0 : m[0].length;
        int cols = Math.min(allCols, MAX_SHOWN);
        if (m.length > MAX_SHOWN || allCols > MAX_SHOWN) {
            note = join(
                    note,
                    "first " + Math.min(m.length, MAX_SHOWN) + " × " + cols + " of " + m.length + " × " + allCols);
        }
        for (int j = 0; j < cols; j++) colLabels.add(String.valueOf(j));
        for (int i = 0; i < Math.min(m.length, MAX_SHOWN); i++) {
            List<Cell> row = new ArrayList<>();
            for (int j = 0; j < cols; j++) {
                String change = before == null ? "" : Tint.changeClass(before[i][j], m[i][j]);
                row.add(Cell.of(m[i][j], max, change, idPrefix.isEmpty() ? "" : idPrefix + "-" + i + "-" + j));
            }
            rows.add(row);
            rowLabels.add(String.valueOf(i));
        }
        return new MatrixView(symbol, layer, note, rowLabels, colLabels, rows);
    }

    private static String join(String a, String b) {
        return a == null || a.isEmpty() ? b : a + "; " + b;
    }

    public boolean isVector() {
        return colLabels.isEmpty();
    }

    /** True for tables too big to show whole; the template then scrolls them in their own box. */
    public boolean wide() {
        return colLabels.size() > 8;
    }
}
