package playground.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import playground.data.SplitMix64;

class NetworkTest {
    @Test
    void sizesOutsideTheLimitsAreRefusedNamingTheLimit() {
        var tooWide = assertThrows(IllegalArgumentException.class, () -> Network.checkSizes(new int[] {2, 257, 2}));
        assertTrue(tooWide.getMessage().contains("1 to 256 wide"), tooWide.getMessage());
        var zero = assertThrows(IllegalArgumentException.class, () -> Network.checkSizes(new int[] {2, 0, 2}));
        assertTrue(zero.getMessage().contains("1 to 256 wide"));
        var deep = assertThrows(IllegalArgumentException.class, () -> Network.checkSizes(new int[11]));
        assertTrue(deep.getMessage().contains("1 to 9 weight layers"), deep.getMessage());
        var shallow = assertThrows(IllegalArgumentException.class, () -> Network.checkSizes(new int[] {2}));
        assertTrue(shallow.getMessage().contains("1 to 9 weight layers"));
        Network.checkSizes(new int[] {256, 1, 1, 1, 1, 1, 1, 1, 1, 256});
    }

    @Test
    void initialisationFollowsTheSchemeAndTheSeed() {
        Network a = new Network(new int[] {2, 40, 3}, Network.defaultActivations(2), true);
        a.initialize(Init.XAVIER, new SplitMix64(7));
        double r1 = Math.sqrt(6.0 / 42);
        double min = 1, max = -1;
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 2; j++) {
                min = Math.min(min, a.w(1, i, j));
                max = Math.max(max, a.w(1, i, j));
            }
            assertEquals(0.0, a.b(1, i));
        }
        assertTrue(min >= -r1 && max < r1 && min < 0 && max > 0, min + ".." + max);
        Network b = new Network(new int[] {2, 40, 3}, Network.defaultActivations(2), true);
        b.initialize(Init.XAVIER, new SplitMix64(7));
        assertTrue(a.sameWeights(b));
        b.initialize(Init.XAVIER, new SplitMix64(8));
        assertFalse(a.sameWeights(b));

        Network u = new Network(new int[] {2, 40, 3}, Network.defaultActivations(2), false);
        u.initialize(Init.UNIFORM, new SplitMix64(7));
        for (int i = 0; i < 40; i++) assertTrue(u.w(1, i, 0) >= 0 && u.w(1, i, 0) < 1);
    }

    @Test
    void theDefaultIsTheNotebooksNetwork() {
        Activation[] acts = Network.defaultActivations(3);
        assertEquals(Activation.SIGMOID, acts[0]);
        assertEquals(Activation.SIGMOID, acts[1]);
        assertEquals(Activation.LINEAR, acts[2]);
    }

    @Test
    void withoutBiasesTheBiasesStayZero() {
        Network net = Nets.random(new int[] {2, 3, 2}, Activation.SIGMOID, Activation.LINEAR, false, 1);
        Backprop.step(net, new double[] {1, 2}, new double[] {3, 4}, 0.5);
        new Sgd(net).trainSample(new double[] {1, 2}, new double[] {3, 4}, 0, 0.5);
        for (int l = 1; l <= 2; l++) for (double b : net.biases(l)) assertEquals(0.0, b);
        assertThrows(IllegalStateException.class, () -> net.setB(1, 0, 1.0));
    }
}
