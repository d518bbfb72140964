package playground.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import playground.nn.Trace;
import playground.training.Config;
import playground.training.Moment;
import playground.training.Training;

/** Phase by phase, the equations put in only the numbers the phase has reached. */
class EquationsPhaseTest {
    static int[] instances(EquationsView v) {
        return v.blocks().stream().mapToInt(b -> b.instances().size()).toArray();
    }

    @Test
    void eachPhaseRevealsItsOwnNumbersAndNoMore() {
        Config c = Config.parse(Map.of("layers", "2,4,3,2", "epochs", "1"));
        Trace tr = new Training(c).peek();
        int L = 3;
        // blocks: forward, loss, output error, backward, gradient, update
        assertEquals("[2, 0, 0, 0, 0, 0]", java.util.Arrays.toString(instances(EquationsView.of(tr, c, 1))));
        assertEquals("[6, 0, 0, 0, 0, 0]", java.util.Arrays.toString(instances(EquationsView.of(tr, c, L))));
        assertEquals("[6, 1, 0, 0, 0, 0]", java.util.Arrays.toString(instances(EquationsView.of(tr, c, L + 1))));
        assertEquals("[6, 1, 1, 0, 1, 0]", java.util.Arrays.toString(instances(EquationsView.of(tr, c, L + 2))));
        assertEquals("[6, 1, 1, 2, 3, 0]", java.util.Arrays.toString(instances(EquationsView.of(tr, c, 2 * L + 1))));
        assertEquals(
                "[6, 1, 1, 2, 3, 3]",
                java.util.Arrays.toString(instances(EquationsView.of(tr, c, Moment.phases(L)))),
                "the whole step");
    }
}
