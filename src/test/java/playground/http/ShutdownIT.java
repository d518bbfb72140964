package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, as the platform runs it: on SIGTERM with a run training and a stream open, it logs that it is
 * stopping, the stream's last event tells its page to reconnect, and it exits promptly. Needs the jar: {@code -Dapp.jar=<buildDir>/backprop-playground.jar}; skipped without.
 */
class ShutdownIT {
    @Test
    void sigtermStopsTheServerPromptly() throws Exception {
        try (PackagedServer server = PackagedServer.start(List.of(), Map.of())) {
            sigtermStopsPromptly(server);
        }
    }

    private static void sigtermStopsPromptly(PackagedServer server) throws Exception {
        int port = server.port;
        Process p = server.process;
        LoadTest.Sse stream = null;
        try {
            Http v = new Http(port);
            HttpResponse<String> created = v.post("/api/runs", LoadTest.LONG_RUN);
            assertEquals(201, created.statusCode(), created.body());
            String id = Http.json(created).get("id").asText();
            assertEquals(200, v.post("/api/runs/" + id + "/start", "").statusCode());
            stream = LoadTest.Sse.open(v, "/runs/" + id + "/stream", "status");
            assertEquals(200, stream.status);
            LoadTest.Sse s = stream;
            LoadTest.await(() -> s.frames.get() >= 3, 10, "frames on the stream");

            long t0 = System.nanoTime();
            p.destroy(); // SIGTERM
            boolean exited = p.waitFor(10, TimeUnit.SECONDS);
            double took = (System.nanoTime() - t0) / 1e9;
            String out = server.log();
            System.out.println("SHUTDOWN exited=" + exited + " in " + LoadTest.fmt(took) + " s, code "
                    + (exited ? p.exitValue() : -1));
            assertTrue(exited, "still running 10 s after SIGTERM:\n" + out);
            assertTrue(out.contains("event=stopping"), "the log says it is stopping:\n" + out);
            LoadTest.await(() -> s.ended, 5, "the client sees its stream end");
            assertEquals(Streams.RECONNECT, s.last, "the stream's last event tells the page to reconnect");
            assertTrue(out.contains("event=stopped"), "drained and stopped:\n" + out);
        } finally {
            if (stream != null) stream.close();
        }
    }
}
