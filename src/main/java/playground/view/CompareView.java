package playground.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import playground.training.Config;
import playground.training.Param;
import playground.training.RunState;
import playground.training.Snapshot;

/**
 * The compare page's live parts, each drawn from run A's and run B's snapshots: both status lines with the controls
 * that act on both, one loss chart overlaying both runs, and the difference of their weights W_B − W_A per layer.
 */
public final class CompareView {
    private CompareView() {}

    /** The chart's size in CSS pixels, as the compare page shows it. */
    public static final int WIDTH = 380, HEIGHT = 220;

    /** A layer's difference is drawn cell by cell up to this many weights; a larger one gets its norms only. */
    public static final int MAX_DRAWN = 400;

    /**
     * Both runs' status and the controls' state.
     *
     * @param apart how many samples apart the two runs are (0 in lockstep at a frame's end)
     */
    public record Status(
            StatusView a,
            StatusView b,
            long aSamples,
            long bSamples,
            long apart,
            boolean running,
            boolean paused,
            boolean finished,
            long version) {}

    public static Status status(Snapshot a, Snapshot b) {
        boolean running = a.state() == RunState.RUNNING || b.state() == RunState.RUNNING;
        boolean paused = !running && (a.state() == RunState.PAUSED || b.state() == RunState.PAUSED);
        boolean finished = finished(a) && finished(b);
        long as = samples(a), bs = samples(b);
        return new Status(
                StatusView.of(a),
                StatusView.of(b),
                as,
                bs,
                Math.abs(as - bs),
                running,
                paused,
                finished,
                a.version() + b.version());
    }

    private static boolean finished(Snapshot s) {
        return s.state() == RunState.DONE || s.state() == RunState.DIVERGED;
    }

    /** Samples into the run: epochs done times the epoch's samples, and the next epoch's done. */
    public static long samples(Snapshot s) {
        return (long) s.epoch() * s.trainCount() + s.sample();
    }

    /** One line of the overlaid chart, with its end label ("A" or "B") placed at its last point. */
    public record Line(String cls, String d, String label, double labelX, double labelY, String title) {}

    /** The chart in one scale: the axes (shared by both runs) and the four lines. */
    public record Plot(LossChart axes, List<Line> lines) {}

    /** Both scales, and the last values for the legend. */
    public record Chart(Plot linear, Plot log, String aTrain, String aTest, String bTrain, String bTest) {}

    public static Chart chart(Snapshot a, Snapshot b) {
        LossChart la = plot(a, b, false), lb = plot(b, a, false);
        LossChart ga = plot(a, b, true), gb = plot(b, a, true);
        return new Chart(
                new Plot(la, lines(la, lb)),
                new Plot(ga, lines(ga, gb)),
                la.lastTrainLabel(),
                la.lastTestLabel(),
                lb.lastTrainLabel(),
                lb.lastTestLabel());
    }

    /** One run's chart, on axes that span the other's losses too (so both draw on the same axes). */
    private static LossChart plot(Snapshot s, Snapshot other, boolean log) {
        int epochs = Math.max(
                Math.max(s.config().epochs(), other.config().epochs()),
                Math.max(s.trainLoss().size(), other.trainLoss().size()));
        return LossChart.sharing(
                s.initialTrainLoss(),
                s.initialTestLoss(),
                s.trainLoss(),
                s.testLoss(),
                epochs,
                log,
                WIDTH,
                HEIGHT,
                LossChart.series(other.initialTrainLoss(), other.trainLoss()),
                LossChart.series(other.initialTestLoss(), other.testLoss()));
    }

