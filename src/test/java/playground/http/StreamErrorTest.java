package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import playground.training.Config;
import playground.training.Run;
import playground.training.Runs;
import playground.training.Speed;

/**
 * An Error while encoding a stream's frame (as an OutOfMemoryError would be) closes that stream, lets the counts fall
 * and leaves every other stream, the heartbeat and the server running. Real Streams and Runs on a real port; the
 * failing encoder stands in for a frame too big for the heap.
 */
class StreamErrorTest {
    @Test
    void anErrorClosesOnlyItsOwnStreamAndTheCountsFall() throws Exception {
        AtomicInteger errors = new AtomicInteger();
        try (Runs runs = new Runs(Runs.Limits.defaults(), 1);
                Streams streams = new Streams(100, 50)) {
            Run innocent = runs.create(
                    "innocent-session-000000",
                    Config.parse(java.util.Map.of("epochs", "10000")),
                    Speed.parse("20"),
                    null);
            Run attacker = runs.create(
                    "attacker-session-000000", Config.parse(java.util.Map.of("epochs", "10000")), Speed.MAX, null);
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.jetty.port = 0;
                config.routes.sse(
                        "/innocent",
                        client -> streams.attach(
                                client,
                                innocent,
                                s -> List.of(new Streams.Event("status", "sample " + s.samplesDone()))));
                config.routes.sse("/attacker", client -> {
                    AtomicInteger frames = new AtomicInteger();
                    streams.attach(client, attacker, s -> {
                        if (frames.incrementAndGet() > 1) {
                            errors.incrementAndGet();
                            throw new OutOfMemoryError("test: this frame does not fit in the heap");
                        }
                        return List.of(new Streams.Event("status", "first"));
                    });
                });
            });
            app.start();
            try {
                int port = app.port();
                LoadTest.Sse good = LoadTest.Sse.open(new Http(port), "/innocent", "status");
                innocent.start();
                LoadTest.await(() -> good.frames.get() >= 3, 10, "the innocent's first frames");
                // the control: the innocent's own rate before the attack
                int c0 = good.frames.get();
                long tc = System.nanoTime();
                Thread.sleep(2000);
                double control = (good.frames.get() - c0) / ((System.nanoTime() - tc) / 1e9);
                long t0 = System.nanoTime();
                int before = good.frames.get();
                List<LoadTest.Sse> bad = new ArrayList<>();
                for (int i = 0; i < 24; i++) bad.add(LoadTest.Sse.open(new Http(port), "/attacker", "status"));
                attacker.start();
                LoadTest.await(() -> errors.get() >= 24, 10, "every attacking stream hits its Error");
                LoadTest.await(() -> streams.count() == 1, 10, "the failed streams are closed and counted out");
                LoadTest.await(() -> bad.stream().allMatch(s -> s.ended), 10, "the failed streams end on the wire");
                assertEquals(0, attacker.listenerCount(), "no listener of the failed streams is left");
                Thread.sleep(2000);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double rate = (good.frames.get() - before) / seconds;
                System.out.println("STREAM-ERROR errors=" + errors.get() + " streamsAfter=" + streams.count()
                        + " innocentFramesPerSecond=" + LoadTest.fmt(rate) + " (before the attack: "
                        + LoadTest.fmt(control) + "/s; its speed: 20/s)");
                assertTrue(rate >= 0.5 * control && rate > 0, "the innocent kept its frames: " + rate + "/s");
                assertEquals(1, innocent.listenerCount());
                good.close();
                LoadTest.await(() -> streams.count() == 0, 10, "the innocent's stream is freed when it leaves");
            } finally {
                app.stop();
            }
        }
    }
}
