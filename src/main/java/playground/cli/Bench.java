package playground.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import playground.data.SplitMix64;
import playground.nn.Init;
import playground.nn.Network;
import playground.nn.Sgd;
import playground.training.ConfigException;

/**
 * Measures per-sample SGD (sigmoid hidden layers, linear output, biases) on the training path, single-threaded: warms
 * up, then times several rounds and reports the median samples per second.
 */
final class Bench {
    static final List<String> NETS = List.of("2-3-2", "2-64-64-2", "784-128-10");
    private static final int ROUNDS = 7;
    private static final double ROUND_SECONDS = 0.4;

    private Bench() {}

    static int run(Map<String, String> flags, PrintStream out) {
        for (String k : flags.keySet()) {
            if (!k.equals("net"))
                throw new ConfigException(k, "is not a bench flag; use --net " + String.join("|", NETS));
        }
        String only = flags.get("net");
        if (only != null && !NETS.contains(only)) {
            throw new ConfigException("net", "must be one of " + String.join(", ", NETS));
        }
        if (only != null) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("net", only);
            line.put("samplesPerSecond", Math.round(measure(only)));
            out.println(Cli.write(line));
            out.flush();
            return Cli.OK;
        }
        // Each net in a JVM of its own: in a shared one the JIT compiles the shared loops for the first shape it
        // sees, and the later nets run slower (784-128-10 measured about 40% slower after the other two).
        for (String net : NETS) {
            int code = inOwnJvm(net, out);
            if (code != Cli.OK) return code;
        }
        return Cli.OK;
    }

    private static int inOwnJvm(String net, PrintStream out) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd =
                List.of(javaBin, "-cp", System.getProperty("java.class.path"), "playground.App", "bench", "--net", net);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int code = p.waitFor();
            out.print(text);
            out.flush();
            return code;
        } catch (java.io.IOException e) {
            throw new ConfigException("bench", "could not start a JVM for " + net + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cli.USAGE;
        }
    }

    /** The median samples/s of per-sample SGD on random data shaped for {@code net}. */
    static double measure(String spec) {
        int[] sizes = Arrays.stream(spec.split("-")).mapToInt(Integer::parseInt).toArray();
        Network net = new Network(sizes, Network.defaultActivations(sizes.length - 1), true, 1024);
        SplitMix64 rng = new SplitMix64(1);
        net.initialize(Init.XAVIER, rng);
        int count = 1024;
        int in = sizes[0];
        int outs = sizes[sizes.length - 1];
        double[] xs = new double[count * in];
        double[] ts = new double[count * outs];
        for (int i = 0; i < xs.length; i++) xs[i] = rng.nextDouble();
        for (int s = 0; s < count; s++) {
            if (outs == 10) ts[s * outs + rng.nextInt(10)] = 1.0; // MNIST-like one-hot labels
            else for (int i = 0; i < outs; i++) ts[s * outs + i] = rng.nextDouble();
        }
        Sgd sgd = new Sgd(net);
        double lr = 0.01;
        // Estimate the samples per round, warming up the JIT on the way.
        long perCheck = 256;
        long warmEnd = System.nanoTime() + 1_500_000_000L;
        long warmSamples = 0;
        long warmStart = System.nanoTime();
        double sink = 0;
        while (System.nanoTime() < warmEnd) {
            for (int i = 0; i < perCheck; i++) sink += sgd.trainSample(xs, ts, (int) ((warmSamples + i) % count), lr);
            warmSamples += perCheck;
        }
        double rate = warmSamples / ((System.nanoTime() - warmStart) / 1e9);
        long perRound = Math.max(1000, (long) (rate * ROUND_SECONDS));
        double[] rates = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            for (long i = 0; i < perRound; i++) sink += sgd.trainSample(xs, ts, (int) (i % count), lr);
            rates[r] = perRound / ((System.nanoTime() - t0) / 1e9);
        }
        if (sink == 42.4242) System.out.print(""); // keep the loss live
        Arrays.sort(rates);
        return rates[ROUNDS / 2];
    }
}
