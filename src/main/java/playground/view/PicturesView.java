package playground.view;

import playground.data.Dataset;
import playground.data.Features;
import playground.nn.Network;
import playground.nn.Trace;
import playground.training.Config;
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
    public static final Heatmap.Plane PLANE = Heatmap.Plane.square(playground.training.Edit.PLANE);

    public static final int GRID = 48;
    public static final int NEURON_GRID = 24;

    public static PicturesView of(Snapshot s) {
        return of(s, true);
    }

    /** @param withPoints whether to draw the points overlay too (it never changes during a run) */
    public static PicturesView of(Snapshot s, boolean withPoints) {
        // while a sample is stepped phase by phase: its forward values, then its deltas; when stopped after a step:
        // the last sample's forward values
        Trace tr = null;
        int phase = 0;
        if (s.phaseTrace() != null && s.phase() > 0) {
            tr = s.phaseTrace();
            phase = s.phase();
        } else if (s.trace() != null && s.state() != RunState.RUNNING) {
            tr = s.trace();
        }
        return draw(
                s.config(),
                s.data(),
                s.weights(),
                s.biases(),
                tr,
                phase,
                withPoints,
                s.saturatedUnits(),
                s.deadUnits());
    }

    /**
     * The pictures at a moment of the timeline, as they were then: the network with its sample's weights before the
     * update (up to the last phase) or after it (the last phase), its values shown up to the phase.
     *
     * @param phase 1..{@link Moment#phases}
     */
    public static PicturesView at(Config config, Dataset data, Trace tr, int phase) {
        boolean after = phase >= Moment.phases(tr.layers());
        return after
                ? draw(config, data, tr.wAfter(), tr.bAfter(), tr, 0, false, null, null)
                : draw(config, data, tr.wBefore(), tr.bBefore(), tr, phase, false, null, null);
    }

    /**
     * @param tr the sample whose values the diagram shows (null for none)
     * @param phase how far into the sample (1..phases), or 0 for its whole forward pass
     * @param saturated the hidden units to badge as saturated, per hidden layer (null for none), and {@code dead} as
     *     dead: flagged over the last completed epoch, so a past moment of the timeline shows none
     */
    private static PicturesView draw(
            Config config,
            Dataset data,
            double[][][] w,
            double[][] b,
            Trace tr,
            int phase,
            boolean withPoints,
            int[][] saturated,
            int[][] dead) {
        Network net = network(config, w, b);
        Features features = data.features();
        Heatmap heatmap = null;
        Heatmap.Overlay overlay = null;
        String[] inputNames = null;
        if (features != null) {
            Heatmap.Scale scale = config.classification() ? Heatmap.Scale.UNIT : Heatmap.Scale.SIGNED;
            heatmap = Heatmap.render(net, p -> features.of(p[0], p[1]), PLANE, GRID, NEURON_GRID, scale);
            if (withPoints) overlay = Heatmap.points(data.rawTrain(), data.rawTest(), PLANE, scale);
            inputNames = features.labels();
        }
        int L = net.layers();
        NetworkDiagram.Highlight mode = tr == null
                ? NetworkDiagram.Highlight.NONE
                : phase == 0 || phase <= L + 1 ? NetworkDiagram.Highlight.FORWARD : NetworkDiagram.Highlight.BACKWARD;
        double[][] a = tr == null ? null : limitForward(tr, phase);
        double[][] delta = mode != NetworkDiagram.Highlight.BACKWARD ? null : limitBackward(tr, phase);
        NetworkDiagram diagram = NetworkDiagram.of(
                net, inputNames, null, mode, a, delta, heatmap == null ? null : heatmap.neurons(), saturated, dead);
        return new PicturesView(diagram, heatmap, overlay);
    }

    /** The forward values the phase has reached (all of them outside phase stepping). */
    private static double[][] limitForward(Trace tr, int phase) {
        if (phase == 0) return tr.a();
        double[][] a = new double[tr.a().length][];
        for (int l = 0; l < a.length && l <= phase; l++) a[l] = tr.a()[l];
        return a;
    }

    /** The deltas the phase has reached: δ^(L) at phase L+2, then one layer more per phase. */
    private static double[][] limitBackward(Trace tr, int phase) {
        int L = tr.layers();
        int reached = Math.min(Moment.phases(L), phase) - (L + 1); // layers of deltas shown
        double[][] d = new double[L + 1][];
        for (int l = L; l >= 1 && L - l < reached; l--) d[l] = tr.delta()[l];
        return d;
    }

    /** The points over the output heatmap as the run's data is now (null unless the inputs are points of the plane). */
    public static Heatmap.Overlay points(Snapshot s) {
        Dataset data = s.data();
        if (data.features() == null) return null;
        Heatmap.Scale scale = s.config().classification() ? Heatmap.Scale.UNIT : Heatmap.Scale.SIGNED;
        return Heatmap.points(data.rawTrain(), data.rawTest(), PLANE, scale);
    }

    /** A target a click on the plane can add: its value, what the button says and its swatch's CSS class. */
    public record Target(String value, String text, String swatch) {}

    /**
     * The targets a click can add on this 2-D set: the classes 0 and 1 (0, 1 and 2 for three-classes), or for the
     * regression sets −1, 0 and +1 (the API takes any value from −1 to 1).
     */
    public static java.util.List<Target> targets(Config config) {
        java.util.List<Target> out = new java.util.ArrayList<>();
        int outputs = config.dataset().outputs();
        if (outputs > 1) {
            for (int k = 0; k < outputs; k++)
                out.add(new Target(String.valueOf(k), String.valueOf(k), "sw " + Heatmap.classCss(k)));
        } else if (config.classification()) {
            out.add(new Target("0", "0", "sw neg"));
            out.add(new Target("1", "1", "sw pos"));
        } else {
            out.add(new Target("-1", Num.MINUS + "1", "sw neg"));
            out.add(new Target("0", "0", "sw"));
            out.add(new Target("1", "+1", "sw pos"));
        }
        return out;
    }

    static Network network(Snapshot s) {
        return network(s.config(), s.weights(), s.biases());
    }

    private static Network network(Config config, double[][][] w, double[][] b) {
        Network net = config.network();
        for (int l = 1; l <= net.layers(); l++) {
            net.setWeights(l, w[l]);
            if (net.hasBias()) net.setBiases(l, b[l]);
        }
        return net;
    }
}
