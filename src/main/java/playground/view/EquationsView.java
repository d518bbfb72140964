package playground.view;

import static playground.view.MathML.factor;
import static playground.view.MathML.fn;
import static playground.view.MathML.frac;
import static playground.view.MathML.layered;
import static playground.view.MathML.layeredSym;
import static playground.view.MathML.lead;
import static playground.view.MathML.math;
import static playground.view.MathML.mi;
import static playground.view.MathML.mn;
import static playground.view.MathML.mo;
import static playground.view.MathML.row;
import static playground.view.MathML.sub;
import static playground.view.MathML.subSym;
import static playground.view.MathML.sup;

import java.util.ArrayList;
import java.util.List;
import playground.nn.Activation;
import playground.nn.Loss;
import playground.nn.Optimizer;
import playground.nn.Regularization;
import playground.nn.Trace;
import playground.training.CellId;
import playground.training.CellId.Kind;
import playground.training.Snapshot;

/**
 * The notebook's equations as MathML, each followed by the current sample's numbers put in (for unit 0 of each
 * layer, and weight w_00).
 *
 * <p>A browser cannot break a line inside one {@code <math>} element, so every equation is written as a {@link Line}
 * of short {@code <math>} pieces, grouped: the page lets a line wrap between groups, and inside a group only when the
 * group alone is wider than the line (equations.css). A sum is one piece per term (at most {@link #MAX_TERMS} of
 * them, then "+ ⋯"), so that no piece is wider than a narrow panel and the result ("= value") is always on screen.
 */
public record EquationsView(List<Block> blocks) {
    /** A titled group: the general equation, then the same with numbers. */
    public record Block(String title, Line general, List<Line> instances) {}

    /**
     * One equation: its groups of {@code <math>} pieces, in order. An instance's last group is its result (the "=
     * value" or "→ value"), marked so that the page and its tests can find it.
     */
    public record Line(List<Group> groups) {
        /** The whole equation's markup, pieces in order (for tests and for reading). */
        public String markup() {
            StringBuilder sb = new StringBuilder();
            for (Group g : groups) for (String p : g.pieces()) sb.append(p);
            return sb.toString();
        }
    }

    /** Pieces kept on one line while they fit; {@code result} marks an instance's result. */
    public record Group(List<String> pieces, boolean result) {}

    private static final int MAX_TERMS = 3;

    public static EquationsView of(Snapshot s) {
        if (s.phaseTrace() != null) return of(s.phaseTrace(), s.config(), s.phase());
        return of(s.trace(), s.config(), Integer.MAX_VALUE);
    }

