package playground.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Sgd#preview} is the step training then takes, to the bit, for every optimiser, regularisation, loss and batch
 * size, and changes nothing: neither the weights nor the optimiser's state (a run with previews between its steps ends
 * exactly where one without them does).
 */
class PreviewTest {
    @Test
    void thePreviewIsTheStepToTheBitAndChangesNothing() {
        int[] shape = {3, 5, 2};
        int count = 12;
        double[] xs = SgdTest.randomData(count, shape[0], 5);
        int cases = 0;
        for (Optimizer opt : Optimizer.values()) {
            for (Regularization reg : Regularization.values()) {
                for (Loss loss : Loss.values()) {
                    Activation out = loss == Loss.CROSS_ENTROPY ? Activation.SOFTMAX : Activation.LINEAR;
                    double[] ts = new double[count * 2];
                    for (int s = 0; s < count; s++) {
                        double[] t = Nets.target(2, loss, out, 100 + s);
                        System.arraycopy(t, 0, ts, 2 * s, 2);
                    }
                    for (int batch : new int[] {1, 4}) {
                        Network net = Nets.random(shape, Activation.TANH, out, true, loss, 3);
                        Network control = net.copy();
                        Sgd sgd = new Sgd(net, batch, new Updater(net, opt, reg, 0.01));
                        Sgd plain = new Sgd(control, batch, new Updater(control, opt, reg, 0.01));
                        int[] order = new int[count];
                        for (int i = 0; i < count; i++) order[i] = (i * 5) % count;
                        String what = opt.id() + "/" + reg.id() + "/" + loss.id() + "/batch " + batch;
                        for (int from = 0; from < count; from += batch) {
                            Network preview = sgd.preview(xs, ts, order, from, batch, 0.3, batch == 1);
                            sgd.step(xs, ts, order, from, batch, 0.3, batch == 1);
                            plain.step(xs, ts, order, from, batch, 0.3, batch == 1);
                            assertTrue(preview.sameWeights(net), what + ": preview before step at " + from);
                            assertTrue(net.sameWeights(control), what + ": a preview changed the run at " + from);
                        }
                        cases++;
                    }
                }
            }
        }
        assertTrue(cases == 36, "cases " + cases);
    }

    @Test
    void theUpdatersCopyHasItsOwnState() {
        Network net = Nets.random(new int[] {2, 3, 1}, Activation.SIGMOID, Activation.LINEAR, true, 1);
        Updater u = new Updater(net, Optimizer.ADAM, Regularization.L2, 0.1);
        double[] w = {0.5, -0.25}, g = {0.1, 0.2};
        u.begin();
        u.layer(1, w, g.clone(), null, null, 0.1);
        Updater c = u.copy();
        double[] w1 = w.clone(), w2 = w.clone();
        c.begin();
        c.layer(1, w1, g.clone(), null, null, 0.1);
        u.begin();
        u.layer(1, w2, g.clone(), null, null, 0.1);
        assertTrue(java.util.Arrays.equals(w1, w2), "the copy steps as the original does");
        assertTrue(c.steps() == 2 && u.steps() == 2, "each counts its own steps");
    }
}
