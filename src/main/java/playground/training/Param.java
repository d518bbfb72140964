package playground.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
 * The run's parameters, each declared once: its name (in URLs, forms, JSON and {@code --NAME} flags), how its value
 * reads and writes ({@link Codec}), its default for a dataset ({@link Preset}), its limits ({@link Range}), a line of
 * help and how the form shows it ({@link Control}). The order of the constants is the order of URLs, JSON and the
 * README's table. {@link Config#parse} (the page, the API and the command line all validate through it) reads every
 * parameter through this table, then checks the rules between parameters, then each one's limits; {@link
 * Config#toParams()}, {@link Config#toJson()}, the page's form ({@code param.jte}), the command line's help and
 * {@code ParamTest} (the README's table) are derived from it. A parameter here is part of what a run is: two
 * configurations are the same run when all of them are equal. What the page adds to a run (the pace, a moment,
 * the notebook as written, weights to start from) is read in {@code http.Pages}, not here.
 *
 * <p>To add a parameter: add a constant here, where it belongs in URLs (a new kind of value needs a {@link Codec});
 * give {@link Config} a typed accessor if code reads it ({@code return (T) get(Param.X)}); write a rule in {@link
 * Config#parse} only if it constrains other parameters; add its row to the README's table ({@code ParamTest} says
 * what its name, limits and default cells must read); place its control in {@code page.jte} through the template
 * {@code param.jte} ({@code ParamTest} checks that every parameter has a place there).
 */
public enum Param {
    DATASET(
            "dataset",
            Codec.DATASET,
            p -> "exp-sin",
            null,
            "the data: exp-sin (the notebook's), notebook-example, a 2-D set, or csv-… (your own upload)",
            Control.select("Dataset")),
    FEATURES(
            "features",
            Codec.of(Features.class, Features::parse, Features::text),
            p -> p.planar() ? Features.PLAIN.text() : null,
            null,
            "2-D sets only: the inputs, from x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2",
            Control.own("Input features")),
    LAYERS(
            "layers",
            Codec.LAYERS,
            p -> p.inputs() + (p.planar() ? ",4,2," : ",3,") + p.dataset().outputs(),
            null,
            "layer sizes, input and output included; the first and last must match the dataset",
            Control.own("Network")),
    ACTIVATION(
            "activation",
            Codec.choice(Activation.class, Activation::parse, Activation::id, Activation.HIDDEN, Activation::id),
            p -> p.planar() ? "tanh" : "sigmoid",
            null,
            "the hidden layers' activation",
            Control.select("Hidden activation")),
    OUTPUT(
            "output",
            Codec.choice(
                    Activation.class, Activation::parse, Activation::id, List.of(Activation.values()), Activation::id),
            p -> !p.classes() ? "linear" : p.dataset().outputs() > 1 ? "softmax" : "sigmoid",
            null,
            "the output layer's activation (softmax needs two or more outputs)",
            Control.select("Output activation")),
    LOSS(
            "loss",
            Codec.choice(
                    Loss.class,
                    Loss::parse,
                    Loss::id,
                    List.of(Loss.values()),
                    l -> l == Loss.MSE ? "MSE" : "cross-entropy"),
            p -> p.classes() ? "cross-entropy" : "mse",
            null,
            "mse, or cross-entropy (a sigmoid or softmax output and 0/1 class labels)",
            Control.select("Loss")),
    BIAS(
            "bias",
            Codec.BOOLEAN,
            p -> p.notebook() ? "false" : "true",
            null,
            "biases in every layer",
            Control.select("Bias")),
    LR(
            "lr",
            Codec.DOUBLE,
            p -> p.notebook() ? "0.01" : p.planar() ? "0.03" : "0.05",
            Range.above(0, 10),
            "the learning rate η",
            Control.text("Learning rate η")),
    OPTIMIZER(
            "optimizer",
            Codec.choice(Optimizer.class, Optimizer::parse, Optimizer::id, List.of(Optimizer.values()), Optimizer::id),
            p -> "sgd",
            null,
            "sgd, momentum (μ = 0.9) or adam",
            Control.select("Optimiser")),
    REGULARIZATION(
            "regularization",
            Codec.choice(
                    Regularization.class,
                    Regularization::parse,
                    Regularization::id,
                    List.of(Regularization.values()),
                    Regularization::id),
            p -> "none",
            null,
            "none, l1 or l2, on the weights (not the biases)",
            Control.select("Regularisation")),
    /** The largest rate is TensorFlow Playground's. */
    REG_RATE(
            "regRate",
            Codec.DOUBLE,
            p -> "0",
            Range.of(0, 10, ""),
            "the regularisation rate λ",
            Control.text("Rate λ")),
    EPOCHS(
            "epochs",
            Codec.INT,
            p -> p.notebook() ? "40" : p.planar() ? "100" : "50",
            Range.of(1, 10_000, ""),
            "passes over the training set",
            Control.number("Epochs", 0)),
    /** Its upper limit, the size of the training set, is a rule of {@link Config#parse}. */
    BATCH(
            "batch",
            Codec.INT,
            p -> p.planar() ? "10" : "1",
            Range.of(1, Double.POSITIVE_INFINITY, ""),
            "samples per update, up to the training-set size (1: per-sample SGD, the notebook's)",
            Control.number("Batch size", 0)),
    SEED(
            "seed",
            Codec.LONG,
            p -> "42",
            null,
            "any 64-bit integer: the data, the split, the initial weights and the shuffles come from it",
            Control.text("Seed")),
    INIT(
            "init",
            Codec.choice(
                    Init.class,
                    Init::parse,
                    Init::id,
                    List.of(Init.values()),
                    i -> i == Init.XAVIER ? "xavier (uniform ±√(6/(n_in+n_out)))" : "uniform U[0,1) (the notebook)"),
            p -> p.notebook() ? "uniform" : "xavier",
            null,
            "xavier, or uniform U[0,1) (the notebook's)",
            Control.select("Initial weights")),
    STANDARDIZE(
            "standardize",
            Codec.BOOLEAN,
            p -> p.notebook() || p.planar() || p.classes() ? "false" : "true",
            null,
            "z-score the targets with the training set's mean and standard deviation",
            Control.select("Standardise targets")),
    TEST_RATIO(
            "testRatio",
            Codec.DOUBLE,
            p -> "0.33",
            Range.of(0.05, 0.95, ""),
            "the share of the samples in the test set",
            Control.text("Test ratio")),
    /** In percent, as in TensorFlow Playground. */
    NOISE(
            "noise",
            Codec.DOUBLE,
            p -> "0",
            Range.of(0, 50, "percent"),
            "blurs the 2-D sets, in percent",
            Control.number("Noise % (2-D sets)", 5));

    /** Every parameter's name, in the order URLs and forms list them. */
    public static final List<String> NAMES =
            Arrays.stream(values()).map(Param::id).toList();

    private static final int MAX_VALUE_LENGTH = 200;

    private final String id;
    private final Codec<?> codec;
    private final Function<Preset, String> dflt;
    private final Range range;
    private final String help;
    private final Control control;

    Param(String id, Codec<?> codec, Function<Preset, String> dflt, Range range, String help, Control control) {
        this.id = id;
        this.codec = codec;
        this.dflt = dflt;
        this.range = range;
        this.help = help;
        this.control = control;
    }

    /** The name in URLs, forms, JSON and flags. */
    public String id() {
        return id;
    }

    public String help() {
        return help;
    }

    public Control control() {
        return control;
    }

    /** Its limits, or null when any value that reads is allowed (or the value is one of a list). */
    public Range range() {
        return range;
    }

    /** Whether it is true or false. */
    public boolean bool() {
        return codec == Codec.BOOLEAN;
    }

    /** Whether JSON gives it as an array of whole numbers (layers). */
    public boolean array() {
        return codec == Codec.LAYERS;
    }

    /** Whether it is a whole number. */
    public boolean whole() {
        return codec == Codec.INT || codec == Codec.LONG;
    }

    /** Its limits in words, as the README's table gives them (e.g. "&gt; 0 and ≤ 10"), or null. */
    public String limits() {
        if (this == LAYERS) {
            return "2 to " + (Network.MAX_WEIGHT_LAYERS + 1) + " sizes, each " + Network.MIN_WIDTH + " to "
                    + Network.MAX_WIDTH;
        }
        return range == null || range.max() == Double.POSITIVE_INFINITY ? null : range.text();
    }

    /** The values a select offers: (value, label) pairs; empty for other controls. */
    public List<Choice> choices() {
        return codec.choices;
    }

    /** Its default for this dataset (and features), as text; null when it does not apply. */
    public String defaultFor(Preset preset) {
        return dflt.apply(preset);
    }

    /**
     * Its defaults in words, as the README's table gives them: the first built-in dataset's, then the others where
     * they differ, e.g. {@code `0.05` (`0.01` for notebook-example; `0.03` for the 2-D sets)}.
     */
    public String defaults() {
        Map<String, List<String>> by = new LinkedHashMap<>();
        List<String> planar = new ArrayList<>();
        for (DatasetKind k : DatasetKind.values()) {
            if (k.planar()) planar.add(k.id());
            String d = defaultFor(new Preset(k, k.planar() ? Features.PLAIN : null));
            if (d != null) by.computeIfAbsent(d, x -> new ArrayList<>()).add(k.id());
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<String>> e : by.entrySet()) {
            boolean first = sb.length() == 0;
            sb.append(first ? "" : sb.indexOf("(") < 0 ? " (" : "; ")
                    .append('`')
                    .append(e.getKey())
                    .append('`');
            if (first) continue;
            List<String> names = new ArrayList<>(e.getValue());
            if (names.containsAll(planar)) {
                names.removeAll(planar);
                names.add("the 2-D sets");
            }
            sb.append(" for ").append(names.size() == 2 ? String.join(" and ", names) : String.join(", ", names));
        }
        return sb.append(by.size() > 1 ? ")" : "").toString();
    }

    /** The parameter of this name, or null. */
    public static Param named(String name) {
        for (Param p : values()) if (p.id.equals(name)) return p;
        return null;
    }

    /** Refuses names that are no parameter and values too long to be one. */
    static void checkNames(Map<String, String> params) {
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (named(e.getKey()) == null) {
                throw new ConfigException(
                        clip(e.getKey()), "is not a parameter; the parameters are " + String.join(", ", NAMES));
            }
            if (e.getValue() != null && e.getValue().length() > MAX_VALUE_LENGTH) {
                throw new ConfigException(e.getKey(), "is too long (at most " + MAX_VALUE_LENGTH + " characters)");
            }
        }
    }

    /**
     * Reads this parameter from {@code raw} (null: its default for {@code preset}); its limits are checked apart,
     * by {@link #check}, after the rules between parameters.
     *
     * @throws ConfigException naming this parameter
     */
    Object read(String raw, Preset preset, Function<String, Source> uploads) {
        String d = defaultFor(preset);
        String value = raw == null ? d : raw.trim();
        if (value == null) return null;
        if (value.isEmpty()) throw new ConfigException(id, "is empty; leave it out to use the default " + d);
        try {
            return codec.reader.read(value, uploads);
        } catch (ConfigException e) {
            throw new ConfigException(id, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(id, e.getMessage() + " (got \"" + clip(value) + "\")");
        }
    }

    /** Refuses a value outside this parameter's limits (an open upper limit is a rule of {@link Config#parse}). */
    void check(Object value) {
        if (range == null || range.max() == Double.POSITIVE_INFINITY) return;
        double v = ((Number) value).doubleValue();
        if (!range.contains(v)) throw new ConfigException(id, range.message(whole()));
    }

    /** The value as the text of a URL or a form. */
    String text(Object value) {
        return codec.text(value);
    }

    /** The value as JSON: numbers as numbers, layers as an array. */
    Object json(Object value) {
        return codec.json(value);
    }

    /** A number as the shortest text that reads back to it. */
    public static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
        return String.valueOf(v);
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** What the defaults depend on: the dataset and, for the 2-D sets, the features (null until they are read). */
    public record Preset(Source dataset, Features features) {
        public boolean notebook() {
            return dataset == DatasetKind.NOTEBOOK_EXAMPLE;
        }

        /** TensorFlow Playground's 2-D sets take its defaults; the rest the notebook's. */
        public boolean planar() {
            return dataset.planar();
        }

        public boolean classes() {
            return dataset.classification();
        }

        public int inputs() {
            return features != null ? features.count() : dataset.inputs();
        }
    }

    /**
     * A number's limits: from {@code min} (or above it, when {@code above}) to {@code max}; {@code unit} is said
     * after them in messages.
     */
    public record Range(double min, boolean above, double max, String unit) {
        static Range of(double min, double max, String unit) {
            return new Range(min, false, max, unit);
        }

        static Range above(double min, double max) {
            return new Range(min, true, max, "");
        }

        boolean contains(double v) {
            return (above ? v > min : v >= min) && v <= max;
        }

        /** "0 to 10", or "&gt; 0 and ≤ 10". */
        public String text() {
            return above ? "> " + fmt(min) + " and ≤ " + fmt(max) : fmt(min) + " to " + fmt(max);
        }

        String message(boolean whole) {
            String what = whole ? "a whole number" : "a number";
            if (above) return "must be " + what + " greater than " + fmt(min) + " and at most " + fmt(max);
            return "must be " + what + " from " + fmt(min) + " to " + fmt(max)
                    + (unit.isEmpty() ? "" : " (" + unit + ")");
        }
    }

    /**
     * How the form shows a parameter: a select of its {@link #choices()}, a text or number field, or a control of
     * the page's own (the dataset, the feature chips, the layer chips).
     */
    public record Control(String label, String type, double step) {
        static Control select(String label) {
            return new Control(label, "select", 0);
        }

        static Control text(String label) {
            return new Control(label, "text", 0);
        }

        static Control number(String label, double step) {
            return new Control(label, "number", step);
        }

        static Control own(String label) {
            return new Control(label, "own", 0);
        }
    }

    /** A value a select offers, with its label. */
    public record Choice(String value, String label) {}
}
