package playground.view;

import java.util.ArrayList;
import java.util.List;
import playground.training.CellId;
import playground.training.Snapshot;

/** The weights W^(l) and biases b^(l) per layer; cells changed by the last update are marked by sign. */
public record WeightsView(List<Layer> layers, boolean bias) {
    public record Layer(int layer, String shape, MatrixView w, MatrixView b) {}

    public static WeightsView of(Snapshot s) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l <= s.layers(); l++) {
            double[][] w = s.weights()[l];
            double[][] wb = s.previousWeights() == null ? null : s.previousWeights()[l];
            double[] bb = s.previousBiases() == null ? null : s.previousBiases()[l];
            layers.add(new Layer(
                    l,
                    w.length + " × " + (w.length == 0 ? 0 : w[0].length),
                    badged(MatrixView.matrix("W", l, "", w, wb, CellId.Kind.W), s, l),
                    badged(MatrixView.vector("b", l, "", s.biases()[l], bb, CellId.Kind.B), s, l)));
        }
        return new WeightsView(layers, s.config().bias());
    }

    /** Row i of W^(l) and b^(l) is hidden unit i of layer l: its label says when it was dead or saturated. */
    private static MatrixView badged(MatrixView m, Snapshot s, int l) {
        if (l == s.layers() || m.isPicture()) return m;
        List<String> labels = new ArrayList<>(m.rowLabels());
        for (int i = 0; i < labels.size(); i++) {
            if (NetworkDiagram.has(s.deadUnits(), l, i)) labels.set(i, i + " dead");
            else if (NetworkDiagram.has(s.saturatedUnits(), l, i)) labels.set(i, i + " sat.");
        }
        return new MatrixView(m.symbol(), m.layer(), m.note(), labels, m.colLabels(), m.rows(), m.picture());
    }

    /**
     * The weights at a moment of the timeline: before the sample's update (its phases up to the last), or after it
     * (the last phase), with the cells the update changed marked.
     */
    public static WeightsView of(playground.nn.Trace tr, boolean after, boolean bias) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l <= tr.layers(); l++) {
            double[][] w = after ? tr.wAfter()[l] : tr.wBefore()[l];
            double[] b = after ? tr.bAfter()[l] : tr.bBefore()[l];
            layers.add(new Layer(
                    l,
                    w.length + " × " + (w.length == 0 ? 0 : w[0].length),
                    MatrixView.matrix("W", l, "", w, after ? tr.wBefore()[l] : null, CellId.Kind.W),
                    MatrixView.vector("b", l, "", b, after ? tr.bBefore()[l] : null, CellId.Kind.B)));
        }
        return new WeightsView(layers, bias);
    }
}
