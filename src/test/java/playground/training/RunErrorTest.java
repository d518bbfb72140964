package playground.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An Error (OutOfMemoryError included) thrown by a viewer must not stop the trainer: were it to escape the
 * slice, the slice would never be scheduled again, and the run would stay "running" for ever.
 */
class RunErrorTest {
    @Test
    void aViewerThatThrowsAnErrorDoesNotStopTheRunOrTheOtherViewers() throws Exception {
        try (Runs runs = new Runs(Runs.Limits.defaults(), 1)) {
            Run run = runs.create("s1", RunsTest.cfg("epochs", "20", "testRatio", "0.9"), Speed.MAX, null);
            AtomicInteger thrown = new AtomicInteger();
            AtomicInteger seen = new AtomicInteger();
            run.addListener(s -> {
                thrown.incrementAndGet();
                throw new OutOfMemoryError("test: a viewer ran out of memory");
            });
            run.addListener(s -> seen.incrementAndGet());
            run.start();
            RunsTest.await(() -> run.snapshot().state() == RunState.DONE, "the run is done despite the Error");
            assertEquals(0, runs.running(), "no run counts as running");
            // the trainer thread survived: another run trains on it
            Run other = runs.create("s2", RunsTest.cfg("epochs", "2", "testRatio", "0.9"), Speed.MAX, null);
            other.start();
            RunsTest.await(() -> other.snapshot().state() == RunState.DONE, "another run is done on the same pool");
            System.out.println("RUN-ERROR errorsThrown=" + thrown.get() + " framesToTheOtherViewer=" + seen.get()
                    + " epochs=" + run.snapshot().trainLoss().size());
            assertTrue(thrown.get() >= 2, "the failing viewer was called more than once");
            assertEquals(thrown.get(), seen.get(), "the other viewer got every frame");
            assertEquals(20, run.snapshot().trainLoss().size());
        }
    }
}
