package playground.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one numbering of moments: E epochs and S samples of the next done, checked against a run's own counters. */
class MomentTest {
    @Test
    void aMomentIsEpochsAndSamplesDoneAsTheTrainingCountsThem() {
        Training t = new Training(Config.parse(Map.of("layers", "2,3,2", "epochs", "3", "seed", "1")));
        int n = t.trainCount();
        for (long k : new long[] {0, 1, n - 1, n, n + 5, 2L * n, 3L * n}) {
            Training u = new Training(Config.parse(Map.of("layers", "2,3,2", "epochs", "3", "seed", "1")));
            u.seek(k);
            Moment.At at = Moment.At.of(k, n);
            assertEquals(u.epoch(), at.epoch(), "epochs done after " + k);
            assertEquals(u.position(), at.sample(), "samples of the next done after " + k);
            assertEquals(k, at.samples(n));
        }
        assertEquals("3:0", Moment.At.of(3L * n, n).toString(), "the end of a 3-epoch run");
    }

    @Test
    void aLinksMomentParsesAndIsCheckedAgainstTheRun() {
        assertEquals(new Moment.At(50, 0), Moment.At.parse("50:0"));
        assertEquals(new Moment.At(2, 7), Moment.At.parse(" 2 : 7 "));
        for (String bad : new String[] {"", "5", "1:2:3", "-1:0", "1:-2", "a:b", "1.5:0"}) {
            assertNull(Moment.At.parse(bad), bad);
        }
        assertNull(new Moment.At(2, 99).problem(3, 100));
        assertNull(new Moment.At(3, 0).problem(3, 100), "the end");
        assertEquals(
                "at=1:250: an epoch has 100 samples, so S goes from 0 to 99 (this is 3:50)",
                new Moment.At(1, 250).problem(5, 100));
        assertEquals("at=3:1 is past the end of this run of 3 epochs (at=3:0)", new Moment.At(3, 1).problem(3, 100));
    }

    @Test
    void aLoggedSampleIsTheMomentAfterItAndItsPhasesBeforeTheUpdateTheMomentBefore() {
        Moment first = new Moment(0, 1, null);
        assertEquals(new Moment.At(0, 1), first.after());
        assertEquals(new Moment.At(0, 0), first.before(10));
        Moment lastOfEpoch = new Moment(2, 0, null);
        assertEquals(new Moment.At(1, 9), lastOfEpoch.before(10), "the last sample of the second epoch");
        assertEquals("epoch 1, sample 9/10", lastOfEpoch.before(10).words(10));
    }
}
