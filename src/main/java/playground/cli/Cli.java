package playground.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import playground.json.FiniteJson;
import playground.json.StepJson;
import playground.training.Config;
import playground.training.ConfigException;
import playground.training.Param;
import playground.training.StepContract;
import playground.training.Training;

/** The command line: train, step and bench, over the same training and nn code as the web. */
public final class Cli {
    public static final int OK = 0;
    public static final int USAGE = 2;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    public Cli(InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    static final String USAGE_TEXT = String.join(
            "\n",
            "usage:",
            "  java -jar backprop-playground.jar                 start the web server on $PORT (default 7070)",
            "  java -jar backprop-playground.jar train [--NAME VALUE ...]",
            "      NAME: " + String.join(", ", Param.NAMES),
            parameterHelp(),
            "  java -jar backprop-playground.jar step < request.json",
            "  java -jar backprop-playground.jar bench [--net 2-3-2|2-64-64-2|784-128-10]");

    /** A line per parameter: its name, help, limits and defaults. */
    static String parameterHelp() {
        StringBuilder sb = new StringBuilder();
        for (Param p : Param.values()) {
            if (sb.length() > 0) sb.append('\n');
            sb.append(String.format(Locale.ROOT, "        --%-15s %s", p.id(), p.help()));
            if (p.limits() != null) sb.append("; ").append(p.limits());
            sb.append("; default ").append(p.defaults().replace("`", ""));
        }
        return sb.toString();
    }

    /** Runs a command; returns the process exit code. */
    public int run(String[] args) {
        String cmd = args[0];
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (cmd) {
                case "train":
                    return train(flags(rest));
                case "step":
                    if (rest.length > 0)
                        throw new ConfigException("step", "takes no arguments; it reads JSON on stdin");
                    return step();
                case "bench":
                    return Bench.run(flags(rest), out);
                case "help", "--help", "-h":
                    out.println(USAGE_TEXT);
                    return OK;
                default:
                    err.println("error: unknown command \"" + cmd + "\"\n" + USAGE_TEXT);
                    return USAGE;
            }
        } catch (ConfigException e) {
            err.println("error: " + e.describe());
            return USAGE;
        }
    }

    /** --NAME VALUE or --NAME=VALUE pairs; a flag given twice is an error. */
    static Map<String, String> flags(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new ConfigException(a, "is not a flag; flags look like --lr 0.05");
            }
            String name;
            String value;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(2, eq);
                value = a.substring(eq + 1);
            } else {
                name = a.substring(2);
                if (i + 1 >= args.length) throw new ConfigException(name, "needs a value: --" + name + " VALUE");
                value = args[++i];
            }
            if (m.put(name, value) != null) throw new ConfigException(name, "is given more than once");
        }
        return m;
    }

    private int train(Map<String, String> flags) {
        Config config = Config.parse(flags);
        Training run = new Training(config);
        out.printf(
                Locale.ROOT,
                "training %s on %s (%d training samples, %d test samples, %d weights)%n",
                config.layersText(),
                config.dataset().id(),
                run.trainCount(),
                run.data().test().count(),
                config.parameterCount());
        out.printf(
                Locale.ROOT,
                "epoch %5d/%d  train loss %-12.6g  test loss %-12.6g%n",
                0,
                config.epochs(),
                run.initialTrainLoss(),
                run.initialTestLoss());
        while (!run.finished()) {
            run.finishEpoch();
            int k = run.trainLoss().size();
            if (k > 0 && k == run.epoch()) {
                if (config.classification()) {
                    out.printf(
                            Locale.ROOT,
                            "epoch %5d/%d  train loss %-12.6g  test loss %-12.6g  test accuracy %.1f%%%n",
                            run.epoch(),
                            config.epochs(),
                            run.trainLoss().get(k - 1),
                            run.testLoss().get(k - 1),
                            100 * run.testAccuracy().get(k - 1));
                } else {
                    out.printf(
                            Locale.ROOT,
                            "epoch %5d/%d  train loss %-12.6g  test loss %-12.6g  test RMSE %.6g%n",
                            run.epoch(),
                            config.epochs(),
                            run.trainLoss().get(k - 1),
                            run.testLoss().get(k - 1),
                            run.testRmse());
                }
            }
            if (terminal) {
                int width = 30;
                int filled = (int) ((long) width * run.epoch() / config.epochs());
                err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + run.epoch() + "/"
                        + config.epochs());
                err.flush();
            }
        }
        if (terminal) err.println();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", run.status());
        result.put("message", run.message());
        result.put("initialTrainLoss", run.initialTrainLoss());
        result.put("initialTestLoss", run.initialTestLoss());
        result.put("trainLoss", run.trainLoss());
        result.put("testLoss", run.testLoss());
        result.put("testRmse", run.testRmse());
        if (config.classification()) {
            result.put("trainAccuracy", run.trainAccuracy());
            result.put("testAccuracy", run.testAccuracy());
        }
        result.put("samplesPerSecond", Math.round(run.samplesPerSecond()));
        result.put("config", config.toJson());
        result.put("weights", run.weightsList());
        if (config.bias()) {
            double[][] b = new double[config.layers().length - 1][];
            for (int l = 1; l < config.layers().length; l++)
                b[l - 1] = run.network().biases(l);
            result.put("biases", b);
        }
        out.println(write(result));
        return OK;
    }

    private int step() {
        String body;
        try {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("stdin", "could not be read: " + e.getMessage());
        }
        StepContract.Request request = StepJson.parse(body);
        out.println(write(StepContract.run(request)));
        return OK;
    }

    static String write(Object o) {
        return FiniteJson.write(o);
    }
}
