package playground.view;

import static playground.view.Notation.sup;

import java.util.ArrayList;
import java.util.List;
import playground.nn.Activation;
import playground.nn.Loss;
import playground.nn.Optimizer;
import playground.nn.Regularization;
import playground.nn.Trace;
import playground.training.CellId;
import playground.training.Config;
import playground.training.Moment;
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
        String updateNote,
        Prediction prediction) {

    /**
     * Predict, then reveal: what the learner may work out before the next phase shows it.
     *
     * @param runId the run
     * @param what the value's table id: "d{l}-0" for delta^(l)_0, "W{l}-0-0" for w^(l)_00 after the update
     * @param label the value in words, e.g. "δ⁽²⁾₀"
     * @param hint how to work it out from what is shown
     */
    public record Prediction(String runId, String what, String label, String hint) {}

    /** One layer's column in the forward pass. */
    public record Column(int layer, String activation, MatrixView z, MatrixView a) {}

    /** One layer's gradients. */
    public record Gradient(int layer, MatrixView dW, MatrixView db) {}

    public static SampleView of(Snapshot s) {
        int L = s.layers();
        int full = Moment.phases(L);
        if (s.phaseTrace() != null) {
            // nothing of the next sample is applied yet: the run is where the header says
            String where = cap(s.at().words(s.trainCount())) + " · the next sample, phase " + s.phase() + " of " + full
                    + ": " + Moment.phaseName(s.phase(), L) + ". Press Phase for the next one.";
            return build(s.phaseTrace(), s.config(), s.phase(), where, "")
                    .withPrediction(prediction(
                            s.runId(), s.phase(), s.config(), s.phaseTrace().updated()));
        }
        Trace tr = s.trace();
        if (tr == null) {
            return new SampleView(
                    true,
                    "",
                    List.of(),
                    null,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    s.config().bias(),
                    "",
                    null);
        }
        Moment.At at = s.traceAt() == null ? s.at() : s.traceAt();
        String where = cap(at.words(s.trainCount()))
                + (at.equals(s.at())
                        ? ": the sample just trained"
                        : ": the last sample shown (the run is at " + s.at().words(s.trainCount()) + ")");
        String note = s.state() == playground.training.RunState.DIVERGED
                ? "Diverged: this sample's numbers, at the weights the blow-up left behind."
                : note(tr);
        return build(tr, s.config(), full, where, note);
    }

    /**
     * What the next phase reveals that the learner can predict: a delta, or a weight after the update when one follows
     * this sample ({@code updates}: not in the middle of a mini-batch). The hint is the rule this run uses: its loss
     * and output layer for delta^(L), its activation's f', its optimiser and regularisation for the update.
     */
    static Prediction prediction(String runId, int phase, Config c, boolean updates) {
        int L = c.layers().length - 1;
        int next = phase + 1;
        if (next >= L + 2 && next <= 2 * L + 1) {
            int l = 2 * L + 2 - next;
            String label = "δ" + sup(l) + "₀";
            String hint = l == L
                    ? outputDeltaRule(c, L)
                    : label + " = (Σᵢ w" + sup(l + 1) + "ᵢ₀ δ" + sup(l + 1) + "ᵢ) · f′(z" + sup(l) + "₀), "
                            + derivative(c.activations()[l - 1]);
            return new Prediction(runId, CellId.delta(l, 0).toString(), label, hint);
        }
        if (next == 2 * L + 2 && updates) {
            return new Prediction(
                    runId, CellId.w(L, 0, 0).toString(), "w" + sup(L) + "₀₀ after the update", updateRule(c, L));
        }
        return null;
    }

    /** delta^(L)_0 as this run's loss and output layer make it. */
    static String outputDeltaRule(Config c, int L) {
        Activation out = c.activations()[L - 1];
        String d = "δ" + sup(L) + "₀ = ";
        if (c.loss() == Loss.CROSS_ENTROPY) {
            return out == Activation.SOFTMAX
                    ? d + "y₀ · Σⱼ tⱼ − t₀, which is y₀ − t₀ when the targets sum to 1 (cross-entropy after softmax)"
                    : d + "y₀ − t₀ (cross-entropy after a sigmoid: σ′ cancels)";
        }
        if (out == Activation.SOFTMAX) return d + "y₀ · (g₀ − Σⱼ gⱼ yⱼ) with g = y − t (squared error through softmax)";
        if (out == Activation.LINEAR) return d + "(y₀ − t₀) · f′(z" + sup(L) + "₀) = y₀ − t₀ (linear output: f′ = 1)";
        return d + "(y₀ − t₀) · f′(z" + sup(L) + "₀), " + derivative(out);
    }

    /** f' of an elementwise activation, in words a learner can use with the numbers shown. */
    static String derivative(Activation f) {
        return "with " + f.rule();
    }

    /** The update of w^(L)_00 as this run's optimiser, regularisation and batch make it. */
    static String updateRule(Config c, int L) {
        String g = c.batch() > 1
                ? "g = the mean of δ" + sup(L) + "₀ · a" + sup(L - 1) + "₀ over the mini-batch"
                : "g = ∂E/∂w = δ" + sup(L) + "₀ · a" + sup(L - 1) + "₀";
        Regularization reg = c.plainSgd() ? Regularization.NONE : c.regularization();
        if (reg == Regularization.L2) g += " + λ · w";
        if (reg == Regularization.L1) g += " + λ · sign(w)";
        String rule = switch (c.optimizer()) {
            case SGD -> "w ← w − η · g";
            case MOMENTUM -> "v ← " + Num.compact(Optimizer.MU) + " · v + g (v starts at 0), then w ← w − η · v";
            case ADAM -> {
                String b1 = Num.compact(Optimizer.BETA1), b2 = Num.compact(Optimizer.BETA2);
                yield "m ← " + b1 + " · m + (1 − " + b1 + ") · g and v ← " + b2 + " · v + (1 − " + b2
                        + ") · g² (both start at 0), then w ← w − η · m̂ / (√v̂ + " + Num.compact(Optimizer.EPS)
                        + ") with m̂ = m / (1 − " + b1 + "ᵗ), v̂ = v / (1 − " + b2 + "ᵗ) at step t";
            }
        };
        return rule + ", where " + g + "; η = " + Num.full(c.lr())
                + (reg == Regularization.NONE ? "" : ", λ = " + Num.full(c.regRate()));
    }

    SampleView withPrediction(Prediction p) {
        return new SampleView(empty, where, forward, x, t, loss, deltas, gradients, bias, updateNote, p);
    }

    /** A logged sample from the timeline, shown up to a phase. */
    public static SampleView of(Moment m, Config c, int phase, int trainCount) {
        int full = Moment.phases(c.layers().length - 1);
        String where = "Rewound to " + at(m, phase, full, trainCount).words(trainCount)
                + (phase < full
                        ? " · the next sample, phase " + phase + " of " + full + ": "
                                + Moment.phaseName(phase, c.layers().length - 1)
                        : ": the sample just trained");
        return build(m.trace(), c, phase, where, phase < full ? "" : note(m.trace()));
    }

    /**
     * The moment a logged sample shows up to a phase: before its update until the last phase (as Phase shows the next
     * sample), after it at the last.
     */
    public static Moment.At at(Moment m, int phase, int full, int trainCount) {
        return phase < full ? m.before(trainCount) : m.after();
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String note(Trace tr) {
        return tr.updated()
                ? "Weights updated with learning rate " + Num.full(tr.lr()) + "."
                : "Mini-batch: gradient stored; the weights update at the end of the batch.";
    }

    /**
     * The tables of a trace shown up to a phase: 1..L the forward pass through that layer, L+1 the loss, L+2..2L+1
     * the deltas and gradients from layer L down, 2L+2 everything (the update done).
     */
    static SampleView build(Trace tr, Config c, int phase, String where, String note) {
        int L = tr.layers();
        List<Column> forward = new ArrayList<>();
        for (int l = 1; l <= Math.min(L, phase); l++) {
            forward.add(new Column(
                    l,
                    c.activations()[l - 1].id(),
                    MatrixView.vector("z", l, "", tr.z()[l], null, CellId.Kind.Z),
                    MatrixView.vector(l == L ? "y = a" : "a", l, "", tr.a()[l], null, CellId.Kind.A)));
        }
        boolean lossShown = phase > L;
        int backward = Math.max(0, Math.min(L, phase - L - 1));
        List<MatrixView> deltas = new ArrayList<>();
        List<Gradient> grads = new ArrayList<>();
        for (int l = L; l > L - backward; l--) {
            deltas.add(MatrixView.vector("δ", l, "", tr.delta()[l], null, CellId.Kind.D));
            grads.add(new Gradient(
                    l,
                    MatrixView.matrix("∂E/∂W", l, "", tr.dW()[l], null, CellId.Kind.GW),
                    MatrixView.vector("∂E/∂b", l, "", tr.db()[l], null, CellId.Kind.GB)));
        }
        return new SampleView(
                false,
                where,
                forward,
                MatrixView.vector("x", 0, "", tr.x(), null, CellId.Kind.X),
                lossShown ? MatrixView.vector("t", 0, "", tr.t(), null, CellId.Kind.T) : null,
                // E shrinks by orders of magnitude while training: significant digits (as every live value) keep it
                lossShown ? new Cell(Num.sig(tr.loss(), Cell.DIGITS), Num.full(tr.loss()), "", "", "E") : null,
                deltas,
                grads,
                c.bias(),
                note,
                null);
    }
}
