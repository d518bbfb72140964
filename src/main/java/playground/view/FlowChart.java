package playground.view;

import java.util.ArrayList;
import java.util.List;

/**
 * The gradient flow chart: one line per weight layer over the epochs, on a log scale (vanishing and exploding
 * gradients differ by decades), each line named at its end so that layers are told apart by more than colour. Scales,
 * ticks and paths as in {@link LossChart}.
 */
public record FlowChart(
        String title,
        int width,
        int height,
        double left,
        double top,
        double right,
        double bottom,
        List<LossChart.Tick> xTicks,
        List<LossChart.Tick> yTicks,
        List<Line> lines) {

    /** Weight layer {@code layer}'s line: its path, its name at its end, and its latest value. */
    public record Line(int layer, String path, double labelX, double labelY, String name, String last) {}

    public static final int WIDTH = 520, HEIGHT = 200;

    /**
     * @param values per completed epoch e (1..k, index e - 1), per weight layer (index l - 1)
     * @param layers L, the number of weight layers
     * @param epochs the run's epochs N: the x axis spans 0..N
     */
    public static FlowChart of(String title, List<double[]> values, int layers, int epochs) {
        double left = LossChart.MARGIN_LEFT, top = LossChart.MARGIN_TOP;
        double right = WIDTH - LossChart.MARGIN_RIGHT - 36, bottom = HEIGHT - LossChart.MARGIN_BOTTOM;
        int n = Math.max(Math.max(epochs, 1), values.size());
        double[][] series = new double[layers][values.size()];
        for (int e = 0; e < values.size(); e++) for (int l = 0; l < layers; l++) series[l][e] = values.get(e)[l];
        double[] domain = LossChart.logDomain(series);
        int lo = (int) domain[0], hi = (int) domain[1];
        java.util.function.DoubleUnaryOperator xOf = e -> left + e / n * (right - left);
        java.util.function.DoubleUnaryOperator yOf = v -> bottom - (Math.log10(v) - lo) / (hi - lo) * (bottom - top);
        List<Line> lines = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            StringBuilder d = new StringBuilder();
            boolean pen = false;
            double lastX = Double.NaN, lastY = Double.NaN, lastV = Double.NaN;
            for (int e : LossChart.drawn(values.size())) {
                double v = series[l][e];
                if (!(v > 0) || !Double.isFinite(v)) {
                    pen = false;
                    continue;
                }
                lastX = xOf.applyAsDouble(e + 1);
                lastY = yOf.applyAsDouble(v);
                lastV = v;
                if (d.length() > 0) d.append(' ');
                d.append(pen ? "L " : "M ")
                        .append(LossChart.px(lastX))
                        .append(' ')
                        .append(LossChart.px(lastY));
                pen = true;
            }
            String name = "W" + Notation.sup(l + 1);
            lines.add(new Line(
                    l + 1,
                    d.toString(),
                    Double.isNaN(lastX) ? right : LossChart.round2(lastX + 4),
                    Double.isNaN(lastY) ? bottom : LossChart.round2(lastY + 4),
                    name,
                    Double.isNaN(lastV) ? "" : Num.compact(lastV)));
        }
        return new FlowChart(
                title,
                WIDTH,
                HEIGHT,
                left,
                top,
                right,
                bottom,
                LossChart.xTicks(n, xOf),
                LossChart.logTicks(lo, hi, top, bottom),
                List.copyOf(lines));
    }
}