    /**
     * The equations with a trace's numbers put in, up to a phase (see {@link playground.training.Moment}): numbers the
     * phase has not reached yet are left out, so that phase stepping and predictions reveal nothing early.
     */
    public static EquationsView of(Trace tr, playground.training.Config c, int phase) {
        EquationsView all = build(tr, c);
        if (tr == null || phase >= playground.training.Moment.phases(c.layers().length - 1)) return all;
        int L = c.layers().length - 1;
        int[] keep = {
            2 * Math.min(L, phase), // forward: z and a per layer
            phase >= L + 1 ? 1 : 0, // the loss
            phase >= L + 2 ? 1 : 0, // delta^(L)
            Math.max(0, phase - (L + 2)), // delta^(l-1), l = L..2
            Math.max(0, phase - (L + 1)), // the gradients, l = L..1
            0 // the update
        };
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < all.blocks().size(); i++) {
            Block b = all.blocks().get(i);
            int k = Math.min(b.instances().size(), i < keep.length ? keep[i] : 0);
            blocks.add(new Block(b.title(), b.general(), b.instances().subList(0, k)));
        }
        return new EquationsView(blocks);
    }

    private static EquationsView build(Trace tr, playground.training.Config c) {
        Activation[] f = c.activations();
        int L = c.layers().length - 1;
        boolean bias = c.bias();
        List<Block> blocks = new ArrayList<>();

        // forward
        List<Line> fwd = new ArrayList<>();
        if (tr != null) {
            for (int l = 1; l <= L; l++) {
                List<String> terms = new ArrayList<>();
                List<String> numbers = new ArrayList<>();
                int n = tr.a()[l - 1].length;
                for (int j = 0; j < Math.min(n, MAX_TERMS); j++) {
                    terms.add(
                            row(layered("w", l, "0" + j), l == 1 ? sub(mi("x"), "" + j) : layered("a", l - 1, "" + j)));
                    numbers.add(row(
                            factor(tr.wBefore()[l][0][j], w(l, 0, j)), mo("·"), factor(tr.a()[l - 1][j], a(l - 1, j))));
                }
                if (n > MAX_TERMS) {
                    terms.add(mo("⋯"));
                    numbers.add(mo("⋯"));
                }
                if (bias) {
                    terms.add(layered("b", l, "0"));
                    numbers.add(factor(tr.bBefore()[l][0], id(Kind.B, l, 0, 0)));
                }
                fwd.add(instance(
                        result(lead("="), mn(tr.z()[l][0], id(Kind.Z, l, 0, 0))),
                        sum(layered("z", l, "0") + mo("="), terms, ""),
                        sum(lead("="), numbers, "")));
                fwd.add(instance(
                        result(lead("="), mn(tr.a()[l][0], a(l, 0))),
                        List.of(math(
                                layered("a", l, "0"),
                                mo("="),
                                activationName(f[l - 1]),
                                row(mo("("), mn(tr.z()[l][0], id(Kind.Z, l, 0, 0)), mo(")"))))));
            }
        }
        String b = bias ? row(mo("+"), layeredSym("b", mi("l"), "")) : "";
        blocks.add(new Block(
                "Forward",
                general(
                        List.of(math(
                                layeredSym("z", mi("l"), ""),
                                mo("="),
                                layeredSym("W", mi("l"), ""),
                                layeredSym("a", row(mi("l"), mo("−"), mn1()), ""),
                                b,
                                mo(","))),
                        List.of(math(
                                layeredSym("a", mi("l"), ""),
                                mo("="),
                                fn("f"),
                                row(mo("("), layeredSym("z", mi("l"), ""), mo(")"))))),
                fwd));

        // loss
        boolean ce = c.loss() == Loss.CROSS_ENTROPY;
        boolean softmax = f[L - 1] == Activation.SOFTMAX;
        List<Line> loss = new ArrayList<>();
        if (tr != null && ce) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < Math.min(tr.y().length, MAX_TERMS); i++) {
                String lnY = row(fn("ln"), factor(tr.y()[i], a(L, i)));
                parts.add(row(factor(tr.t()[i], id(Kind.T, 0, i, 0)), lnY));
                if (!softmax) {
                    // the second half of a yes/no term is a term of its own: one piece each, so that both fit
                    parts.add(row(
                            row(mo("("), mn1(), mo("−"), factor(tr.t()[i], id(Kind.T, 0, i, 0)), mo(")")),
                            fn("ln"),
                            row(mo("("), mn1(), mo("−"), factor(tr.y()[i], a(L, i)), mo(")"))));
                }
            }
            if (tr.y().length > MAX_TERMS) parts.add(mo("⋯"));
            loss.add(instance(
                    result(lead("="), mn(tr.loss(), "E")),
                    sum(mi("E") + mo("=") + "<mo form=\"prefix\">−</mo>" + mo("["), parts, mo("]"))));
        } else if (tr != null) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < Math.min(tr.y().length, MAX_TERMS); i++) {
                parts.add(sup(
                        row(mo("("), mn(tr.t()[i], id(Kind.T, 0, i, 0)), mo("−"), factor(tr.y()[i], a(L, i)), mo(")")),
                        "<mn>2</mn>"));
            }
            if (tr.y().length > MAX_TERMS) parts.add(mo("⋯"));
            loss.add(instance(
                    result(lead("="), mn(tr.loss(), "E")),
                    sum(mi("E") + mo("=") + frac("<mn>1</mn>", "<mn>2</mn>") + mo("["), parts, mo("]"))));
        }
        String ti = subSym(mi("t"), "i");
        String yi = subSym(mi("y"), "i");
        String sum = "<munder><mo>∑</mo><mi>i</mi></munder>";
        if (ce) {
            blocks.add(new Block(
                    softmax ? "Loss: cross-entropy over the softmax" : "Loss: cross-entropy, one yes/no per output",
                    softmax
                            ? general(List.of(math(mi("E"), mo("="), mo("−"), sum, ti, fn("ln"), yi)))
                            : general(List.of(
                                    math(mi("E"), mo("="), mo("−"), sum, mo("["), ti, fn("ln"), yi),
                                    math(
                                            lead("+"),
                                            row(mo("("), mn1(), mo("−"), ti, mo(")")),
                                            fn("ln"),
                                            row(mo("("), mn1(), mo("−"), yi, mo(")")),
                                            mo("]")))),
                    loss));
        } else
            blocks.add(new Block(
                    "Loss",
                    general(List.of(math(
                            mi("E"),
                            mo("="),
                            frac("<mn>1</mn>", "<mn>2</mn>"),
                            "<munder><mo>∑</mo><mi>i</mi></munder>",
                            sup(
                                    row(mo("("), subSym(mi("t"), "i"), mo("−"), subSym(mi("y"), "i"), mo(")")),
                                    "<mn>2</mn>")))),
                    loss));

        // output delta
        List<Line> out = new ArrayList<>();
        if (tr != null && (ce || softmax)) {
            String value = result(lead("="), mn(tr.delta()[L][0], d(L, 0)));
            out.add(
                    ce
                            ? instance(
                                    value,
                                    List.of(math(
                                            layered("δ", L, "0"),
                                            mo("="),
                                            sub(mi("y"), "0"),
                                            mo("−"),
                                            sub(mi("t"), "0"))),
                                    List.of(math(lead("="), mn(tr.y()[0], a(L, 0)), mo("−"), factor(tr.t()[0], "t-0"))))
                            : instance(
                                    value,
                                    List.of(
                                            math(
                                                    layered("δ", L, "0"),
                                                    mo("="),
                                                    sub(mi("y"), "0"),
                                                    mo("("),
                                                    sub(mi("y"), "0"),
                                                    mo("−"),
                                                    sub(mi("t"), "0")),
                                            math(
                                                    lead("−"),
                                                    "<munder><mo>∑</mo><mi>j</mi></munder>",
                                                    row(
                                                            mo("("),
                                                            subSym(mi("y"), "j"),
                                                            mo("−"),
                                                            subSym(mi("t"), "j"),
                                                            mo(")")),
                                                    subSym(mi("y"), "j"),
                                                    mo(")")))));
        } else if (tr != null) {
            double fp = f[L - 1].df(tr.z()[L][0]);
            out.add(instance(
                    result(lead("="), mn(tr.delta()[L][0], d(L, 0))),
                    List.of(
                            math(
                                    layered("δ", L, "0"),
                                    mo("="),
                                    row(mo("("), sub(mi("y"), "0"), mo("−"), sub(mi("t"), "0"), mo(")"))),
                            math(lead("·"), derivName(f[L - 1], L))),
                    List.of(
                            math(
                                    lead("="),
                                    row(mo("("), mn(tr.y()[0], a(L, 0)), mo("−"), factor(tr.t()[0], "t-0"), mo(")"))),
                            math(lead("·"), factor(fp)))));
        }
        if (ce) {
            blocks.add(new Block(
                    "Output error: f′ cancels against the loss",
                    general(
                            List.of(math(
                                    layeredSym("δ", mi("L"), ""),
                                    mo("="),
                                    frac(row(mi("∂"), mi("E")), row(mi("∂"), layeredSym("z", mi("L"), ""))))),
                            List.of(math(lead("="), mi("y"), mo("−"), mi("t")))),
                    out));
        } else if (softmax) {
            blocks.add(new Block(
                    "Output error through the softmax",
                    general(List.of(
                            math(subSym(layeredSym("δ", mi("L"), ""), "i"), mo("="), yi, mo("("), yi, mo("−"), ti),
                            math(
                                    lead("−"),
                                    "<munder><mo>∑</mo><mi>j</mi></munder>",
                                    "<msub><mi>y</mi><mi>j</mi></msub>",
                                    row(
                                            mo("("),
                                            "<msub><mi>y</mi><mi>j</mi></msub>",
                                            mo("−"),
                                            "<msub><mi>t</mi><mi>j</mi></msub>",
                                            mo(")")),
                                    mo(")")))),
                    out));
        } else
            blocks.add(new Block(
                    "Output error",
                    general(
                            List.of(math(
                                    layeredSym("δ", mi("L"), ""),
                                    mo("="),
                                    frac(row(mi("∂"), mi("E")), row(mi("∂"), layeredSym("z", mi("L"), ""))))),
                            List.of(
                                    math(lead("="), row(mo("("), mi("y"), mo("−"), mi("t"), mo(")"))),
                                    math(lead("⊙"), fn("f′"), row(mo("("), layeredSym("z", mi("L"), ""), mo(")"))))),
                    out));

        // delta recursion
        List<Line> rec = new ArrayList<>();
        if (tr != null) {
            for (int l = L; l >= 2; l--) {
                List<String> terms = new ArrayList<>();
                int n = tr.delta()[l].length;
                for (int i = 0; i < Math.min(n, MAX_TERMS); i++) {
                    terms.add(
                            row(factor(tr.wBefore()[l][i][0], w(l, i, 0)), mo("·"), factor(tr.delta()[l][i], d(l, i))));
                }
                if (n > MAX_TERMS) terms.add(mo("⋯"));
                double fp = f[l - 2].df(tr.z()[l - 1][0]);
                List<String> lhs = new ArrayList<>(sum(layered("δ", l - 1, "0") + mo("=") + mo("("), terms, mo(")")));
                lhs.add(math(lead("·"), factor(fp)));
                rec.add(instance(result(lead("="), mn(tr.delta()[l - 1][0], d(l - 1, 0))), lhs));
            }
        }
        blocks.add(new Block(
                "Backward",
                general(List.of(
                        math(
                                layeredSym("δ", row(mi("l"), mo("−"), mn1()), ""),
                                mo("="),
                                row(
                                        mo("("),
                                        sup(layeredSym("W", mi("l"), ""), "<mi>T</mi>"),
                                        layeredSym("δ", mi("l"), ""),
                                        mo(")"))),
                        math(
                                lead("⊙"),
                                fn("f′"),
                                row(mo("("), layeredSym("z", row(mi("l"), mo("−"), mn1()), ""), mo(")"))))),
                rec));

        // gradient
        List<Line> grad = new ArrayList<>();
        if (tr != null) {
            for (int l = L; l >= 1; l--) {
                grad.add(instance(
                        result(lead("="), mn(tr.dW()[l][0][0], id(Kind.GW, l, 0, 0))),
                        List.of(math(
                                frac(row(mi("∂"), mi("E")), row(mi("∂"), layered("w", l, "00"))),
                                mo("="),
                                layered("δ", l, "0"),
                                l == 1 ? sub(mi("x"), "0") : layered("a", l - 1, "0"))),
                        List.of(
                                math(lead("="), factor(tr.delta()[l][0], d(l, 0))),
                                math(lead("·"), factor(tr.a()[l - 1][0], a(l - 1, 0))))));
            }
        }
        blocks.add(new Block(
                "Gradient",
                general(List.of(math(
                        frac(row(mi("∂"), mi("E")), row(mi("∂"), layeredSym("W", mi("l"), ""))),
                        mo("="),
                        layeredSym("δ", mi("l"), ""),
                        sup(layeredSym("a", row(mi("l"), mo("−"), mn1()), ""), "<mi>T</mi>")))),
                grad));

        // update
        List<Line> upd = new ArrayList<>();
        Optimizer opt = c.optimizer();
        Regularization reg = c.plainSgd() ? Regularization.NONE : c.regularization();
        if (tr != null && (opt != Optimizer.SGD || reg != Regularization.NONE)) {
            for (int l = L; l >= 1; l--) {
                double before = tr.wBefore()[l][0][0];
                String g = factor(tr.dW()[l][0][0], id(Kind.GW, l, 0, 0));
                String semi = mo(";");
                List<String> gLine = new ArrayList<>();
                gLine.add(math(sub(mi("g"), "00"), mo("="), g, reg == Regularization.NONE ? semi : ""));
                if (reg != Regularization.NONE) {
                    gLine.add(math(
                            lead("+"),
                            factor(c.regRate()),
                            mo("·"),
                            reg == Regularization.L2
                                    ? factor(before, w(l, 0, 0))
                                    : row(fn("sign"), row(mo("("), mn(before, w(l, 0, 0)), mo(")"))),
                            semi));
                }
                upd.add(instance(
                        result(lead("→"), tr.updated() ? mn(tr.wAfter()[l][0][0], w(l, 0, 0)) : mi("…")),
                        gLine,
                        List.of(math(layered("w", l, "00"), mo(":"), mn(before, w(l, 0, 0))))));
            }
        } else if (tr != null) {
            for (int l = L; l >= 1; l--) {
                upd.add(instance(
                        result(lead("="), tr.updated() ? mn(tr.wAfter()[l][0][0], w(l, 0, 0)) : mi("…")),
                        List.of(
                                math(layered("w", l, "00"), mo("←"), mn(tr.wBefore()[l][0][0], w(l, 0, 0))),
                                math(
                                        lead("−"),
                                        mn(tr.lr()),
                                        mo("·"),
                                        factor(tr.dW()[l][0][0], id(Kind.GW, l, 0, 0))))));
            }
        }
        blocks.add(updateBlock(opt, reg, upd));
        return new EquationsView(blocks);
    }

    /** The update rule of the optimiser, with the regularisation's term in the gradient g. */
    private static Block updateBlock(Optimizer opt, Regularization reg, List<Line> instances) {
        String W = layeredSym("W", mi("l"), "");
        String dE = frac(row(mi("∂"), mi("E")), row(mi("∂"), W));
        String title = "Update: " + opt.id() + (reg == Regularization.NONE ? "" : ", " + reg.id() + " regularisation");
        List<List<String>> groups = new ArrayList<>();
        if (reg != Regularization.NONE) {
            String penalty = reg == Regularization.L2
                    ? math(lead("+"), mi("λ"), W, mo(","))
                    : math(lead("+"), mi("λ"), fn("sign"), row(mo("("), W, mo(")")), mo(","));
            groups.add(List.of(math(mi("g"), mo("="), dE), penalty));
        }
        String gg = reg == Regularization.NONE ? dE : mi("g");
        switch (opt) {
            case SGD -> groups.add(List.of(math(W, mo("←"), W, mo("−"), mi("η"), gg)));
            case MOMENTUM -> {
                groups.add(List.of(math(mi("v"), mo("←"), constant(Optimizer.MU), mi("v"), mo("+"), gg, mo(","))));
                groups.add(List.of(math(W, mo("←"), W, mo("−"), mi("η"), mi("v"))));
            }
            case ADAM -> {
                groups.add(List.of(math(
                        mi("m"),
                        mo("←"),
                        constant(Optimizer.BETA1),
                        mi("m"),
                        mo("+"),
                        constant(1 - Optimizer.BETA1),
                        gg,
                        mo(","))));
                groups.add(List.of(math(
                        mi("v"),
                        mo("←"),
                        constant(Optimizer.BETA2),
                        mi("v"),
                        mo("+"),
                        constant(1 - Optimizer.BETA2),
                        sup(row(mo("("), gg, mo(")")), "<mn>2</mn>"),
                        mo(","))));
                String mHat = row(
                        mi("m"),
                        mo("/"),
                        row(mo("("), mn1(), mo("−"), sup(constant(Optimizer.BETA1), "<mi>t</mi>"), mo(")")));
                String vHat = row(
                        mi("v"),
                        mo("/"),
                        row(mo("("), mn1(), mo("−"), sup(constant(Optimizer.BETA2), "<mi>t</mi>"), mo(")")));
                groups.add(List.of(
                        math(W, mo("←"), W),
                        math(lead("−"), mi("η"), frac(mHat, row("<msqrt>", vHat, "</msqrt>", mo("+"), mi("ε"))))));
            }
        }
        List<Group> gs = new ArrayList<>();
        for (List<String> g : groups) gs.add(new Group(g, false));
        return new Block(title, new Line(gs), instances);
    }

    /** An optimiser's constant as people write it: 0.9, 0.001 (not 0.9000 or 0.0010). */
    private static String constant(double v) {
        return "<mn>"
                + new java.math.BigDecimal(v)
                        .round(new java.math.MathContext(6))
                        .stripTrailingZeros()
                        .toPlainString() + "</mn>";
    }

    // The data-ref ids of the tables' cells (see SampleView, WeightsView), for the numbers that stand for them. A
    // weight keeps its id whether the equation shows it before or after the update: the id names the weight.

    /** W^(l)_ij. */
    private static String w(int l, int i, int j) {
        return id(Kind.W, l, i, j);
    }

    /** a^(l)_i; a^(0) is the input x (and a^(L) the output y). */
    private static String a(int l, int i) {
        return CellId.activation(l, i).toString();
    }

    /** δ^(l)_i. */
    private static String d(int l, int i) {
        return id(Kind.D, l, i, 0);
    }

    private static String id(Kind kind, int l, int i, int j) {
        return kind.at(l, i, j).toString();
    }

    private static String mn1() {
        return "<mn>1</mn>";
    }

    /**
     * A sum as pieces: {@code head} (e.g. "z =", or "=" before the numbers) with the first term, then each further
     * term with its "+", {@code tail} (e.g. ")") after the last.
     */
    private static List<String> sum(String head, List<String> terms, String tail) {
        if (terms.isEmpty()) return List.of(math(head, tail));
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            String last = i == terms.size() - 1 ? tail : "";
            pieces.add(i == 0 ? math(head, terms.get(i), last) : math(lead("+"), terms.get(i), last));
        }
        return pieces;
    }

    /** An instance: its groups of pieces, then its result. */
    @SafeVarargs
    private static Line instance(String result, List<String>... groups) {
        List<Group> gs = new ArrayList<>();
        for (List<String> g : groups) gs.add(new Group(List.copyOf(g), false));
        gs.add(new Group(List.of(result), true));
        return new Line(gs);
    }

    /** An instance's result, one piece: "= value" (or "→ value"). */
    private static String result(String op, String value) {
        return math(op, value);
    }

    /** A general equation: its groups of pieces, no result. */
    @SafeVarargs
    private static Line general(List<String>... groups) {
        List<Group> gs = new ArrayList<>();
        for (List<String> g : groups) gs.add(new Group(List.copyOf(g), false));
        return new Line(gs);
    }

    private static String activationName(Activation f) {
        return switch (f) {
            case SIGMOID -> fn("σ");
            case TANH -> fn("tanh");
            case LINEAR -> fn("id");
            default -> fn(f.id());
        };
    }

    /** f'(z^(l)_0) written for the activation: a(1 − a) for sigmoid, 1 for linear. */
    private static String derivName(Activation f, int l) {
        return switch (f) {
            case SIGMOID -> row(layered("a", l, "0"), row(mo("("), mn1(), mo("−"), layered("a", l, "0"), mo(")")));
            case TANH -> row(mn1(), mo("−"), sup(layered("a", l, "0"), "<mn>2</mn>"));
            case LINEAR -> mn1();
            case SOFTMAX -> fn("softmax′");
            default -> row(fn(f.id() + "′"), row(mo("("), layered("z", l, "0"), mo(")")));
        };
    }
}
