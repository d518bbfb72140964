package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, as the platform runs it: on SIGTERM with a run training and a stream open, it logs that it is
 * stopping, the stream's last event tells its page to reconnect, and it exits promptly. Needs the jar: {@code -Dapp.jar=<buildDir>/backprop-playground.jar}; skipped without.
 */
class ShutdownIT {
    @Test
    void sigtermStopsTheServerPromptly() throws Exception {
        String jarProp = System.getProperty("app.jar");
        Assumptions.assumeTrue(
                jarProp != null && !jarProp.isBlank(), "set -Dapp.jar=<path to backprop-playground.jar> to run this");
        File jar = new File(jarProp);
        Assumptions.assumeTrue(jar.isFile(), "no jar at " + jar + " (run mvn package first)");

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("bp-shutdown-", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.getAbsolutePath());
        pb.environment().put("PORT", String.valueOf(port));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        LoadTest.Sse stream = null;
        try {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!read(log).contains("event=started")) {
                assertTrue(p.isAlive(), "the server died at start:\n" + read(log));
                assertTrue(System.nanoTime() < deadline, "the server did not start in 30 s:\n" + read(log));
                Thread.sleep(100);
            }
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
            String out = read(log);
            System.out.println("SHUTDOWN exited=" + exited + " in " + LoadTest.fmt(took) + " s, code "
                    + (exited ? p.exitValue() : -1));
            assertTrue(exited, "still running 10 s after SIGTERM:\n" + out);
            assertTrue(out.contains("event=stopping"), "the log says it is stopping:\n" + out);
            LoadTest.await(() -> s.ended, 5, "the client sees its stream end");
            assertEquals(Streams.RECONNECT, s.last, "the stream's last event tells the page to reconnect");
            assertTrue(out.contains("event=stopped"), "drained and stopped:\n" + out);
        } finally {
            if (stream != null) stream.close();
            if (p.isAlive()) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        }
    }

    private static String read(Path log) throws java.io.IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
