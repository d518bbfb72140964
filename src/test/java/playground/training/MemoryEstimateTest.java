package playground.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.Test;

/**
 * A run's memory estimate, which the server's memory budget counts, against the heap that runs really hold, measured:
 * before they train ({@link Config#idleBytes()}) and with their sample log full ({@link Config#estimatedBytes()}),
 * within 2x either way.
 */
class MemoryEstimateTest {
    private static final String[] LINKS = {
        "dataset=xor",
        "dataset=exp-sin",
        "dataset=notebook-example",
        "dataset=circle&optimizer=adam&batch=16",
        "dataset=spiral&layers=2,16,16,1",
        "dataset=spiral&layers=2,64,64,1&optimizer=momentum",
    };

    @Test
    void estimatesAreWithinTwiceWhatRunsHold() {
        var pool = new ScheduledThreadPoolExecutor(1);
        pool.setRemoveOnCancelPolicy(true); // as the server's: a closed run leaves nothing queued
        try {
            for (String link : LINKS) {
                Config c = Config.parse(params(link));
                int n = 40;
                List<Run> runs = new ArrayList<>();
                // runs with the same data settings share their data, and the last 32 settings are kept: fill that
                // cache with the smallest there is, so that the previous links' data leaves before the measure
                for (int i = 0; i < 40; i++) {
                    Map<String, String> p = params("dataset=notebook-example");
                    p.put("seed", String.valueOf(9000 + i));
                    new Run("w" + i, "s", Config.parse(p), Speed.MAX, null, pool).close();
                }
                long base = usedHeap();
                // each its own seed, so its own data (runs with the same data settings share it)
                for (int i = 0; i < n; i++) {
                    Map<String, String> p = params(link);
                    p.put("seed", String.valueOf(1000 + i));
                    runs.add(new Run("r" + i, "s", Config.parse(p), Speed.MAX, null, pool));
                }
                long idle = (usedHeap() - base) / n;
                long steps = Math.min(SampleLog.capacity(c.layers()), (long) c.epochs() * c.trainCount());
                for (Run r : runs) for (long k = 0; k < steps; k++) r.step();
                long full = (usedHeap() - base) / n;
                System.out.printf(
                        "MEMORY %-52s idle: estimate %,9d B, held %,9d B (%.2fx); full log: estimate %,10d B,"
                                + " held %,10d B (%.2fx)%n",
                        link,
                        c.idleBytes(),
                        idle,
                        (double) c.idleBytes() / idle,
                        c.estimatedBytes(),
                        full,
                        (double) c.estimatedBytes() / full);
                within2x(link + " idle", c.idleBytes(), idle);
                within2x(link + " full", c.estimatedBytes(), full);
                runs.forEach(Run::close);
                runs.clear();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void within2x(String what, long estimate, long held) {
        assertTrue(
                estimate <= 2 * held && held <= 2 * estimate,
                what + ": the estimate " + estimate + " B is not within 2x of the " + held + " B held");
    }

    private static Map<String, String> params(String link) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : link.split("&")) m.put(kv.split("=")[0], kv.split("=")[1]);
        return m;
    }

    /** The heap in use after collecting garbage (several times, until it settles). */
    static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long used = rt.totalMemory() - rt.freeMemory();
            if (Math.abs(used - last) < 4096) return used;
            last = used;
        }
        return last;
    }
}
