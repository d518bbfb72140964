package playground.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import playground.nn.Network;

/**
 * Two runs in {@link Lockstep}: at every moment both are within one frame's samples of each other, whatever the pace
 * and however unequal their work per sample, and neither is ever stuck by the other.
 */
class LockstepTest {
    /** Samples into the run, as its snapshot says. */
    static long at(Run r) {
        Snapshot s = r.snapshot();
        return (long) s.epoch() * s.trainCount() + s.sample();
    }

    /**
     * A's network is 16 times B's work a sample (2-64-64-1 against 2-4-1), so unbound B would run far ahead at full
     * speed; in lockstep the gap stays within one frame's samples at every look, and both finish.
     */
    @Test
    void unequalRunsStayTogetherAtFullSpeedAndPaced() throws Exception {
        for (Speed speed : List.of(Speed.MAX, Speed.parse("20e"), Speed.AUTO)) {
            try (Runs runs = new Runs(Runs.Limits.defaults(), 1)) {
                Config ca = RunsTest.cfg("dataset", "xor", "layers", "2,64,64,1", "epochs", "40");
                Config cb = RunsTest.cfg("dataset", "xor", "layers", "2,4,1", "epochs", "40");
                Run a = runs.create("s", ca, speed, null);
                Run b = runs.create("s", cb, speed, null);
                Lockstep.pair(a, b);
                // the control: the same two runs unbound, at full speed, part far apart
                b.start();
                a.start();
                long maxGap = 0;
                List<String> seen = new ArrayList<>();
                long deadline = System.nanoTime() + 60_000_000_000L;
                while ((a.isRunning() || b.isRunning()) && System.nanoTime() < deadline) {
                    boolean both = a.isRunning() && b.isRunning();
                    long ga = a.progress(), gb = b.progress();
                    long gap = Math.abs(ga - gb);
                    long slack = Math.max(
                            Lockstep.slack(a.snapshot(), b.snapshot()), Lockstep.slack(b.snapshot(), a.snapshot()));
                    if (gap > maxGap) {
                        maxGap = gap;
                        seen.add(ga + "/" + gb + " (slack " + slack + ")");
                    }
                    // a look between the two trainers' slices: each may be ahead by its slack, plus one slice's
                    // samples of the other in flight
                    // (once one is done, its rate reads 0 and the other goes on alone to the end)
                    assertTrue(
                            !both || gap <= 2 * slack + 1,
                            speed.id() + ": A at " + ga + ", B at " + gb + ", slack " + slack);
                    Thread.sleep(2);
                }
                System.out.println("lockstep " + speed.id() + ": largest gap " + maxGap + " " + seen);
                assertEquals(RunState.DONE, a.snapshot().state(), "A finished");
                assertEquals(RunState.DONE, b.snapshot().state(), "B finished");
                assertEquals(at(a), at(b));
            }
        }
    }

    /** A partner that is paused holds nothing back: the other trains on alone (and is not stuck). */
    @Test
    void aPausedPartnerHoldsNothingBack() throws Exception {
        try (Runs runs = new Runs(Runs.Limits.defaults(), 1)) {
            Config c = RunsTest.cfg("dataset", "xor", "epochs", "5");
            Run a = runs.create("s", c, Speed.MAX, null);
            Run b = runs.create("s", c, Speed.MAX, null);
            Lockstep.pair(a, b);
            b.step();
            a.start();
            RunsTest.await(() -> a.snapshot().state() == RunState.DONE, "A done alone");
            assertEquals(1, at(b));
        }
    }

    /** B with other hidden layers starts from A's weights where the shapes match, and from the seed elsewhere. */
    @Test
    void bStartsFromAsWeightsWhereTheShapesMatch() {
        Config a = RunsTest.cfg("dataset", "xor", "layers", "2,4,2,1");
        Config b = RunsTest.cfg("dataset", "xor", "layers", "2,4,3,1", "lr", "0.3");
        Network wa = Training.start(a, null);
        Network wb = Lockstep.startOfB(a, null, b);
        assertNotNull(wb);
        assertEquals(java.util.Arrays.deepToString(wa.weights(1)), java.util.Arrays.deepToString(wb.weights(1)));
        assertEquals(java.util.Arrays.toString(wa.biases(1)), java.util.Arrays.toString(wb.biases(1)));
        // layers 2 and 3 have other shapes: B's own, as its seed draws them
        Network own = Training.start(b, null);
        assertEquals(java.util.Arrays.deepToString(own.weights(2)), java.util.Arrays.deepToString(wb.weights(2)));
        // the same layers and seed: B's seed gives A's weights anyway, so nothing is given
        assertNull(Lockstep.startOfB(a, null, RunsTest.cfg("dataset", "xor", "layers", "2,4,2,1", "lr", "0.3")));
        // another seed: B draws its own
        assertNull(Lockstep.startOfB(a, null, RunsTest.cfg("dataset", "xor", "layers", "2,4,3,1", "seed", "7")));
    }
}
