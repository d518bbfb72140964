package playground.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import playground.training.Config;
import playground.training.Runs;
import playground.training.Snapshot;
import playground.training.Speed;
import playground.view.WeightsView;

/**
 * The budget of the weights fragment once big matrices are pictures (MatrixView.Picture): its bytes, and its render
 * time against a control of the same kind, a fragment of tables only (2-12-12-1), measured in turn in the same test.
 */
class MatrixBudgetTest {

    static Snapshot stepped(Runs runs, String dataset, String layers) {
        var run = runs.create("budget", Config.parse(Map.of("dataset", dataset, "layers", layers)), Speed.MAX, null);
        run.step();
        return run.step();
    }

    static int bytes(Templates t, Snapshot s) {
        return t.render("weights.jte", WeightsView.of(s)).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The median time of rendering the fragment, in ms. */
    static double[] times(Templates t, Snapshot[] shots, int rounds) {
        double[][] ms = new double[shots.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < shots.length; k++) {
                long t0 = System.nanoTime();
                t.render("weights.jte", WeightsView.of(shots[k]));
                ms[k][r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        double[] median = new double[shots.length];
        for (int k = 0; k < shots.length; k++) {
            Arrays.sort(ms[k]);
            median[k] = ms[k][rounds / 2];
        }
        return median;
    }

    @Test
    void theWeightsOfBigNetworksStaySmallAndQuick() {
        Templates templates = Templates.create();
        try (Runs runs = new Runs(Runs.Limits.defaults())) {
            Snapshot control = stepped(runs, "xor", "2,12,12,1");
            Snapshot mid = stepped(runs, "exp-sin", "2,64,64,2");
            Snapshot big = stepped(runs, "xor", "2,256,256,256,1");
            int controlBytes = bytes(templates, control);
            int midBytes = bytes(templates, mid);
            int bigBytes = bytes(templates, big);
            Snapshot[] shots = {control, mid, big};
            times(templates, shots, 20); // warm up
            double[] ms = times(templates, shots, 41);
            System.out.printf(
                    "weights fragment: 2-12-12-1 (tables, control) %d B %.2f ms; 2-64-64-2 %d B %.2f ms;"
                            + " 2-256-256-256-1 %d B %.2f ms%n",
                    controlBytes, ms[0], midBytes, ms[1], bigBytes, ms[2]);
            // W^(2) of 2-64-64-2 is a 64 × 64 picture (the 16 × 16 cells it replaced were 33 kB)
            assertTrue(midBytes < 20_000, "2-64-64-2: " + midBytes + " B");
            // two whole 256 × 256 pictures, 256 × 2 and the biases: at most ~4 bits a number, base64-coded
            assertTrue(bigBytes < 110_000, "2-256-256-256-1: " + bigBytes + " B");
            // 131 000 numbers drawn (two 256 × 256 PNGs at ~3 ms each) cost a few dozen tables of the
            // control's ~200 cells (131 072 numbers as cells would take hundreds of ms); a busy machine stretches both
            assertTrue(ms[2] < 40 * ms[0] + 15, "2-256-256-256-1: " + ms[2] + " ms vs control " + ms[0] + " ms");
            assertTrue(ms[1] < 6 * ms[0] + 3, "2-64-64-2: " + ms[1] + " ms vs control " + ms[0] + " ms");
        }
    }
}
