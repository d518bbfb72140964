package playground.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import playground.data.DatasetKind;
import playground.nn.Activation;
import playground.nn.Init;
import playground.nn.Network;

/**
 * A run's whole configuration, validated. The one place where every parameter is parsed and checked, for the page,
 * the API and the command line alike; the names are those of the URL query string.
 */
public record Config(
        DatasetKind dataset,
        int[] layers,
        Activation activation,
        Activation output,
        boolean bias,
        double lr,
        int epochs,
        int batch,
        long seed,
        Init init,
        boolean standardize,
        double testRatio,
        double noise) {

    /** The parameter names, in the order URLs and forms list them. */
    public static final List<String> NAMES = List.of(
            "dataset",
            "layers",
            "activation",
            "output",
            "bias",
            "lr",
            "epochs",
            "batch",
            "seed",
            "init",
            "standardize",
            "testRatio",
            "noise");

    public static final int MAX_EPOCHS = 10_000;
    public static final double MAX_LR = 10.0;
    public static final double MIN_TEST_RATIO = 0.05;
    public static final double MAX_TEST_RATIO = 0.95;
    /** Noise for the 2-D datasets, in percent, as in TensorFlow Playground. */
    public static final double MAX_NOISE = 50;
    /** The cap on work per run: epochs x training samples x parameters. */
    public static final double MAX_WORK = 5e10;

    private static final int MAX_VALUE_LENGTH = 200;

    public Config {
        layers = layers.clone();
    }

    /** The default configuration: the notebook's 2-3-2 network on exp-sin, tuned to converge. */
    public static Config defaults() {
        return parse(Map.of());
    }

    /**
     * Parses and validates parameters by name; missing ones take their defaults (which depend on the dataset: the
     * notebook-example preset has no biases and no standardisation, as in the notebook).
     *
     * @throws ConfigException naming the first bad field
     */
    public static Config parse(Map<String, String> params) {
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!NAMES.contains(e.getKey())) {
                throw new ConfigException(
                        clip(e.getKey()), "is not a parameter; the parameters are " + String.join(", ", NAMES));
            }
            if (e.getValue() != null && e.getValue().length() > MAX_VALUE_LENGTH) {
                throw new ConfigException(e.getKey(), "is too long (at most " + MAX_VALUE_LENGTH + " characters)");
            }
        }
        DatasetKind dataset = parseWith(params, "dataset", "exp-sin", DatasetKind::parse);
        boolean notebook = dataset == DatasetKind.NOTEBOOK_EXAMPLE;
        int[] layers = parseWith(params, "layers", dataset.inputs() + ",3," + dataset.outputs(), Config::parseLayers);
        Activation activation = parseWith(params, "activation", "sigmoid", Activation::parse);
        Activation output = parseWith(params, "output", "linear", Activation::parse);
        boolean bias = parseWith(params, "bias", notebook ? "false" : "true", Config::parseBoolean);
        double lr = parseWith(params, "lr", notebook ? "0.01" : "0.05", Config::parseDouble);
        int epochs = parseWith(params, "epochs", notebook ? "10" : "50", Config::parseInt);
        int batch = parseWith(params, "batch", "1", Config::parseInt);
        long seed = parseWith(params, "seed", "42", Config::parseLong);
        Init init = parseWith(params, "init", notebook ? "uniform" : "xavier", Init::parse);
        boolean standardize = parseWith(params, "standardize", notebook ? "false" : "true", Config::parseBoolean);
        double testRatio = parseWith(params, "testRatio", "0.33", Config::parseDouble);
        double noise = parseWith(params, "noise", "0", Config::parseDouble);

        if (layers[0] != dataset.inputs() || layers[layers.length - 1] != dataset.outputs()) {
            throw new ConfigException(
                    "layers",
                    dataset.id() + " has " + dataset.inputs() + " inputs and " + dataset.outputs()
                            + " outputs, so layers must start with " + dataset.inputs() + " and end with "
                            + dataset.outputs());
        }
        if (!(lr > 0 && lr <= MAX_LR)) {
            throw new ConfigException("lr", "must be a number greater than 0 and at most " + fmt(MAX_LR));
        }
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw new ConfigException("epochs", "must be a whole number from 1 to " + MAX_EPOCHS);
        }
        if (!(testRatio >= MIN_TEST_RATIO && testRatio <= MAX_TEST_RATIO)) {
            throw new ConfigException(
                    "testRatio", "must be a number from " + fmt(MIN_TEST_RATIO) + " to " + fmt(MAX_TEST_RATIO));
        }
        if (!(noise >= 0 && noise <= MAX_NOISE)) {
            throw new ConfigException("noise", "must be a number from 0 to " + fmt(MAX_NOISE) + " (percent)");
        }
        int trainCount = trainCount(dataset, testRatio);
        if (batch < 1 || batch > trainCount) {
            throw new ConfigException(
                    "batch", "must be a whole number from 1 to " + trainCount + " (the size of the training set)");
        }
        Config c = new Config(
                dataset,
                layers,
                activation,
                output,
                bias,
                lr,
                epochs,
                batch,
                seed,
                init,
                standardize,
                testRatio,
                noise);
        double work = (double) epochs * trainCount * c.parameterCount();
        if (work > MAX_WORK) {
            throw new ConfigException(
                    "epochs",
                    String.format(
                            Locale.ROOT,
                            "this run is too big: epochs x training samples x weights = %.3g, and the limit is %.0e;"
                                    + " use fewer epochs or a smaller network",
                            work,
                            MAX_WORK));
        }
        return c;
    }

    /** The number of training samples this dataset and test ratio give. */
    public static int trainCount(DatasetKind dataset, double testRatio) {
        int all = dataset.count();
        if (all < 2) return all;
        int test = Math.max(1, Math.min(all - 1, (int) Math.ceil(all * testRatio)));
        return all - test;
    }

    public int trainCount() {
        return trainCount(dataset, testRatio);
    }

    public int parameterCount() {
        int count = 0;
        for (int l = 1; l < layers.length; l++) count += layers[l] * layers[l - 1] + (bias ? layers[l] : 0);
        return count;
    }

    /**
     * An upper estimate of the memory a run of this configuration holds, in bytes: the weights in their storage, the
     * training path's working copy, the last snapshot and the last trace (about 8 copies of the parameters in all),
     * the mini-batch buffers (at most 256 samples of every layer, three matrices each), the sample log (see {@link
     * SampleLog}), the loss history, and its
     * dataset (shared between runs with the same data settings, but counted in full here).
     */
    public long estimatedBytes() {
        long params = parameterCount();
        long widths = 0;
        for (int width : layers) widths += width;
        long batchBuffers = batch > 1 ? 3L * Math.min(batch, 256) * widths + params : 0;
        long history = 6L * epochs;
        long data = (long) dataset.count() * (dataset.inputs() + 2L * dataset.outputs());
        long log = (long) SampleLog.capacity(layers) * SampleLog.traceBytes(layers);
        return 8 * (8 * params + batchBuffers + history + data) + log + 16_384;
    }

    /**
     * A network of this configuration's shape with the given weights: {@code weights[l][i][j]} is row i, column j of
     * W^(l+1), {@code biases[l]} is b^(l+1) (null without biases, or for all zero).
     *
     * @throws ConfigException naming {@code weights} and what does not fit
     */
    public Network network(double[][][] weights, double[][] biases) {
        int L = layers.length - 1;
        Network net = new Network(layers, activations(), bias);
        if (weights == null || weights.length != L) {
            throw new ConfigException(
                    "weights", "needs one matrix per weight layer (" + L + ") for layers " + layersText());
        }
        for (int l = 1; l <= L; l++) {
            try {
                net.setWeights(l, weights[l - 1]);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ConfigException("weights", "W^(" + l + ") must be " + layers[l] + " x " + layers[l - 1]);
            }
            if (bias && biases != null) {
                if (biases.length != L || biases[l - 1] == null || biases[l - 1].length != layers[l]) {
                    throw new ConfigException("weights", "b^(" + l + ") needs " + layers[l] + " values");
                }
                net.setBiases(l, biases[l - 1]);
            }
        }
        if (!net.isFinite()) throw new ConfigException("weights", "must be finite numbers");
        return net;
    }

    /** f^(1)..f^(L). */
    public Activation[] activations() {
        return Network.activations(layers.length - 1, activation, output);
    }

    /** Every parameter by name, as strings, in {@link #NAMES} order. */
    public Map<String, String> toParams() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dataset", dataset.id());
        m.put("layers", layersText());
        m.put("activation", activation.id());
        m.put("output", output.id());
        m.put("bias", String.valueOf(bias));
        m.put("lr", fmt(lr));
        m.put("epochs", String.valueOf(epochs));
        m.put("batch", String.valueOf(batch));
        m.put("seed", String.valueOf(seed));
        m.put("init", init.id());
        m.put("standardize", String.valueOf(standardize));
        m.put("testRatio", fmt(testRatio));
        m.put("noise", fmt(noise));
        return m;
    }

    /** The config as JSON-ready values: numbers as numbers, layers as an array. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset.id());
        List<Integer> ls = new ArrayList<>();
        for (int w : layers) ls.add(w);
        m.put("layers", ls);
        m.put("activation", activation.id());
        m.put("output", output.id());
        m.put("bias", bias);
        m.put("lr", lr);
        m.put("epochs", epochs);
        m.put("batch", batch);
        m.put("seed", seed);
        m.put("init", init.id());
        m.put("standardize", standardize);
        m.put("testRatio", testRatio);
        m.put("noise", noise);
        return m;
    }

    public String layersText() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < layers.length; i++) sb.append(i == 0 ? "" : ",").append(layers[i]);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Config c && toParams().equals(c.toParams());
    }

    @Override
    public int hashCode() {
        return toParams().hashCode();
    }

    @Override
    public String toString() {
        return "Config" + toParams();
    }

    // ---- parsing helpers ----

    private interface Parser<T> {
        T parse(String s);
    }

    private static <T> T parseWith(Map<String, String> params, String name, String dflt, Parser<T> parser) {
        String raw = params.get(name);
        String value = raw == null ? dflt : raw.trim();
        if (value.isEmpty()) throw new ConfigException(name, "is empty; leave it out to use the default " + dflt);
        try {
            return parser.parse(value);
        } catch (ConfigException e) {
            throw new ConfigException(name, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, e.getMessage() + " (got \"" + clip(value) + "\")");
        }
    }

    static int[] parseLayers(String s) {
        String[] parts = s.split(",", -1);
        int max = Network.MAX_WEIGHT_LAYERS + 1;
        if (parts.length < 2 || parts.length > max) {
            throw new IllegalArgumentException(
                    "needs 2 to " + max + " sizes separated by commas, input and output included, e.g. 2,3,2");
        }
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            int v;
            try {
                v = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "needs whole numbers separated by commas, e.g. 2,3,2; \"" + clip(p) + "\" is not one");
            }
            if (v < Network.MIN_WIDTH || v > Network.MAX_WIDTH) {
                throw new IllegalArgumentException(
                        "each layer must be " + Network.MIN_WIDTH + " to " + Network.MAX_WIDTH + " wide; got " + v);
            }
            sizes[i] = v;
        }
        return sizes;
    }

    static boolean parseBoolean(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "on", "1", "yes":
                return true;
            case "false", "off", "0", "no":
                return false;
            default:
                throw new IllegalArgumentException("must be true or false");
        }
    }

    static double parseDouble(String s) {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number");
        }
        if (!Double.isFinite(v) || s.matches(".*[a-zA-Z&&[^eE]].*")) {
            throw new IllegalArgumentException("must be a finite number");
        }
        return v;
    }

    static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number");
        }
    }

    static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "must be a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
        }
    }

    /** A number as the shortest text that reads back to it. */
    public static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
        return String.valueOf(v);
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** Arrays compare by content here (used by tests and maps). */
    public boolean sameLayers(int[] other) {
        return Arrays.equals(layers, other);
    }
}
