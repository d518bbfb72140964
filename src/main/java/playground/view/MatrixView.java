package playground.view;

import java.util.ArrayList;
import java.util.List;
import playground.training.CellId;

/**
 * A vector or matrix captioned with its symbol, e.g. W^(2) or delta^(1): a small table of cells, or, when it has more
 * than {@link #MAX_CELLS} numbers, a picture with one pixel per number (see {@link Picture}).
 *
 * @param symbol the base symbol ("W", "δ", "∂E/∂W", ...)
 * @param layer the layer number shown as a superscript (l), or 0 for none
 * @param rowLabels labels of the rows (e.g. "0", "1"), one per row; empty for a picture
 * @param colLabels labels of the columns (empty for a column vector, and for a picture)
 * @param rows the cells; empty for a picture
 * @param picture the matrix as a picture, or null for a table
 */
public record MatrixView(
        String symbol,
        int layer,
        String note,
        List<String> rowLabels,
        List<String> colLabels,
        List<List<Cell>> rows,
        Picture picture) {

    /** At most this many rows and columns of a table are shown; the caption says so when a table is cut. */
    public static final int MAX_SHOWN = 16;

    /**
     * More numbers than this and the matrix is a picture, not a table: thousands of cells choke the browser on every
     * frame (2-64-64-2 has 4096 weights in W^(2) alone).
     */
    public static final int MAX_CELLS = 200;

    /** A picture is drawn this many CSS pixels along its longer side when its cells fit at least 1 px each. */
    static final int PICTURE_SIDE = 256;

    /** The most CSS pixels a picture's cell is drawn at (a 15 × 14 matrix is not blown up to 256 px). */
    static final int MAX_CELL_PX = 12;

    /** A picture is at least this many CSS pixels wide and tall (a 256 × 1 vector is not 1 px wide). */
    static final int MIN_PICTURE_PX = 24;

    /**
     * A matrix as a PNG with one pixel per number, on the diverging scale of {@link Heatmap} scaled to the matrix's
     * largest |value|; the page shows it scaled up with {@code image-rendering: pixelated} and reads the exact value
     * of the cell under the pointer from {@code GET /runs/{id}/cell?ref=...} (web/static/matrix.js).
     *
     * <p>Budget: at most half a byte of PNG per number (4-bit palette), two thirds of a byte in the page once
     * base64-coded: a 256 × 256 W^(l) of random weights is ~37 kB (at most ~44 kB), encoded in ~1 ms. {@code
     * MatrixBudgetTest} measures it.
     *
     * @param src the PNG as a {@code data:} URI, rows × cols pixels, row i at the top
     * @param refPrefix the {@code data-ref} ids of the cells start with this: "W2" for W2-i-j, "b2" for b2-i ({@link
     *     CellId.Kind#prefix}); the page's script adds the indices of the pixel under the pointer
     * @param rows the number of rows (i)
     * @param cols the number of columns (j); 1 for a vector
     * @param vector whether the cells' ids have one index (b2-i) rather than two (W2-i-j)
     * @param width the picture's width on the page, in CSS pixels
     * @param height its height
     * @param scale the largest |value|, the strongest colour on each side, in words ("0.53")
     * @param alt the picture in words
     * @param editable whether a learner can change its numbers (a weight's or a bias's) by clicking a pixel
     */
    public record Picture(
            String src,
            String refPrefix,
            int rows,
            int cols,
            boolean vector,
            int width,
            int height,
            String scale,
            String alt,
            boolean editable) {

        /** The element id of the picture, for the page to keep focus on it across swaps: "mx-W2". */
        public String id() {
            return "mx-" + refPrefix;
        }
    }

    /** A column vector: one row per element, the cells' ids {@code ids} of {@code layer}. */
    public static MatrixView vector(
            String symbol, int layer, String note, double[] v, double[] before, CellId.Kind ids) {
        if (v.length > MAX_CELLS) {
            double[][] column = new double[v.length][];
            for (int i = 0; i < v.length; i++) column[i] = new double[] {v[i]};
            return picture(symbol, layer, note, column, true, ids);
        }
        double max = Tint.maxAbs(v);
        List<List<Cell>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        if (v.length > MAX_SHOWN) note = join(note, "first " + MAX_SHOWN + " of " + v.length);
        for (int i = 0; i < Math.min(v.length, MAX_SHOWN); i++) {
            String change = before == null ? "" : Tint.changeClass(before[i], v[i]);
            rows.add(List.of(Cell.of(v[i], max, change, ids.at(layer, i).toString())));
            labels.add(String.valueOf(i));
        }
        return new MatrixView(symbol, layer, note, labels, List.of(), rows, null);
    }

    /** A matrix, rows i and columns j as in w_ij, the cells' ids {@code ids} of {@code layer}. */
    public static MatrixView matrix(
            String symbol, int layer, String note, double[][] m, double[][] before, CellId.Kind ids) {
        int allCols = m.length == 0 ? 0 : m[0].length;
        if ((long) m.length * allCols > MAX_CELLS) return picture(symbol, layer, note, m, false, ids);
        double max = Tint.maxAbs(m);
        List<List<Cell>> rows = new ArrayList<>();
        List<String> rowLabels = new ArrayList<>();
        List<String> colLabels = new ArrayList<>();
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
                row.add(Cell.of(m[i][j], max, change, ids.at(layer, i, j).toString()));
            }
            rows.add(row);
            rowLabels.add(String.valueOf(i));
        }
        return new MatrixView(symbol, layer, note, rowLabels, colLabels, rows, null);
    }

    /** The whole matrix as a picture, one pixel per number, captioned with its shape and scale. */
    private static MatrixView picture(
            String symbol, int layer, String note, double[][] m, boolean vector, CellId.Kind ids) {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        double max = Tint.maxAbs(m);
        String src;
        Heatmap.Png png = new Heatmap.Png();
        try {
            src = Heatmap.Png.dataUri(png.encodeIndexed(cols, rows, levels(m, max), PALETTE));
        } finally {
            png.end();
        }
        // square cells where they fit, stretched to a minimum width or height for thin vectors and matrices
        int cell = Math.max(1, Math.min(MAX_CELL_PX, PICTURE_SIDE / Math.max(rows, cols)));
        int width = Math.max(MIN_PICTURE_PX, cols * cell);
        int height = Math.max(MIN_PICTURE_PX, rows * cell);
        String scale = Num.compact(max);
        String shape = rows + " × " + cols;
        String name = symbol + (layer > 0 ? "(" + layer + ")" : "");
        String alt = name + ", " + shape + ", one pixel per number: blue positive, orange negative, strongest at ±"
                + scale + ". Hover, focus or click it for the exact values.";
        Picture p = new Picture(src, ids.prefix(layer), rows, cols, vector, width, height, scale, alt, ids.editable());
        return new MatrixView(
                symbol, layer, join(note, shape + ", scale ±" + scale), List.of(), List.of(), List.of(), p);
    }

    /** Steps of a picture's colour scale on each side of zero, as the tables' five tints (fewer steps, fewer bytes). */
    static final int STEPS = 5;

    /** PALETTE[STEPS + k] is the colour of k / STEPS on {@link Heatmap#signed}'s scale, k = -STEPS..STEPS. */
    static final int[] PALETTE = new int[2 * STEPS + 1];

    static {
        for (int k = -STEPS; k <= STEPS; k++) PALETTE[STEPS + k] = Heatmap.signed(k / (double) STEPS);
    }

    /**
     * Each number's palette index, row by row: v / max rounded to the nearest of the 2 * STEPS + 1 steps of [-1, 1];
     * NaN (and every number when max is 0) neutral, an infinity the strongest step of its sign. Stepped colours keep
     * the PNG small: a 256 × 256 matrix of random weights is ~27 kB (~37 kB in base64), not the ~190 kB of exact colours.
     */
    static byte[] levels(double[][] m, double max) {
        int cols = m.length == 0 ? 0 : m[0].length;
        byte[] index = new byte[m.length * cols];
        double perStep = max > 0 && Double.isFinite(max) ? STEPS / max : 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < cols; j++) {
                double v = m[i][j];
                int k = Double.isNaN(v)
                        ? 0
                        : Double.isInfinite(v)
                                ? (int) Math.signum(v) * STEPS
                                : (int) Math.round(Math.max(-STEPS, Math.min(STEPS, v * perStep)));
                index[i * cols + j] = (byte) (STEPS + k);
            }
        }
        return index;
    }

    private static String join(String a, String b) {
        return a == null || a.isEmpty() ? b : a + "; " + b;
    }

    public boolean isVector() {
        return picture == null ? colLabels.isEmpty() : picture.vector();
    }

    /** True for a picture rather than a table. */
    public boolean isPicture() {
        return picture != null;
    }

    /** True for tables too big to show whole; the template then scrolls them in their own box. */
    public boolean wide() {
        return colLabels.size() > 8;
    }
}
