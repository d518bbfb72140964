package playground.view;

import playground.data.Dataset;
import playground.data.Features;
import playground.nn.Network;
import playground.nn.Trace;
import playground.training.Moment;
import playground.training.RunState;
import playground.training.Snapshot;

/**
 * The network diagram and, for the 2-D datasets, the output heatmap with its points and each neuron's own heatmap
 * drawn inside its node, as TensorFlow Playground shows them. Built from a snapshot's weights.
 *
 * @param heatmap the output over the plane (null unless the inputs are points of the plane)
 * @param overlay the training and test points over it (null likewise)
 */
public record PicturesView(NetworkDiagram diagram, Heatmap heatmap, Heatmap.Overlay overlay) {
    /** The plane drawn, x₁ and x₂ from −6 to 6, as in TensorFlow Playground. */
    public static final Heatmap.Plane PLANE = Heatmap.Plane.square(6);

    public static final int GRID = 48;
    public static final int NEURON_GRID = 24;

    public static PicturesView of(Snapshot s) {
        return of(s, true);
    }

    /** @param withPoints whether to draw the points overlay too (it never changes during a run) */
    public static PicturesView of(Snapshot s, boolean withPoints) {
        Network net = network(s);
        Dataset data = s.data();
        Features features = data.features();
        Heatmap heatmap = null;
        Heatmap.Overlay overlay = null;
        String[] inputNames = null;
        if (features != null) {
            Heatmap.Scale scale = s.config().classification() ? Heatmap.Scale.UNIT : Heatmap.Scale.SIGNED;
            heatmap = Heatmap.render(net, p -> features.of(p[0], p[1]), PLANE, GRID, NEURON_GRID, scale);
            if (withPoints) overlay = Heatmap.points(data.rawTrain(), data.rawTest(), PLANE, scale);
            inputNames = features.labels();
        }
        // while a sample is stepped phase by phase: its forward values, then its deltas; when stopped after a step:
        // the last sample's forward values
        NetworkDiagram.Highlight mode = NetworkDiagram.Highlight.NONE;
        Trace tr = null;
        int L = net.layers();
        if (s.phaseTrace() != null && s.phase() > 0) {
            tr = s.phaseTrace();
            mode = s.phase() <= L + 1 ? NetworkDiagram.Highlight.FORWARD : NetworkDiagram.Highlight.BACKWARD;
        } else if (s.trace() != null && s.state() != RunState.RUNNING) {
            tr = s.trace();
            mode = NetworkDiagram.Highlight.FORWARD;
        }
        double[][] a = tr == null ? null : limitForward(tr, s);
        double[][] delta = tr == null || mode != NetworkDiagram.Highlight.BACKWARD ? null : limitBackward(tr, s);
        NetworkDiagram diagram = NetworkDiagram.of(
                net,
                inputNames,
                null,
                mode,
                a,
                delta,
                heatmap == null ? null : heatmap.neurons(),
                s.saturatedUnits(),
                s.deadUnits());
        return new PicturesView(diagram, heatmap, overlay);
    }

    /** The forward values the phase has reached (all of them outside phase stepping). */
    private static double[][] limitForward(Trace tr, Snapshot s) {
        if (s.phaseTrace() == null) return tr.a();
        double[][] a = new double[tr.a().length][];
        for (int l = 0; l < a.length && l <= s.phase(); l++) a[l] = tr.a()[l];
        return a;
    }

    /** The deltas the phase has reached: δ^(L) at phase L+2, then one layer more per phase. */
    private static double[][] limitBackward(Trace tr, Snapshot s) {
        int L = tr.layers();
        int reached = Math.min(Moment.phases(L), s.phase()) - (L + 1); // layers of deltas shown
        double[][] d = new double[L + 1][];
        for (int l = L; l >= 1 && L - l < reached; l--) d[l] = tr.delta()[l];
        return d;
    }

    static Network network(Snapshot s) {
        Network net = s.config().network();
        for (int l = 1; l <= net.layers(); l++) {
            net.setWeights(l, s.weights()[l]);
            if (net.hasBias()) net.setBiases(l, s.biases()[l]);
        }
        return net;
    }
}
