package playground.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import playground.nn.Trace;

/** The session-scoped trainer: its state machine, fairness, caps and idle handling, on real threads. */
class RunsTest {
    static Config cfg(String... kv) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return Config.parse(m);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        playground.Wait.until("timed out waiting until " + what, Duration.ofSeconds(20), condition::getAsBoolean);
    }

    /** A page asks for its offered run with several requests at once (its stream, its panels): every one finds it. */
    @Test
    void anOfferAskedForByManyRequestsAtOnceIsFoundByEach() throws Exception {
        try (Runs runs = new Runs(Runs.Limits.defaults(), 1)) {
            for (int round = 0; round < 50; round++) {
                Run offered = runs.offer("s1", Runs.LOCAL, cfg("testRatio", "0.5"), Speed.MAX, null, null);
                int askers = 6;
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(askers);
                java.util.List<java.util.concurrent.Future<Run>> found = new java.util.ArrayList<>();
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(askers);
                try {
                    for (int i = 0; i < askers; i++) {
                        found.add(pool.submit(() -> {
                            together.await();
                            return runs.find("s1", offered.id());
                        }));
                    }
                    for (var f : found) assertEquals(offered, f.get(), "round " + round);
                } finally {
                    pool.shutdownNow();
                }
                runs.remove(offered, "the round is over");
            }
        }
    }

    @Test
    void stepPauseEpochAndResetFollowTheStateMachine() throws Exception {
        try (Runs runs = new Runs(Runs.Limits.defaults(), 1)) {
            Run run = runs.create("s1", cfg("epochs", "3", "testRatio", "0.9"), Speed.MAX, null);
            assertEquals(RunState.IDLE, run.snapshot().state());
            Snapshot s = run.step();
            assertEquals(RunState.PAUSED, s.state());
            assertEquals(1, s.sample());
            assertNotNull(s.trace());
            s = run.epoch();
            await(
                    () -> run.snapshot().state() == RunState.PAUSED
                            && run.snapshot().epoch() == 1,
                    "epoch 1 ends");
            assertEquals(0, run.snapshot().sample());
            assertEquals(1, run.snapshot().trainLoss().size());
            run.start(); // paused: Start is for idle or finished runs, Resume continues
            run.resume();
            await(() -> run.snapshot().state() == RunState.DONE, "the run is done");
            assertEquals(3, run.snapshot().testLoss().size());
            Snapshot reset = run.reset();
            assertEquals(RunState.IDLE, reset.state());
            assertEquals(0, reset.trainLoss().size());
            // Reset keeps the same initial weights: they come from the seed
            Training fresh = new Training(run.config());
            assertEquals(fresh.network().weights(1)[0][0], reset.weights()[1][0][0]);
        }
    }

    @Test
    void atFullSpeedTheFramesShowFreshSamplesWhileTraining() throws Exception {
        try (Runs runs = new Runs(Runs.Limits.defaults(), 1)) {
            Run run = runs.create("s", cfg("epochs", "10000"), Speed.MAX, null);
            java.util.Set<Object> traces = java.util.concurrent.ConcurrentHashMap.newKeySet();
            run.addListener(s -> {
                if (s.state() == RunState.RUNNING && s.trace() != null) traces.add(s.trace());
            });
            run.start();
            await(() -> traces.size() >= 3, "three frames with a new traced sample while running");
            run.pause();
        }
    }

    @Test
    void phaseByPhaseThenTheUpdateIsOneStep() throws Exception {
        try (Runs runs = new Runs(Runs.Limits.defaults(), 1)) {
            Config c = cfg("layers", "2,4,3,2");
            Run phased = runs.create("s", c, Speed.MAX, null);
            Run stepped = runs.create("t", c, Speed.MAX, null);
            int phases = Moment.phases(3);
            for (int p = 1; p < phases; p++) {
                Snapshot s = phased.phase();
                assertEquals(p, s.phase(), "phase " + p);
                assertNotNull(s.phaseTrace());
                assertEquals(0, s.samplesDone(), "nothing is updated before the last phase");
            }
            Snapshot done = phased.phase();
            assertEquals(0, done.phase());
            assertEquals(1, done.samplesDone());
            Snapshot one = stepped.step();
            assertEquals(java.util.Arrays.deepToString(one.weights()), java.util.Arrays.deepToString(done.weights()));
            assertEquals(one.trace().loss(), done.trace().loss());
            assertEquals(1, done.logSize());
            assertEquals(1, phased.moment(0).sample());
        }
    }

    @Test
    void runsShareOneThreadFairly() throws Exception {
        try (Runs runs = new Runs(Runs.Limits.defaults(), 1)) {
            Run big = runs.create("a", cfg("layers", "2,64,64,2", "epochs", "1000"), Speed.MAX, null);
            Run small = runs.create("b", cfg("epochs", "1000"), Speed.MAX, null);
            big.start();
            small.start();
            await(() -> big.snapshot().samplesDone() > 2000 && small.snapshot().samplesDone() > 2000, "both progress");
            big.pause();
            small.pause();
        }
    }

    /**
     * A paced run (N epochs a second) keeps to its pace: the same run at full speed, measured in the same test,
     * finishes far sooner; the paced one takes at least epochs / N seconds and shows many frames on the way, each a
     * little further on.
     */
    @Test
    void aPacedRunTrainsAtItsPaceAndShowsManyFrames() throws Exception {
        Config c = cfg("dataset", "xor", "epochs", "12");
        try (Runs runs = new Runs(Runs.Limits.defaults(), 1)) {
            Run fast = runs.create("s", c, Speed.MAX, null);
            long t0 = System.nanoTime();
            fast.start();
            await(() -> fast.snapshot().state() == RunState.DONE, "the run at full speed is done");
            double fastSeconds = (System.nanoTime() - t0) / 1e9;

            Run paced = runs.create("s", c, Speed.parse("8e"), null);
            java.util.List<Snapshot> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            paced.addListener(seen::add);
            long t1 = System.nanoTime();
            paced.start();
            await(() -> paced.snapshot().state() == RunState.DONE, "the paced run is done");
            double pacedSeconds = (System.nanoTime() - t1) / 1e9;
            long frames = seen.stream().map(Snapshot::samplesDone).distinct().count();
            System.out.printf(
                    "12 epochs of xor: full speed %.3f s; at 8 epochs/s %.3f s, %d frames%n",
                    fastSeconds, pacedSeconds, frames);
            assertTrue(pacedSeconds >= 12 / 8.0 - 0.15, "never faster than its pace: " + pacedSeconds + " s");
            assertTrue(
                    pacedSeconds > 3 * fastSeconds, "slower than full speed: " + pacedSeconds + " vs " + fastSeconds);
            assertTrue(frames >= 10, "the run is shown on its way, not only at the end: " + frames + " frames");
            assertEquals(
                    fast.snapshot().trainLoss(), paced.snapshot().trainLoss(), "the pace never changes the numbers");
        }
    }

    /**
     * A finished run shows the last sample it trained, at every pace and batch size: the fast path trains whole
     * mini-batches only, so a run whose last slice went through it on the fast path used to end with an old sample
     * shown, or none ("Press Step").
     */
    @Test
    void aFinishedRunShowsTheLastSampleItTrained() throws Exception {
        for (String batch : new String[] {"1", "10", "7"}) {
            for (Speed speed : new Speed[] {Speed.AUTO, Speed.parse("20e"), Speed.parse("1000e"), Speed.MAX}) {
                Config c = cfg("dataset", "xor", "epochs", "4", "batch", batch, "noise", "10");
                try (Runs runs = new Runs(Runs.Limits.defaults(), 1)) {
                    Run run = runs.create("s", c, speed, null);
                    run.start();
                    await(() -> run.snapshot().state() == RunState.DONE, "the run is done");
                    Snapshot s = run.snapshot();
                    String what = "batch " + batch + " at " + speed.id();
                    assertNotNull(s.trace(), what + ": a sample is shown");
                    assertEquals(s.at(), s.traceAt(), what + ": the sample just trained, the run's last");
                    assertEquals(new Moment.At(4, 0), s.at());
                    assertTrue(s.trace().updated(), what);
                    // its numbers: the update it shows left the weights the run ends with
                    assertTrue(
                            java.util.Arrays.deepEquals(s.weights(), s.trace().wAfter()), what);
                    // and the last sample of the last epoch's order: a fresh run stepped one sample at a time
                    Training stepped = new Training(c);
                    Trace last = null;
                    while (!stepped.finished()) last = stepped.traceStep();
                    assertArrayEquals(last.x(), s.trace().x(), what);
                    assertEquals(last.loss(), s.trace().loss(), what);
                }
            }
        }
    }

    @Test
    void aSlowSpeedTracesEverySample() throws Exception {
        try (Runs runs = new Runs(Runs.Limits.defaults(), 1)) {
            Run run = runs.create("s", cfg(), Speed.parse("50"), null);
            java.util.List<Snapshot> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            run.addListener(seen::add);
            run.start();
            await(() -> run.snapshot().samplesDone() >= 5, "five samples");
            run.pause();
            long traced = seen.stream()
                    .filter(s -> s.trace() != null)
                    .map(Snapshot::samplesDone)
                    .distinct()
                    .count();
            assertTrue(traced >= 5, "every sample is shown at a slow speed: " + traced);
        }
    }

    @Test
    void capsPerSessionEvictTheOldestUnwatchedRunAndTheServerCapSaysBusy() throws Exception {
        try (Runs runs = new Runs(new Runs.Limits(2, 3, 60_000, 600_000), 1)) {
            Run first = runs.create("s", cfg("seed", "1"), Speed.MAX, null);
            Thread.sleep(5);
            Run second = runs.create("s", cfg("seed", "2"), Speed.MAX, null);
            second.touch();
            Run third = runs.create("s", cfg("seed", "3"), Speed.MAX, null);
            assertNull(runs.find("s", first.id()), "the oldest run made room");
            assertNotNull(runs.find("s", second.id()));
            assertNotNull(runs.find("s", third.id()));
            runs.create("t", cfg(), Speed.MAX, null);
            BusyException busy = assertThrows(BusyException.class, () -> runs.create("u", cfg(), Speed.MAX, null));
            assertTrue(busy.getMessage().contains("try again"), busy.getMessage());
            assertEquals(3, runs.runs());
            assertEquals(2, runs.sessions());
        }
    }

    @Test
    void theMemoryBudgetBoundsTheRuns() {
        Config small = cfg();
        Config big = cfg("layers", "2,256,256,256,2", "epochs", "10");
        assertTrue(big.estimatedBytes() > 100 * small.estimatedBytes() / 10);
        long budget = big.estimatedBytes() + small.estimatedBytes();
        try (Runs runs = new Runs(new Runs.Limits(8, 100, 60_000, 600_000, budget), 1)) {
            Run a = runs.create("a", big, Speed.MAX, null);
            runs.create("b", small, Speed.MAX, null);
            assertThrows(BusyException.class, () -> runs.create("c", small, Speed.MAX, null));
            runs.remove(a, "test");
            runs.create("c", small, Speed.MAX, null);
            assertEquals(2 * small.estimatedBytes(), runs.estimatedBytes());
        }
    }

    @Test
    void unwatchedRunsPauseAndIdleRunsAreFreed() throws Exception {
        try (Runs runs = new Runs(new Runs.Limits(8, 100, 300, 2500), 1)) {
            Run run = runs.create("s", cfg("epochs", "10000"), Speed.MAX, null);
            run.start();
            await(() -> run.snapshot().state() == RunState.PAUSED, "the unwatched run pauses");
            await(() -> runs.runs() == 0, "the idle run is freed");
            assertNull(runs.find("s", run.id()));
            assertEquals(0, runs.sessions());
        }
    }

    @Test
    void aWatchedRunKeepsRunning() throws Exception {
        try (Runs runs = new Runs(new Runs.Limits(8, 100, 300, 2500), 1)) {
            Run run = runs.create("s", cfg("epochs", "10000"), Speed.MAX, null);
            Run.Listener viewer = s -> {};
            run.addListener(viewer);
            run.start();
            Thread.sleep(1500);
            assertEquals(RunState.RUNNING, run.snapshot().state());
            run.removeListener(viewer);
            run.pause();
        }
    }

    @Test
    void logLinesNameTheRunAndATagOfTheSessionNeverItsSecret() {
        try (Runs runs = new Runs(Runs.Limits.defaults(), 1)) {
            String secret = Runs.newId();
            Run a = runs.create(secret, cfg(), Speed.MAX, null);
            Run b = runs.create(secret, cfg("seed", "2"), Speed.MAX, null);
            Run c = runs.create(Runs.newId(), cfg(), Speed.MAX, null);
            assertTrue(a.logTag().startsWith("run=" + a.id() + " session="), a.logTag());
            assertFalse(a.logTag().contains(secret));
            String tagA = a.logTag().substring(a.logTag().indexOf("session="));
            assertEquals(tagA, b.logTag().substring(b.logTag().indexOf("session=")), "one session, one tag");
            assertNotEquals(tagA, c.logTag().substring(c.logTag().indexOf("session=")));
        }
    }

    @Test
    void anotherSessionCannotFindARun() {
        try (Runs runs = new Runs(Runs.Limits.defaults(), 1)) {
            Run run = runs.create("alice", cfg(), Speed.MAX, null);
            assertNull(runs.find("mallory", run.id()));
            assertNull(runs.find(null, run.id()));
            assertNull(runs.findByConfig("mallory", cfg()));
            assertEquals(run, runs.findByConfig("alice", cfg()));
        }
    }
}
