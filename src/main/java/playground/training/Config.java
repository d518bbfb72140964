package playground.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import playground.data.Csv;
import playground.data.DatasetKind;
import playground.data.Features;
import playground.data.Source;
import playground.nn.Activation;
import playground.nn.Init;
import playground.nn.Loss;
import playground.nn.Network;
import playground.nn.Optimizer;
import playground.nn.Regularization;

/**
 * A run's whole configuration, validated. The one place where every parameter is parsed and checked, for the page,
 * the API and the command line alike; the names are those of the URL query string.
 */
public record Config(
        Source dataset,
        Features features,
        int[] layers,
        Activation activation,
        Activation output,
        Loss loss,
        boolean bias,
        double lr,
        Optimizer optimizer,
        Regularization regularization,
        double regRate,
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
            "features",
            "layers",
            "activation",
            "output",
            "loss",
            "bias",
            "lr",
            "optimizer",
            "regularization",
            "regRate",
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
    /** The largest regularisation rate, as in TensorFlow Playground. */
    public static final double MAX_REG_RATE = 10;

    private static final int MAX_VALUE_LENGTH = 200;

    public Config {
        layers = layers.clone();
    }

    /**
     * The cap on the work of opening a moment from a link ({@code at=E:S}), which trains there on the request: (E x
     * training samples + S) samples trained and E epochs evaluated (every sample, training and test), each costing
     * its parameters plus {@link #SAMPLE_OVERHEAD} units (the per-sample cost of a small net). Measured here: 0.1-0.9
     * x 10^9 units a second on one core, so at most about 1-3 s; the end of the default run (50 epochs of exp-sin on
     * 2-3-2) fits.
     */
    public static final double MAX_SEEK_WORK = 1e9;

    /** The fixed cost of one sample, in the units of {@link #MAX_SEEK_WORK} (about multiply-adds). */
    public static final int SAMPLE_OVERHEAD = 1000;

    /** The work of training to a moment, in the units of {@link #MAX_SEEK_WORK}. */
    public double seekWork(int epochs, int samples) {
        int train = trainCount(dataset, testRatio);
        double trained = (double) epochs * train + samples;
        double evaluated = (double) epochs * dataset.count();
        return (trained + evaluated) * (parameterCount() + SAMPLE_OVERHEAD);
    }

    /** Refuses a moment too far into the run to open from a link (see {@link #MAX_SEEK_WORK}). */
    public void checkSeek(int epochs, int samples) {
        double work = seekWork(Math.min(epochs, this.epochs), samples);
        if (work > MAX_SEEK_WORK) {
            throw new ConfigException(
                    "url",
                    String.format(
                            Locale.ROOT,
                            "at: this moment is too far into the run to open from a link (work %.3g, the limit is"
                                    + " %.1e); open the run without at= and press Start, or pick an earlier moment",
                            work,
                            MAX_SEEK_WORK));
        }
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
        return parse(params, name -> null);
    }

    /**
     * As above; {@code uploads} finds a learner's own datasets (names such as csv-0123456789ab) in their session, or
     * returns null.
     */
    public static Config parse(Map<String, String> params, Function<String, Source> uploads) {
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!NAMES.contains(e.getKey())) {
                throw new ConfigException(
                        clip(e.getKey()), "is not a parameter; the parameters are " + String.join(", ", NAMES));
            }
            if (e.getValue() != null && e.getValue().length() > MAX_VALUE_LENGTH) {
                throw new ConfigException(e.getKey(), "is too long (at most " + MAX_VALUE_LENGTH + " characters)");
            }
        }
        Source dataset = parseWith(params, "dataset", "exp-sin", name -> source(name, uploads));
        boolean notebook = dataset == DatasetKind.NOTEBOOK_EXAMPLE;
        // TensorFlow Playground's defaults for its 2-D sets; the notebook's for the rest
        boolean planar = dataset.planar(), classes = dataset.classification();
        if (!planar && params.get("features") != null) {
            throw new ConfigException("features", "apply to the 2-D datasets only (" + dataset.id() + " is not one)");
        }
        Features features = planar ? parseWith(params, "features", "x1,x2", Features::parse) : null;
        int inputs = features != null ? features.count() : dataset.inputs();
        String hidden = planar ? ",4,2," : ",3,";
        int[] layers = parseWith(params, "layers", inputs + hidden + dataset.outputs(), Config::parseLayers);
        Activation activation = parseWith(params, "activation", planar ? "tanh" : "sigmoid", Activation::parse);
        String out = !classes ? "linear" : dataset.outputs() > 1 ? "softmax" : "sigmoid";
        Activation output = parseWith(params, "output", out, Activation::parse);
        Loss loss = parseWith(params, "loss", classes ? "cross-entropy" : "mse", Loss::parse);
        boolean bias = parseWith(params, "bias", notebook ? "false" : "true", Config::parseBoolean);
        double lr = parseWith(params, "lr", notebook ? "0.01" : planar ? "0.03" : "0.05", Config::parseDouble);
        Optimizer optimizer = parseWith(params, "optimizer", "sgd", Optimizer::parse);
        Regularization regularization = parseWith(params, "regularization", "none", Regularization::parse);
        double regRate = parseWith(params, "regRate", "0", Config::parseDouble);
        int epochs = parseWith(params, "epochs", notebook ? "40" : planar ? "100" : "50", Config::parseInt);
        int batch = parseWith(params, "batch", planar ? "10" : "1", Config::parseInt);
        long seed = parseWith(params, "seed", "42", Config::parseLong);
        Init init = parseWith(params, "init", notebook ? "uniform" : "xavier", Init::parse);
        String std = notebook || planar || classes ? "false" : "true";
        boolean standardize = parseWith(params, "standardize", std, Config::parseBoolean);
        double testRatio = parseWith(params, "testRatio", "0.33", Config::parseDouble);
        double noise = parseWith(params, "noise", "0", Config::parseDouble);

        if (layers[0] != inputs || layers[layers.length - 1] != dataset.outputs()) {
            String what =
                    features != null && !features.equals(Features.PLAIN) ? " with the features " + features.text() : "";
            throw new ConfigException(
                    "layers",
                    dataset.id() + what + " has " + inputs + " inputs and " + dataset.outputs()
                            + " outputs, so layers must start with " + inputs + " and end with "
                            + dataset.outputs());
        }
        if (!activation.elementwise()) {
            throw new ConfigException("activation", "softmax is for the output layer only; pick it under output");
        }
        if (output == Activation.SOFTMAX && dataset.outputs() < 2) {
            throw new ConfigException(
                    "output", "softmax needs two or more outputs (" + dataset.id() + " has one); use sigmoid");
        }
        if (loss == Loss.CROSS_ENTROPY) {
            if (!loss.fits(output)) {
                throw new ConfigException(
                        "loss", "cross-entropy needs a sigmoid or softmax output (the output is " + output.id() + ")");
            }
            if (!classes) {
                throw new ConfigException(
                        "loss",
                        "cross-entropy needs class labels (0 or 1) as targets, and " + dataset.id()
                                + " is a regression set; use mse");
            }
            if (standardize) {
                throw new ConfigException(
                        "standardize", "must be off with cross-entropy: the targets must stay 0 or 1");
            }
        }
        if (!(regRate >= 0 && regRate <= MAX_REG_RATE)) {
            throw new ConfigException("regRate", "must be a number from 0 to " + fmt(MAX_REG_RATE));
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
                features,
                layers,
                activation,
                output,
                loss,
                bias,
                lr,
                optimizer,
                regularization,
                regRate,
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

    /** A built-in dataset by name, or a learner's own one from {@code uploads}. */
    private static Source source(String name, Function<String, Source> uploads) {
        String n = name.trim();
        if (Csv.isName(n)) {
            Source s = uploads.apply(n);
            if (s == null) {
                throw new ConfigException(
                        "dataset",
                        n + " is someone's own data (a CSV file), and it is not uploaded in this session: upload the"
                                + " same file, with the same input and target columns, to open this link");
            }
            return s;
        }
        return DatasetKind.parse(n);
    }

    /** The number of training samples this dataset and test ratio give. */
    public static int trainCount(Source dataset, double testRatio) {
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
     * An upper estimate of the most memory a run of this configuration holds, in bytes: what it holds before it trains
     * ({@link #idleBytes()}) and the sample log once full, which holds at most as many samples as the run trains
     * (see {@link SampleLog}). {@code MemoryEstimateTest} measures both against the heap.
     */
    public long estimatedBytes() {
        long samples = Math.min(SampleLog.capacity(layers), (long) epochs * trainCount() + 1);
        return idleBytes() + samples * SampleLog.traceBytes(layers);
    }

    /**
     * An upper estimate of what a run holds before it trains: the weights in their storage, the training path's
     * working copy, the last snapshot and the last trace (about 8 copies of the parameters in all), the mini-batch
     * buffers (at most 256 samples of every layer, three matrices each, and a copy of the weights), the optimiser's
     * state, the loss history, the gradient flow's history (two arrays of L numbers an epoch), and its dataset (shared
     * between runs with the same data settings, but counted in full here).
     */
    public long idleBytes() {
        long params = parameterCount();
        long widths = 0;
        for (int width : layers) widths += width;
        long batchBuffers = batch > 1 ? 3L * Math.min(batch, 256) * widths + 2 * params : 0;
        // per epoch, in 8-byte words: the losses (boxed), and two double[L] with their headers and references
        long history = 6L * epochs + 2L * epochs * (layers.length - 1 + 3);
        long data = (long) dataset.count() * (layers[0] + dataset.inputs() + 2L * dataset.outputs());
        long optimizerState = optimizer == Optimizer.ADAM ? 2 * params : optimizer == Optimizer.MOMENTUM ? params : 0;
        if (!plainSgd() && batch == 1) batchBuffers = 3L * widths + 2 * params;
        return 8 * (8 * params + batchBuffers + history + data + optimizerState) + 2048;
    }

    /**
     * A network of this configuration's shape with the given weights: {@code weights[l][i][j]} is row i, column j of
     * W^(l+1), {@code biases[l]} is b^(l+1) (null without biases, or for all zero).
     *
     * @throws ConfigException naming {@code weights} and what does not fit
     */
    public Network network(double[][][] weights, double[][] biases) {
        int L = layers.length - 1;
        Network net = network();
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

    /** A network of this shape, activations and loss, all weights zero. */
    public Network network() {
        return new Network(layers, activations(), bias, loss);
    }

    /** Plain SGD without regularisation (the training path's fused kernels). */
    public boolean plainSgd() {
        return optimizer == Optimizer.SGD && (regularization == Regularization.NONE || regRate == 0);
    }

    /** Whether accuracy is measured: the targets are class labels. */
    public boolean classification() {
        return dataset.classification();
    }

    /** f^(1)..f^(L). */
    public Activation[] activations() {
        return Network.activations(layers.length - 1, activation, output);
    }

    /** Every parameter by name, as strings, in {@link #NAMES} order. */
    public Map<String, String> toParams() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dataset", dataset.id());
        if (features != null) m.put("features", features.text());
        m.put("layers", layersText());
        m.put("activation", activation.id());
        m.put("output", output.id());
        m.put("loss", loss.id());
        m.put("bias", String.valueOf(bias));
        m.put("lr", fmt(lr));
        m.put("optimizer", optimizer.id());
        m.put("regularization", regularization.id());
        m.put("regRate", fmt(regRate));
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
        if (features != null) m.put("features", features.text());
        List<Integer> ls = new ArrayList<>();
        for (int w : layers) ls.add(w);
        m.put("layers", ls);
        m.put("activation", activation.id());
        m.put("output", output.id());
        m.put("loss", loss.id());
        m.put("bias", bias);
        m.put("lr", lr);
        m.put("optimizer", optimizer.id());
        m.put("regularization", regularization.id());
        m.put("regRate", regRate);
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
