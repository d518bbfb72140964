package playground.view;

import static playground.view.Notation.sub;
import static playground.view.Notation.sup;

import playground.nn.Network;
import playground.training.CellId;
import playground.view.Heatmap.Svg;

/**
 * The network drawn as a server-rendered SVG: one column of neurons per layer (the inputs x at the left, the outputs
 * at the right) and one edge per weight w^(l)_ij, blue for positive and orange for negative, its width growing with
 * |w| relative to the largest |w| in the network. Every edge, neuron and bias carries the {@code data-ref} id of its
 * table cell (W2-0-1, a1-3, x-0, d2-0, b1-3), so that clicking it highlights the same number in the tables and the
 * equations (see app.js), and a {@code <title>} with its exact value. At most {@value #MAX_NODES} neurons of a layer
 * are drawn, with "+N more" under the column, and edges only between drawn neurons.
 *
 * @param svg the {@code <svg>} element, sized by its viewBox to the container's width
 * @param summary the picture in words, also its aria-label: "network 2-8-8-1, 88 weights"
 * @param width the viewBox width
 * @param height the viewBox height
 */
public record NetworkDiagram(String svg, String summary, int width, int height) {

    /** What the neurons' fill shows. */
    public enum Highlight {
        /** No values: plain neurons. */
        NONE,
        /** a^(l)_i of a forward pass: the neuron tinted by its activation, data-ref a{l}-{i}. */
        FORWARD,
        /** delta^(l)_i of a backward pass: the neuron tinted by its delta, data-ref d{l}-{i}. */
        BACKWARD
    }

    /** The widest column drawn, as in the tables. */
    public static final int MAX_NODES = MatrixView.MAX_SHOWN;

    /**
     * The budget of a drawing: at most MAX_NODES x MAX_NODES edges per layer, so at most this many for the largest
     * network a run may have (10 layers of sizes), about 0.6 MB of SVG whatever the number of weights.
     */
    public static final int MAX_EDGES = MAX_NODES * MAX_NODES * 9;

    /** The thinnest and thickest edge, in px (user units). */
    static final double MIN_WIDTH = 0.5, MAX_WIDTH = 6;

    /** The plain network: weights and biases, no values in the neurons. */
    public static NetworkDiagram of(Network net) {
        return of(net, null, null, Highlight.NONE, null, null, null);
    }

    /**
     * The network with optional extras.
     *
     * @param inputNames the input features' names (e.g. "x₁", "sin x₁"), shown left of the inputs; null for x₀, x₁...
     * @param outputNames the outputs' names, shown right of the outputs; null for y (or y₀, y₁... for several)
     * @param mode what the neurons' fill shows
     * @param a a forward pass, a[0] = x and a[l] for l = 1..L, or null; its values appear in the neurons' titles
     * @param delta the deltas, delta[l] for l = 1..L (delta[0] unused), or null
     * @param nodeImages data: URI PNGs per layer and neuron ({@link Heatmap#neurons()}), null entries allowed, or
     *     null; with images the neurons are 36 px squares showing them
     */
    public static NetworkDiagram of(
            Network net,
            String[] inputNames,
            String[] outputNames,
            Highlight mode,
            double[][] a,
            double[][] delta,
            String[][] nodeImages) {
        return of(net, inputNames, outputNames, mode, a, delta, nodeImages, null, null);
    }