    /** The four lines, A's then B's, their end labels kept at least a label's height apart. */
    private static List<Line> lines(LossChart a, LossChart b) {
        List<double[]> ends = new ArrayList<>();
        List<Line> out = new ArrayList<>();
        Object[][] all = {
            {a, "a train", a.trainPath(), "A", "A, train loss (solid)"},
            {a, "a test", a.testPath(), "A", "A, test loss (dashed)"},
            {b, "b train", b.trainPath(), "B", "B, train loss (dotted)"},
            {b, "b test", b.testPath(), "B", "B, test loss (dash-dot)"}
        };
        for (Object[] o : all) {
            String d = (String) o[2];
            double[] end = end(d);
            out.add(new Line((String) o[1], d, end == null ? "" : (String) o[3], 0, 0, (String) o[4]));
            ends.add(end == null ? null : new double[] {end[0] + 4, end[1] + 4, out.size() - 1});
        }
        // keep the labels apart: in order of height, each at least 11 px below the one above it
        List<double[]> placed = ends.stream()
                .filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparingDouble(e -> e[1]))
                .toList();
        double last = Double.NEGATIVE_INFINITY;
        for (double[] e : placed) {
            double y = Math.max(e[1], last + 11);
            last = y;
            int i = (int) e[2];
            Line l = out.get(i);
            out.set(i, new Line(l.cls(), l.d(), l.label(), LossChart.round2(e[0]), LossChart.round2(y), l.title()));
        }
        return out;
    }

    /** The last point of an SVG path "M x y L x y ...", or null if it has none. */
    static double[] end(String d) {
        if (d == null || d.isBlank()) return null;
        String[] t = d.trim().split("[ ,]+");
        if (t.length < 3) return null;
        try {
            return new double[] {Double.parseDouble(t[t.length - 2]), Double.parseDouble(t[t.length - 1])};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The difference of one weight layer, W_B − W_A.
     *
     * @param rows the cells, row by row (empty when the shapes differ or the layer is too large to draw)
     * @param note what is shown, in words: the shapes, the norms, or why there is no difference to show
     */
    public record Layer(int l, boolean matches, List<List<Cell>> rows, String note, String norm) {}

    /** Every layer's difference, and a line for the whole. */
    public record Diff(List<Layer> layers, String summary) {}

    public static Diff diff(Snapshot a, Snapshot b) {
        int la = a.layers(), lb = b.layers();
        List<Layer> layers = new ArrayList<>();
        int matching = 0;
        for (int l = 1; l <= Math.max(la, lb); l++) {
            if (l > la || l > lb) {
                layers.add(new Layer(
                        l,
                        false,
                        List.of(),
                        "only " + (l > la ? "B" : "A") + " has W⁽" + l + "⁾ (" + shape((l > la ? b : a).weights()[l])
                                + "): nothing to subtract",
                        ""));
                continue;
            }
            double[][] wa = a.weights()[l], wb = b.weights()[l];
            if (!shape(wa).equals(shape(wb))) {
                layers.add(new Layer(
                        l,
                        false,
                        List.of(),
                        "A's W⁽" + l + "⁾ is " + shape(wa) + ", B's is " + shape(wb)
                                + ": the shapes differ, so there is no difference to show",
                        ""));
                continue;
            }
            matching++;
            int r = wa.length, c = r == 0 ? 0 : wa[0].length;
            double[][] d = new double[r][c];
            double max = 0, sum = 0;
            for (int i = 0; i < r; i++)
                for (int j = 0; j < c; j++) {
                    d[i][j] = wb[i][j] - wa[i][j];
                    max = Math.max(max, Math.abs(d[i][j]));
                    sum += d[i][j] * d[i][j];
                }
            double[] ba = a.biases() == null ? null : a.biases()[l], bb = b.biases() == null ? null : b.biases()[l];
            String biasNote = "";
            if (ba != null && bb != null && ba.length == bb.length) {
                double bs = 0;
                for (int i = 0; i < ba.length; i++) bs += (bb[i] - ba[i]) * (bb[i] - ba[i]);
                biasNote = ", ‖b_B − b_A‖ = " + Num.compact(Math.sqrt(bs));
            }
            List<List<Cell>> rows = new ArrayList<>();
            boolean drawn = (long) r * c <= MAX_DRAWN;
            if (drawn) {
                for (int i = 0; i < r; i++) {
                    List<Cell> row = new ArrayList<>();
                    for (int j = 0; j < c; j++) {
                        Cell cell = Cell.of(d[i][j], max, "", "");
                        row.add(new Cell(
                                cell.text(),
                                "W⁽" + l + "⁾[" + i + "][" + j + "]: B − A = " + Num.full(d[i][j]),
                                cell.tint(),
                                "",
                                ""));
                    }
                    rows.add(row);
                }
            }
            layers.add(new Layer(
                    l,
                    true,
                    rows,
                    shape(wa) + (drawn ? "" : ", too many weights to draw: the norms only") + "; largest |Δw| = "
                            + Num.compact(max) + biasNote,
                    Num.compact(Math.sqrt(sum))));
        }
        String summary = matching == 0
                ? "No layer of A has the shape of B's: the weights cannot be subtracted."
                : matching == Math.max(la, lb)
                        ? "W_B − W_A per layer (B's weight minus A's): orange where B's is smaller, blue larger."
                        : "W_B − W_A where the shapes match (" + matching + " of " + Math.max(la, lb)
                                + " layers): orange where B's is smaller, blue larger.";
        return new Diff(layers, summary);
    }

    private static String shape(double[][] w) {
        return w.length + "×" + (w.length == 0 ? 0 : w[0].length);
    }

    /** What B changes, "lr 0.03 → 0.3", in the order of the table of parameters; empty when nothing. */
    public static List<String> changes(Config a, Config b) {
        Map<String, String> pa = a.toParams(), pb = b.toParams();
        List<String> out = new ArrayList<>();
        for (Param p : Param.values()) {
            String va = pa.get(p.id()), vb = pb.get(p.id());
            if (java.util.Objects.equals(va, vb)) continue;
            out.add(p.id() + " " + (va == null ? "–" : va) + " → " + (vb == null ? "–" : vb));
        }
        return out;
    }
}
