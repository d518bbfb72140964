package playground.view;

import static playground.view.MathML.factor;
import static playground.view.MathML.fn;
import static playground.view.MathML.frac;
import static playground.view.MathML.layered;
import static playground.view.MathML.layeredSym;
import static playground.view.MathML.math;
import static playground.view.MathML.mi;
import static playground.view.MathML.mn;
import static playground.view.MathML.mo;
import static playground.view.MathML.row;
import static playground.view.MathML.sub;
import static playground.view.MathML.sup;

import java.util.ArrayList;
import java.util.List;
import playground.nn.Activation;
import playground.nn.Loss;
import playground.nn.Optimizer;
import playground.nn.Regularization;
import playground.nn.Trace;
import playground.training.Snapshot;

/**
 * The notebook's equations as MathML, each followed by the current sample's numbers put in (for unit 0 of each
 * layer, and weight w_00).
 */
public record EquationsView(List<Block> blocks) {
    /** A titled group: the general equation, then the same with numbers. */
    public record Block(String title, String general, List<String> instances) {}

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
        List<String> fwd = new ArrayList<>();
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
                    numbers.add(factor(tr.bBefore()[l][0], "b" + l + "-0"));
                }
                fwd.add(math(
                        layered("z", l, "0"),
                        mo("="),
                        joinPlus(terms),
                        mo("="),
                        joinPlus(numbers),
                        mo("="),
                        mn(tr.z()[l][0], "z" + l + "-0")));
                fwd.add(math(
                        layered("a", l, "0"),
                        mo("="),
                        activationName(f[l - 1]),
                        row(mo("("), mn(tr.z()[l][0], "z" + l + "-0"), mo(")")),
                        mo("="),
                        mn(tr.a()[l][0], a(l, 0))));
            }
        }
        String b = bias ? row(mo("+"), layeredSym("b", mi("l"), "")) : "";
        blocks.add(new Block(
                "Forward",
                math(
                        layeredSym("z", mi("l"), ""),
                        mo("="),
                        layeredSym("W", mi("l"), ""),
                        layeredSym("a", row(mi("l"), mo("−"), mn1()), ""),
                        b,
                        mo(","),
                        mo("\u2003"),
                        layeredSym("a", mi("l"), ""),
                        mo("="),
                        fn("f"),
                        row(mo("("), layeredSym("z", mi("l"), ""), mo(")"))),
                fwd));

        // loss
        boolean ce = c.loss() == Loss.CROSS_ENTROPY;
        boolean softmax = f[L - 1] == Activation.SOFTMAX;
        List<String> loss = new ArrayList<>();
        if (tr != null && ce) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < Math.min(tr.y().length, MAX_TERMS); i++) {
                String lnY = row(fn("ln"), factor(tr.y()[i], a(L, i)));
                parts.add(
                        softmax
                                ? row(factor(tr.t()[i], "t-" + i), lnY)
                                : row(
                                        factor(tr.t()[i], "t-" + i),
                                        lnY,
                                        mo("+"),
                                        row(mo("("), mn1(), mo("−"), factor(tr.t()[i], "t-" + i), mo(")")),
                                        fn("ln"),
                                        row(mo("("), mn1(), mo("−"), factor(tr.y()[i], a(L, i)), mo(")"))));
            }
            if (tr.y().length > MAX_TERMS) parts.add(mo("⋯"));
            loss.add(math(
                    mi("E"), mo("="), mo("−"), row(mo("["), joinPlus(parts), mo("]")), mo("="), mn(tr.loss(), "E")));
        } else if (tr != null) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < Math.min(tr.y().length, MAX_TERMS); i++) {
                parts.add(sup(
                        row(mo("("), mn(tr.t()[i], "t-" + i), mo("−"), factor(tr.y()[i], a(L, i)), mo(")")),
                        "<mn>2</mn>"));
            }
            if (tr.y().length > MAX_TERMS) parts.add(mo("⋯"));
            loss.add(math(
                    mi("E"),
                    mo("="),
                    frac("<mn>1</mn>", "<mn>2</mn>"),
                    row(joinPlus(parts)),
                    mo("="),
                    mn(tr.loss(), "E")));
        }
        String ti = sub(mi("t"), "i").replace("<mn>i</mn>", "<mi>i</mi>");
        String yi = sub(mi("y"), "i").replace("<mn>i</mn>", "<mi>i</mi>");
        String sum = "<munder><mo>∑</mo><mi>i</mi></munder>";
        if (ce) {
            blocks.add(new Block(
                    softmax ? "Loss: cross-entropy over the softmax" : "Loss: cross-entropy, one yes/no per output",
                    softmax
                            ? math(mi("E"), mo("="), mo("−"), sum, ti, fn("ln"), yi)
                            : math(
                                    mi("E"),
                                    mo("="),
                                    mo("−"),
                                    sum,
                                    row(
                                            mo("["),
                                            ti,
                                            fn("ln"),
                                            yi,
                                            mo("+"),
                                            row(mo("("), mn1(), mo("−"), ti, mo(")")),
                                            fn("ln"),
                                            row(mo("("), mn1(), mo("−"), yi, mo(")")),
                                            mo("]"))),
                    loss));
        } else
            blocks.add(new Block(
                    "Loss",
                    math(
                            mi("E"),
                            mo("="),
                            frac("<mn>1</mn>", "<mn>2</mn>"),
                            "<munder><mo>∑</mo><mi>i</mi></munder>",
                            sup(
                                    row(
                                            mo("("),
                                            sub(mi("t"), "i").replace("<mn>i</mn>", "<mi>i</mi>"),
                                            mo("−"),
                                            sub(mi("y"), "i").replace("<mn>i</mn>", "<mi>i</mi>"),
                                            mo(")")),
                                    "<mn>2</mn>")),
                    loss));

        // output delta
        List<String> out = new ArrayList<>();
        if (tr != null && (ce || softmax)) {
            out.add(
                    ce
                            ? math(
                                    layered("δ", L, "0"),
                                    mo("="),
                                    sub(mi("y"), "0"),
                                    mo("−"),
                                    sub(mi("t"), "0"),
                                    mo("="),
                                    mn(tr.y()[0], a(L, 0)),
                                    mo("−"),
                                    factor(tr.t()[0], "t-0"),
                                    mo("="),
                                    mn(tr.delta()[L][0], d(L, 0)))
                            : math(
                                    layered("δ", L, "0"),
                                    mo("="),
                                    sub(mi("y"), "0"),
                                    row(
                                            mo("("),
                                            sub(mi("y"), "0"),
                                            mo("−"),
                                            sub(mi("t"), "0"),
                                            mo("−"),
                                            "<munder><mo>∑</mo><mi>j</mi></munder>",
                                            row(mo("("), mi("y"), mo("−"), mi("t"), mo(")"))
                                                    .replace("<mi>y</mi>", "<msub><mi>y</mi><mi>j</mi></msub>")
                                                    .replace("<mi>t</mi>", "<msub><mi>t</mi><mi>j</mi></msub>"),
                                            "<msub><mi>y</mi><mi>j</mi></msub>",
                                            mo(")")),
                                    mo("="),
                                    mn(tr.delta()[L][0], d(L, 0))));
        } else if (tr != null) {
            double fp = f[L - 1].df(tr.z()[L][0], tr.a()[L][0]);
            out.add(math(
                    layered("δ", L, "0"),
                    mo("="),
                    row(mo("("), sub(mi("y"), "0"), mo("−"), sub(mi("t"), "0"), mo(")")),
                    mo("·"),
                    derivName(f[L - 1], L),
                    mo("="),
                    row(mo("("), mn(tr.y()[0], a(L, 0)), mo("−"), factor(tr.t()[0], "t-0"), mo(")")),
                    mo("·"),
                    factor(fp),
                    mo("="),
                    mn(tr.delta()[L][0], d(L, 0))));
        }
        if (ce) {
            blocks.add(new Block(
                    "Output error: f′ cancels against the loss",
                    math(
                            layeredSym("δ", mi("L"), ""),
                            mo("="),
                            frac(row(mi("∂"), mi("E")), row(mi("∂"), layeredSym("z", mi("L"), ""))),
                            mo("="),
                            mi("y"),
                            mo("−"),
                            mi("t")),
                    out));
        } else if (softmax) {
            blocks.add(new Block(
                    "Output error through the softmax",
                    math(
                            sub(layeredSym("δ", mi("L"), ""), "i").replace("<mn>i</mn>", "<mi>i</mi>"),
                            mo("="),
                            yi,
                            row(
                                    mo("("),
                                    yi,
                                    mo("−"),
                                    ti,
                                    mo("−"),
                                    "<munder><mo>∑</mo><mi>j</mi></munder>",
                                    "<msub><mi>y</mi><mi>j</mi></msub>",
                                    row(
                                            mo("("),
                                            "<msub><mi>y</mi><mi>j</mi></msub>",
                                            mo("−"),
                                            "<msub><mi>t</mi><mi>j</mi></msub>",
                                            mo(")")),
                                    mo(")"))),
                    out));
        } else
            blocks.add(new Block(
                    "Output error",
                    math(
                            layeredSym("δ", mi("L"), ""),
                            mo("="),
                            frac(row(mi("∂"), mi("E")), row(mi("∂"), layeredSym("z", mi("L"), ""))),
                            mo("="),
                            row(mo("("), mi("y"), mo("−"), mi("t"), mo(")")),
                            mo("⊙"),
                            fn("f′"),
                            row(mo("("), layeredSym("z", mi("L"), ""), mo(")"))),
                    out));

        // delta recursion
        List<String> rec = new ArrayList<>();
        if (tr != null) {
            for (int l = L; l >= 2; l--) {
                List<String> terms = new ArrayList<>();
                int n = tr.delta()[l].length;
                for (int i = 0; i < Math.min(n, MAX_TERMS); i++) {
                    terms.add(
                            row(factor(tr.wBefore()[l][i][0], w(l, i, 0)), mo("·"), factor(tr.delta()[l][i], d(l, i))));
                }
                if (n > MAX_TERMS) terms.add(mo("⋯"));
                double fp = f[l - 2].df(tr.z()[l - 1][0], tr.a()[l - 1][0]);
                rec.add(math(
                        layered("δ", l - 1, "0"),
                        mo("="),
                        row(mo("("), joinPlus(terms), mo(")")),
                        mo("·"),
                        factor(fp),
                        mo("="),
                        mn(tr.delta()[l - 1][0], d(l - 1, 0))));
            }
        }
        blocks.add(new Block(
                "Backward",
                math(
                        layeredSym("δ", row(mi("l"), mo("−"), mn1()), ""),
                        mo("="),
                        row(
                                mo("("),
                                sup(layeredSym("W", mi("l"), ""), "<mi>T</mi>"),
                                layeredSym("δ", mi("l"), ""),
                                mo(")")),
                        mo("⊙"),
                        fn("f′"),
                        row(mo("("), layeredSym("z", row(mi("l"), mo("−"), mn1()), ""), mo(")"))),
                rec));

        // gradient
        List<String> grad = new ArrayList<>();
        if (tr != null) {
            for (int l = L; l >= 1; l--) {
                grad.add(math(
                        frac(row(mi("∂"), mi("E")), row(mi("∂"), layered("w", l, "00"))),
                        mo("="),
                        layered("δ", l, "0"),
                        l == 1 ? sub(mi("x"), "0") : layered("a", l - 1, "0"),
                        mo("="),
                        factor(tr.delta()[l][0], d(l, 0)),
                        mo("·"),
                        factor(tr.a()[l - 1][0], a(l - 1, 0)),
                        mo("="),
                        mn(tr.dW()[l][0][0], "gW" + l + "-0-0")));
            }
        }
        blocks.add(new Block(
                "Gradient",
                math(
                        frac(row(mi("∂"), mi("E")), row(mi("∂"), layeredSym("W", mi("l"), ""))),
                        mo("="),
                        layeredSym("δ", mi("l"), ""),
                        sup(layeredSym("a", row(mi("l"), mo("−"), mn1()), ""), "<mi>T</mi>")),
                grad));

        // update
        List<String> upd = new ArrayList<>();
        Optimizer opt = c.optimizer();
        Regularization reg = c.plainSgd() ? Regularization.NONE : c.regularization();
        if (tr != null && (opt != Optimizer.SGD || reg != Regularization.NONE)) {
            for (int l = L; l >= 1; l--) {
                double before = tr.wBefore()[l][0][0];
                String g = factor(tr.dW()[l][0][0], "gW" + l + "-0-0");
                if (reg != Regularization.NONE) {
                    g = row(
                            g,
                            mo("+"),
                            factor(c.regRate()),
                            mo("·"),
                            reg == Regularization.L2
                                    ? factor(before, w(l, 0, 0))
                                    : row(fn("sign"), row(mo("("), mn(before, w(l, 0, 0)), mo(")"))));
                }
                upd.add(math(
                        sub(mi("g"), "00"),
                        mo("="),
                        g,
                        mo(";"),
                        mo("\u2003"),
                        layered("w", l, "00"),
                        mo(":"),
                        mn(before, w(l, 0, 0)),
                        mo("→"),
                        tr.updated() ? mn(tr.wAfter()[l][0][0], w(l, 0, 0)) : mi("…")));
            }
        } else if (tr != null) {
            for (int l = L; l >= 1; l--) {
                upd.add(math(
                        layered("w", l, "00"),
                        mo("←"),
                        mn(tr.wBefore()[l][0][0], w(l, 0, 0)),
                        mo("−"),
                        mn(tr.lr()),
                        mo("·"),
                        factor(tr.dW()[l][0][0], "gW" + l + "-0-0"),
                        mo("="),
                        tr.updated() ? mn(tr.wAfter()[l][0][0], w(l, 0, 0)) : mi("…")));
            }
        }
        blocks.add(updateBlock(opt, reg, upd));
        return new EquationsView(blocks);
    }

    /** The update rule of the optimiser, with the regularisation's term in the gradient g. */
    private static Block updateBlock(Optimizer opt, Regularization reg, List<String> instances) {
        String W = layeredSym("W", mi("l"), "");
        String dE = frac(row(mi("∂"), mi("E")), row(mi("∂"), W));
        String g = switch (reg) {
            case NONE -> dE;
            case L2 -> row(dE, mo("+"), mi("λ"), W);
            case L1 -> row(dE, mo("+"), mi("λ"), fn("sign"), row(mo("("), W, mo(")")));
        };
        String title = "Update: " + opt.id() + (reg == Regularization.NONE ? "" : ", " + reg.id() + " regularisation");
        String gDef = reg == Regularization.NONE ? "" : row(mi("g"), mo("="), g, mo(","), mo("\u2003"));
        String gg = reg == Regularization.NONE ? dE : mi("g");
        String rule = switch (opt) {
            case SGD ->
                reg == Regularization.NONE
                        ? math(W, mo("←"), W, mo("−"), mi("η"), dE)
                        : math(gDef, W, mo("←"), W, mo("−"), mi("η"), mi("g"));
            case MOMENTUM ->
                math(
                        gDef,
                        mi("v"),
                        mo("←"),
                        constant(Optimizer.MU),
                        mi("v"),
                        mo("+"),
                        gg,
                        mo(","),
                        mo("\u2003"),
                        W,
                        mo("←"),
                        W,
                        mo("−"),
                        mi("η"),
                        mi("v"));
            case ADAM ->
                math(
                        gDef,
                        mi("m"),
                        mo("←"),
                        constant(Optimizer.BETA1),
                        mi("m"),
                        mo("+"),
                        constant(1 - Optimizer.BETA1),
                        gg,
                        mo(","),
                        mo("\u2003"),
                        mi("v"),
                        mo("←"),
                        constant(Optimizer.BETA2),
                        mi("v"),
                        mo("+"),
                        constant(1 - Optimizer.BETA2),
                        sup(row(mo("("), gg, mo(")")), "<mn>2</mn>"),
                        mo(","),
                        mo("\u2003"),
                        W,
                        mo("←"),
                        W,
                        mo("−"),
                        mi("η"),
                        frac(
                                row(
                                        mi("m"),
                                        mo("/"),
                                        row(
                                                mo("("),
                                                mn1(),
                                                mo("−"),
                                                sup(constant(Optimizer.BETA1), "<mi>t</mi>"),
                                                mo(")"))),
                                row(
                                        "<msqrt>",
                                        mi("v"),
                                        mo("/"),
                                        row(
                                                mo("("),
                                                mn1(),
                                                mo("−"),
                                                sup(constant(Optimizer.BETA2), "<mi>t</mi>"),
                                                mo(")")),
                                        "</msqrt>",
                                        mo("+"),
                                        mi("ε"))));
        };
        return new Block(title, rule, instances);
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
        return "W" + l + "-" + i + "-" + j;
    }

    /** a^(l)_i; a^(0) is the input x (and a^(L) the output y). */
    private static String a(int l, int i) {
        return l == 0 ? "x-" + i : "a" + l + "-" + i;
    }

    /** δ^(l)_i. */
    private static String d(int l, int i) {
        return "d" + l + "-" + i;
    }

    private static String mn1() {
        return "<mn>1</mn>";
    }

    private static String joinPlus(List<String> terms) {
        return row(String.join(mo("+"), terms));
    }

    private static String activationName(Activation f) {
        return switch (f) {
            case SIGMOID -> fn("σ");
            case TANH -> fn("tanh");
            case RELU -> fn("relu");
            case LINEAR -> fn("id");
            case SOFTMAX -> fn("softmax");
        };
    }

    /** f'(z^(l)_0) written for the activation: a(1 − a) for sigmoid, 1 for linear. */
    private static String derivName(Activation f, int l) {
        return switch (f) {
            case SIGMOID -> row(layered("a", l, "0"), row(mo("("), mn1(), mo("−"), layered("a", l, "0"), mo(")")));
            case TANH -> row(mn1(), mo("−"), sup(layered("a", l, "0"), "<mn>2</mn>"));
            case RELU -> row(fn("relu′"), row(mo("("), layered("z", l, "0"), mo(")")));
            case LINEAR -> mn1();
            case SOFTMAX -> fn("softmax′");
        };
    }
}