    /**
     * As above, with badges on hidden units.
     *
     * @param saturated per hidden layer (index l - 1), the units to badge as saturated, or null
     * @param dead per hidden layer, the units to badge as dead (the badge wins over saturated), or null
     */
    public static NetworkDiagram of(
            Network net,
            String[] inputNames,
            String[] outputNames,
            Highlight mode,
            double[][] a,
            double[][] delta,
            String[][] nodeImages,
            int[][] saturated,
            int[][] dead) {
        int L = net.layers();
        int[] n = net.sizes();
        int[] shown = new int[L + 1];
        int tallest = 1;
        boolean cut = false;
        for (int l = 0; l <= L; l++) {
            shown[l] = Math.min(n[l], MAX_NODES);
            tallest = Math.max(tallest, shown[l]);
            cut |= n[l] > MAX_NODES;
        }
        boolean images = nodeImages != null;
        double half = images ? 18 : 10; // half a neuron's size
        double step = images ? 46 : 30; // vertical distance between neurons
        double gap = images ? 150 : 130; // horizontal distance between layers
        double left = 74, right = 74, top = 30, bottom = cut ? 30 : 12;
        int width = (int) Math.round(left + L * gap + right);
        int height = (int) Math.round(top + tallest * step + bottom);

        double maxW = 0;
        for (int l = 1; l <= L; l++) {
            for (int i = 0; i < shown[l]; i++) {
                for (int j = 0; j < shown[l - 1]; j++) {
                    double w = net.w(l, i, j);
                    if (Double.isFinite(w)) maxW = Math.max(maxW, Math.abs(w));
                }
            }
        }
        double maxB = 0;
        if (net.hasBias()) {
            for (int l = 1; l <= L; l++) {
                for (int i = 0; i < shown[l]; i++) {
                    double v = net.b(l, i);
                    if (Double.isFinite(v)) maxB = Math.max(maxB, Math.abs(v));
                }
            }
        }

        StringBuilder shape = new StringBuilder("network ");
        int weights = 0, biases = 0;
        for (int l = 0; l <= L; l++) {
            shape.append(l == 0 ? "" : "-").append(n[l]);
            if (l > 0) {
                weights += n[l] * n[l - 1];
                biases += n[l];
            }
        }
        shape.append(", ").append(weights).append(weights == 1 ? " weight" : " weights");
        if (net.hasBias()) shape.append(", ").append(biases).append(biases == 1 ? " bias" : " biases");
        if (cut) {
            int drawn = 0;
            for (int l = 1; l <= L; l++) drawn += shown[l] * shown[l - 1];
            shape.append("; layers wider than " + MAX_NODES + " show their first " + MAX_NODES)
                    .append(" (")
                    .append(drawn)
                    .append(" of ")
                    .append(weights)
                    .append(" weights drawn)");
        }
        String summary = shape.toString();

        // sized by what is drawn (at most MAX_EDGES edges, about 260 chars each), never by the network's weights
        int edges = 0;
        for (int l = 1; l <= L; l++) edges += shown[l] * shown[l - 1];
        StringBuilder sb = new StringBuilder(2048 + 260 * edges);
        sb.append("<svg class=\"nd")
                .append(images ? " images" : "")
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" width=\"100%\" role=\"img\" aria-label=\"");
        Svg.esc(sb, summary);
        sb.append("\" xmlns=\"http://www.w3.org/2000/svg\">");

        // layer captions
        sb.append("<g class=\"layers\">");
        for (int l = 0; l <= L; l++) {
            sb.append("<text class=\"layer\" x=\"");
            Svg.num(sb, left + l * gap);
            sb.append("\" y=\"14\">");
            String name = l == L ? "output" : "layer " + l;
            String caption = l == 0 ? "input" : name + " · " + net.activation(l).id();
            Svg.esc(sb, caption);
            sb.append("</text>");
        }
        sb.append("</g>");

        // edges first, so the neurons sit on top of them
        sb.append("<g class=\"edges\" fill=\"none\">");
        for (int l = 1; l <= L; l++) {
            double x0 = left + (l - 1) * gap + half, x1 = left + l * gap - half, mid = (x0 + x1) / 2;
            for (int i = 0; i < shown[l]; i++) {
                double y1 = y(i, shown[l], tallest, top, step);
                for (int j = 0; j < shown[l - 1]; j++) {
                    double y0 = y(j, shown[l - 1], tallest, top, step);
                    double w = net.w(l, i, j);
                    sb.append("<g class=\"edge ")
                            .append(sign(w))
                            .append("\" data-ref=\"")
                            .append(CellId.w(l, i, j))
                            .append("\" tabindex=\"0\"><title>w")
                            .append(sup(l))
                            .append(sub(i, j))
                            .append(" = ")
                            .append(Num.full(w))
                            .append("</title>");
                    StringBuilder d = new StringBuilder(48).append('M');
                    Svg.num(d, x0);
                    d.append(' ');
                    Svg.num(d, y0);
                    d.append('C');
                    Svg.num(d, mid);
                    d.append(' ');
                    Svg.num(d, y0);
                    d.append(' ');
                    Svg.num(d, mid);
                    d.append(' ');
                    Svg.num(d, y1);
                    d.append(' ');
                    Svg.num(d, x1);
                    d.append(' ');
                    Svg.num(d, y1);
                    sb.append("<path class=\"hit\" d=\"")
                            .append(d)
                            .append("\"/><path class=\"w\" d=\"")
                            .append(d)
                            .append("\" stroke=\"")
                            .append(rgb(w))
                            .append("\" stroke-width=\"");
                    Svg.num2(sb, edgeWidth(w, maxW));
                    sb.append("\"/></g>");
                }
            }
        }
        sb.append("</g>");

