package playground.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The packaged jar in a process of its own, as a platform runs it (PORT from the environment), for integration tests.
 * Needs {@code -Dapp.jar=<buildDir>/backprop-playground.jar} (failsafe sets it); the test is skipped without.
 */
final class PackagedServer implements AutoCloseable {
    final int port;
    final Process process;
    private final Path log;

    private PackagedServer(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** System.nanoTime() when the jar was launched, and when it logged that it serves. */
    long launchedNanos;

    long startedNanos;

    /** Starts the jar with these JVM options and environment, on a free port, and waits until it serves. */
    static PackagedServer start(List<String> jvmOptions, Map<String, String> env) throws Exception {
        return start(0, jvmOptions, env);
    }

    /** As above, on this port (0: a free one), e.g. the port of an instance that was stopped, to restart it. */
    static PackagedServer start(int port, List<String> jvmOptions, Map<String, String> env) throws Exception {
        String jarProp = System.getProperty("app.jar");
        Assumptions.assumeTrue(
                jarProp != null && !jarProp.isBlank(), "set -Dapp.jar=<path to backprop-playground.jar> to run this");
        File jar = new File(jarProp);
        Assumptions.assumeTrue(jar.isFile(), "no jar at " + jar + " (run mvn package first)");
        if (port == 0) {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
        }
        Path log = Files.createTempFile("bp-packaged-", ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.getAbsolutePath());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.environment().put("PORT", String.valueOf(port));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        long launched = System.nanoTime();
        PackagedServer server = new PackagedServer(port, pb.start(), log);
        server.launchedNanos = launched;
        playground.Wait.until(
                "the server to start",
                java.time.Duration.ofSeconds(60),
                () -> {
                    assertTrue(server.process.isAlive(), "the server died at start:\n" + server.log());
                    return server.log().contains("event=started");
                },
                () -> "the server did not start:\n" + server.log());
        server.startedNanos = System.nanoTime();
        return server;
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** The server process's live threads (Linux: /proc). */
    int threads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("Threads:"))
                return Integer.parseInt(line.substring(8).trim());
        }
        return -1;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        Files.deleteIfExists(log);
    }
}
