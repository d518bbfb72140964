package playground.view;

import java.util.ArrayList;
import java.util.List;
import playground.nn.Trace;
import playground.training.Snapshot;

/**
 * The current sample's backprop state, laid out like the notebook: forward (x, then z^(l) and a^(l) per layer, then y
 * beside t, and E), backward (delta^(L) down to delta^(1)), then the gradients dE/dW^(l) and dE/db^(l).
 */
public record SampleView(
        boolean empty,
        String where,
        List<Column> forward,
        MatrixView x,
        MatrixView t,
        Cell loss,
        List<MatrixView> deltas,
        List<Gradient> gradients,
        boolean bias,
        String updateNote) {

    /** One layer's column in the forward pass. */
    public record Column(int layer, String activation, MatrixView z, MatrixView a) {}

    /** One layer's gradients. */
    public record Gradient(int layer, MatrixView dW, MatrixView db) {}

    public static SampleView of(Snapshot s) {
        Trace tr = s.trace();
        if (tr == null) {
            return new SampleView(
                            false,
                            "",
                            List.of(),
                            null,
                            null,
                            null,
                            List.of(),
                            List.of(),
                            s.config().bias(),
                            "")
                    .asEmpty();
        }
        int L = tr.layers();
        List<Column> forward = new ArrayList<>();
        for (int l = 1; l <= L; l++) {
            String act = s.config().activations()[l - 1].id();
            forward.add(new Column(
                    l,
                    act,
                    MatrixView.vector("z", l, "", tr.z()[l], null, "z" + l),
                    MatrixView.vector(l == L ? "y = a" : "a", l, "", tr.a()[l], null, "a" + l)));
        }
        List<MatrixView> deltas = new ArrayList<>();
        for (int l = L; l >= 1; l--) deltas.add(MatrixView.vector("δ", l, "", tr.delta()[l], null, "d" + l));
        List<Gradient> grads = new ArrayList<>();
        for (int l = L; l >= 1; l--) {
            grads.add(new Gradient(
                    l,
                    MatrixView.matrix("∂E/∂W", l, "", tr.dW()[l], null, "gW" + l),
                    MatrixView.vector("∂E/∂b", l, "", tr.db()[l], null, "gb" + l)));
        }
        String where = "epoch " + (tr == null ? 0 : displayEpoch(s)) + ", sample " + displaySample(s) + " of "
                + s.trainCount();
        String note = s.state() == playground.training.RunState.DIVERGED
                ? "Diverged: this sample's numbers, at the weights the blow-up left behind."
                : tr.updated()
                        ? "Weights updated with learning rate " + Num.full(tr.lr()) + "."
                        : "Mini-batch: gradient stored; the weights update at the end of the batch.";
        return new SampleView(
                false,
                where,
                forward,
                MatrixView.vector("x", 0, "", tr.x(), null, "x"),
                MatrixView.vector("t", 0, "", tr.t(), null, "t"),
                // E shrinks by orders of magnitude while training: shown with its significant digits, not 0.0000
                new Cell(Num.compact(tr.loss()), Num.full(tr.loss()), "", "", "E"),
                deltas,
                grads,
                s.config().bias(),
                note);
    }

    /** The epoch (1-based) of the sample shown. */
    static int displayEpoch(Snapshot s) {
        return s.sample() == 0 ? Math.max(1, s.epoch()) : s.epoch() + 1;
    }

    static int displaySample(Snapshot s) {
        return s.sample() == 0 ? s.trainCount() : s.sample();
    }

    private SampleView asEmpty() {
        return new SampleView(true, "", forward, x, t, loss, deltas, gradients, bias, updateNote);
    }
}