        // neurons
        double[] layerMax = new double[L + 1];
        for (int l = 0; l <= L; l++) {
            double[] v = values(mode, a, delta, l);
            layerMax[l] = v == null ? 0 : Tint.maxAbs(v);
        }
        sb.append("<g class=\"nodes\">");
        for (int l = 0; l <= L; l++) {
            double cx = left + l * gap;
            double[] tint = values(mode, a, delta, l);
            for (int i = 0; i < shown[l]; i++) {
                double cy = y(i, shown[l], tallest, top, step);
                boolean backward = mode == Highlight.BACKWARD && l > 0;
                CellId ref = backward ? CellId.delta(l, i) : CellId.activation(l, i);
                double v = tint != null && i < tint.length ? tint[i] : Double.NaN;
                String badge = l == 0 || l == L ? null : has(dead, l, i) ? "dead" : has(saturated, l, i) ? "sat" : null;
                sb.append("<g class=\"node ")
                        .append(Double.isNaN(v) ? "n0" : sign(v))
                        .append(badge == null ? "" : " " + badge)
                        .append("\" data-ref=\"")
                        .append(ref)
                        .append("\" tabindex=\"0\" transform=\"translate(");
                Svg.num(sb, cx);
                sb.append(' ');
                Svg.num(sb, cy);
                sb.append(")\"><title>");
                Svg.esc(sb, nodeTitle(net, l, i, inputNames, a, delta, backward));
                if (badge != null) sb.append(badge.equals("dead") ? BADGE_DEAD : BADGE_SAT);
                sb.append("</title>");
                String fill = Double.isNaN(v) ? null : rgb(v);
                String opacity = fill == null ? null : opacity(v, layerMax[l]);
                String image = images && l < nodeImages.length && nodeImages[l] != null && i < nodeImages[l].length
                        ? nodeImages[l][i]
                        : null;
                if (images) {
                    sb.append("<rect class=\"frame\" x=\"-18\" y=\"-18\" width=\"36\" height=\"36\" rx=\"3\"");
                    appendFill(sb, fill, opacity);
                    sb.append("/>");
                    if (image != null && image.startsWith("data:image/")) {
                        sb.append("<image x=\"-16\" y=\"-16\" width=\"32\" height=\"32\" preserveAspectRatio=\"none\""
                                + " href=\"");
                        sb.append(image).append("\"/>"); // Heatmap's base64 data URI: nothing in it to escape
                    }
                } else {
                    sb.append("<circle r=\"10\"");
                    appendFill(sb, fill, opacity);
                    sb.append("/>");
                }
                if (badge != null) {
                    sb.append("<text class=\"badge ").append(badge).append("\" x=\"");
                    Svg.num(sb, -half);
                    sb.append("\" y=\"");
                    Svg.num(sb, -half - 3);
                    sb.append("\">")
                            .append(badge.equals("dead") ? "dead" : "saturated")
                            .append("</text>");
                }
                sb.append("</g>");
                if (l > 0 && net.hasBias()) {
                    double bv = net.b(l, i);
                    sb.append("<rect class=\"bias ")
                            .append(sign(bv))
                            .append("\" data-ref=\"")
                            .append(CellId.Kind.B.at(l, i))
                            .append("\" tabindex=\"0\" x=\"");
                    Svg.num(sb, cx - half - 4);
                    sb.append("\" y=\"");
                    Svg.num(sb, cy + half - 6);
                    sb.append("\" width=\"7\" height=\"7\" fill=\"")
                            .append(rgb(bv))
                            .append("\" fill-opacity=\"")
                            .append(opacity(bv, maxB))
                            .append("\"><title>b")
                            .append(sup(l))
                            .append(sub(i))
                            .append(" = ")
                            .append(Num.full(bv))
                            .append("</title></rect>");
                }
                if (l == 0 || l == L) {
                    boolean in = l == 0;
                    sb.append("<text class=\"name ").append(in ? "in" : "out").append("\" x=\"");
                    Svg.num(sb, in ? cx - half - 6 : cx + half + 6);
                    sb.append("\" y=\"");
                    Svg.num(sb, cy + 4);
                    sb.append("\">");
                    Svg.esc(sb, in ? name(inputNames, i, "x", n[0]) : name(outputNames, i, "y", n[L]));
                    sb.append("</text>");
                }
            }
            if (n[l] > shown[l]) {
                sb.append("<text class=\"more\" x=\"");
                Svg.num(sb, cx);
                sb.append("\" y=\"");
                Svg.num(sb, y(shown[l] - 1, shown[l], tallest, top, step) + half + 16);
                sb.append("\">+").append(n[l] - shown[l]).append(" more</text>");
            }
        }
        sb.append("</g></svg>");
        return new NetworkDiagram(sb.toString(), summary, width, height);
    }

    private static final String BADGE_SAT = " (saturated: |f′(z)| < 0.01 on most samples of the last epoch)";
    private static final String BADGE_DEAD = " (dead: output 0 on every sample of the last epoch)";

    /** Whether unit i of hidden layer l is listed in {@code units} (per hidden layer, from layer 1). */
    static boolean has(int[][] units, int l, int i) {
        if (units == null || l - 1 >= units.length) return false;
        for (int u : units[l - 1]) if (u == i) return true;
        return false;
    }

    /** The centre of neuron i of a column of {@code count}, the columns centred on the tallest. */
    private static double y(int i, int count, int tallest, double top, double step) {
        return top + (tallest - count) * step / 2 + (i + 0.5) * step;
    }

    private static double[] values(Highlight mode, double[][] a, double[][] delta, int l) {
        if (mode == Highlight.FORWARD && a != null && l < a.length) return a[l];
        if (mode == Highlight.BACKWARD && delta != null && l > 0 && l < delta.length) return delta[l];
        return null;
    }

    /** MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) |w| / maxAbs: monotonic in |w|, MIN_WIDTH for 0, NaN or an all-zero net. */
    static double edgeWidth(double w, double maxAbs) {
        if (!(maxAbs > 0) || Double.isNaN(w)) return MIN_WIDTH;
        double r = Math.min(1, Math.abs(w) / maxAbs);
        return MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * r;
    }

    private static String sign(double v) {
        return v > 0 ? "pos" : v < 0 ? "neg" : "zero";
    }

    /** The light theme's colour of a value's sign, for the SVG's own attributes (the stylesheet's classes win). */
    private static String rgb(double v) {
        return v > 0 ? "rgb(" + Tint.POSITIVE_RGB + ")" : v < 0 ? "rgb(" + Tint.NEGATIVE_RGB + ")" : "rgb(150,150,150)";
    }

    /** A tint's opacity, 0.15 to 0.85 with |v| relative to the largest |v| of its group. */
    private static String opacity(double v, double maxAbs) {
        double r = Double.isInfinite(v) ? 1 : maxAbs > 0 && !Double.isNaN(v) ? Math.min(1, Math.abs(v) / maxAbs) : 0;
        StringBuilder sb = new StringBuilder(4);
        Svg.num2(sb, 0.15 + 0.7 * r);
        return sb.toString();
    }

    private static void appendFill(StringBuilder sb, String fill, String opacity) {
        if (fill == null) return;
        sb.append(" fill=\"")
                .append(fill)
                .append("\" fill-opacity=\"")
                .append(opacity)
                .append('"');
    }

    private static String nodeTitle(
            Network net, int l, int i, String[] inputNames, double[][] a, double[][] delta, boolean backward) {
        StringBuilder t = new StringBuilder();
        if (l == 0) {
            t.append("x").append(sub(i));
            String name = inputNames != null && i < inputNames.length ? inputNames[i] : null;
            if (name != null && !name.isEmpty()) t.append(" (").append(name).append(')');
        } else {
            t.append("a").append(sup(l)).append(sub(i));
        }
        if (a != null && l < a.length && a[l] != null && i < a[l].length) {
            t.append(" = ").append(Num.full(a[l][i]));
        }
        if (l > 0) {
            t.append(", ").append(net.activation(l).id());
            if (delta != null && l < delta.length && delta[l] != null && i < delta[l].length) {
                t.append("; δ").append(sup(l)).append(sub(i)).append(" = ").append(Num.full(delta[l][i]));
            }
        }
        return t.toString();
    }

    private static String name(String[] names, int i, String symbol, int count) {
        if (names != null && i < names.length && names[i] != null) return names[i];
        return count == 1 && symbol.equals("y") ? "y" : symbol + sub(i);
    }
}
