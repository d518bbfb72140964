package playground.view;

import java.util.ArrayList;
import java.util.List;
import playground.data.DatasetKind;
import playground.data.SplitMix64;
import playground.nn.Backprop;
import playground.nn.GradientCheck;
import playground.nn.Network;
import playground.nn.NotebookAsWritten;
import playground.nn.Trace;

/**
 * "The notebook as written": its worked example computed its own way, bugs included, beside the correct numbers,
 * with where they part and why.
 */
public record NotebookView(
        List<Row> rows,
        List<Mistake> mistakes,
        String notebookCheck,
        String correctCheck,
        List<String> loopLosses,
        double lr) {

    /** One quantity: the notebook's value, the correct one, and the mistake that makes them differ ("" if none). */
    public record Row(String symbol, int layer, String notebook, String correct, boolean differs, String mistake) {}

    public record Mistake(String id, String title, String text) {}

    public static final List<Mistake> MISTAKES = List.of(
            new Mistake(
                    "sign",
                    "1. The sign of ∂E/∂y",
                    "With E = ½ Σ (tᵢ − yᵢ)², ∂E/∂yᵢ = −(tᵢ − yᵢ) = yᵢ − tᵢ. The notebook writes delta = −y + t, "
                            + "which is t − y: every gradient it builds on it points uphill. Its own comment, "
                            + "\"with '−' exploding gradients, there must exist some error\", was right: this was it."),
            new Mistake(
                    "z",
                    "2. z instead of a feeding layer 2",
                    "z_l2 = W_l2 @ z_l1 skips the sigmoid: layer 2 must see a⁽¹⁾ = σ(z⁽¹⁾), not z⁽¹⁾. That is why "
                            + "its y is (7.346, 6.583) and E = 21.18 where the network it describes gives y = "
                            + "(2.225, 2.022) and E = 2.097. Its backward pass then uses a⁽¹⁾, so its gradients are "
                            + "not even the gradients of the loss it computed: a gradient check flags them."),
            new Mistake(
                    "signs",
                    "3. The two layers updated with opposite signs",
                    "W_l1 = W_l1 + mu·grad but W_l2 = W_l2 − mu·grad. With mistake 1's sign, that sends layer 1 "
                            + "downhill and layer 2 uphill. Both must be W ← W − η·∂E/∂W. (The \"w_l2 new\" it "
                            + "printed is W + mu·grad: that cell was last run with a +, as notebooks run out of "
                            + "order.)"),
            new Mistake(
                    "loop",
                    "4. The training loop",
                    "forward() draws a new random target t = randint(5) for every loss it returns, so the loss it "
                            + "prints measures noise, not 300·exp(sin x); and backward() uses the global x = (1, 3) "
                            + "and t = (4, 1) of the worked example, never the sample's. The network never sees its "
                            + "data, and the printed loss cannot fall: see its first epochs below."));

    public static NotebookView of(double lr) {
        double[] x = {1, 3};
        double[] t = {4, 1};
        NotebookAsWritten.Step nb =
                NotebookAsWritten.workedExample(DatasetKind.NOTEBOOK_W1, DatasetKind.NOTEBOOK_W2, x, t, lr);
        Network net = new Network(new int[] {2, 3, 2}, Network.defaultActivations(2), false);
        net.setWeights(1, DatasetKind.NOTEBOOK_W1);
        net.setWeights(2, DatasetKind.NOTEBOOK_W2);
        Network probe = net.copy();
        Trace ok = Backprop.step(net, x, t, lr);
        List<Row> rows = new ArrayList<>();
        rows.add(row("z", 1, nb.z1(), ok.z()[1], ""));
        rows.add(row("a", 1, nb.a1(), ok.a()[1], ""));
        rows.add(row("y", 0, nb.y(), ok.y(), "z"));
        rows.add(new Row(
                "E",
                0,
                Num.sig(nb.loss(), Cell.DIGITS),
                Num.sig(ok.loss(), Cell.DIGITS),
                differs(nb.loss(), ok.loss()),
                "z"));
        rows.add(row("δ", 2, nb.delta2(), ok.delta()[2], "sign"));
        rows.add(row("∂E/∂W", 2, nb.dW2()[0], ok.dW()[2][0], "sign"));
        rows.add(row("δ", 1, nb.delta1(), ok.delta()[1], "sign"));
        rows.add(row("∂E/∂W", 1, nb.dW1()[0], ok.dW()[1][0], "sign"));
        rows.add(row("W after", 1, nb.w1After()[0], ok.wAfter()[1][0], "signs"));
        rows.add(row("W after", 2, nb.w2After()[0], ok.wAfter()[2][0], "signs"));
        double nbCheck = NotebookAsWritten.gradientCheck(DatasetKind.NOTEBOOK_W1, DatasetKind.NOTEBOOK_W2, x, t);
        double okCheck = GradientCheck.check(probe, x, t).maxRelativeError();

        SplitMix64 rng = new SplitMix64(1);
        int count = 1000;
        double[] xs = new double[2 * count];
        for (int i = 0; i < xs.length; i++) xs[i] = rng.nextDouble();
        double[] loop = NotebookAsWritten.trainingLoop(
                DatasetKind.NOTEBOOK_W1, DatasetKind.NOTEBOOK_W2, xs, count, x, t, 0.001, 5, new SplitMix64(2));
        List<String> losses = new ArrayList<>();
        for (double l : loop) losses.add(Num.compact(l));
        return new NotebookView(rows, MISTAKES, Num.compact(nbCheck), Num.compact(okCheck), losses, lr);
    }

    private static Row row(String symbol, int layer, double[] nb, double[] ok, String mistake) {
        boolean d = false;
        for (int i = 0; i < nb.length; i++) d |= differs(nb[i], ok[i]);
        return new Row(symbol, layer, vec(nb), vec(ok), d, d ? mistake : "");
    }

    private static boolean differs(double a, double b) {
        return Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(b));
    }

    private static String vec(double[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ", ").append(Num.sig(v[i], Cell.DIGITS));
        return sb.append(')').toString();
    }
}
