package playground.training;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import playground.data.Features;
import playground.data.Source;
import playground.nn.Activation;
import playground.nn.Init;
import playground.nn.Loss;
import playground.nn.Network;
import playground.nn.Optimizer;
import playground.nn.Regularization;
import playground.nn.Sgd;

/**
 * A run's whole configuration, validated: a value for each {@link Param}, read through that table (for the page, the
 * API and the command line alike), then checked by the rules between parameters in {@link #parse}.
 *
 * @param values every parameter's value (features only for the 2-D sets)
 */
public record Config(Map<Param, Object> values) {

    /** The parameter names, in the order URLs and forms list them. */
    public static final List<String> NAMES = Param.NAMES;

    /** The cap on work per run: epochs x training samples x parameters. */
    public static final double MAX_WORK = 5e10;

    public Config {
        EnumMap<Param, Object> copy = new EnumMap<>(Param.class);
        copy.putAll(values);
        copy.put(Param.LAYERS, ((int[]) copy.get(Param.LAYERS)).clone());
        values = Collections.unmodifiableMap(copy);
    }

    private Object get(Param p) {
        return values.get(p);
    }

    public Source dataset() {
        return (Source) get(Param.DATASET);
    }

    /** The input features of a 2-D set; null for the others. */
    public Features features() {
        return (Features) get(Param.FEATURES);
    }

    public int[] layers() {
        return (int[]) get(Param.LAYERS);
    }

    public Activation activation() {
        return (Activation) get(Param.ACTIVATION);
    }

    public Activation output() {
        return (Activation) get(Param.OUTPUT);
    }

    public Loss loss() {
        return (Loss) get(Param.LOSS);
    }

    public boolean bias() {
        return (Boolean) get(Param.BIAS);
    }

    public double lr() {
        return (Double) get(Param.LR);
    }

    public Optimizer optimizer() {
        return (Optimizer) get(Param.OPTIMIZER);
    }

    public Regularization regularization() {
        return (Regularization) get(Param.REGULARIZATION);
    }

    public double regRate() {
        return (Double) get(Param.REG_RATE);
    }

    public int epochs() {
        return (Integer) get(Param.EPOCHS);
    }

    public int batch() {
        return (Integer) get(Param.BATCH);
    }

    public long seed() {
        return (Long) get(Param.SEED);
    }

    public Init init() {
        return (Init) get(Param.INIT);
    }

    public boolean standardize() {
        return (Boolean) get(Param.STANDARDIZE);
    }

    public double testRatio() {
        return (Double) get(Param.TEST_RATIO);
    }

    public double noise() {
        return (Double) get(Param.NOISE);
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

    /**
     * The cap on working out the loss now after a learner's edit (both sets, at the edited weights, on the request
     * that makes it): 10^8 units, at most about 0.1-1 s. Past it an edit leaves the loss to the next epoch's end.
     */
    public static final double MAX_LOSS_NOW_WORK = 1e8;

    /** The work of working out the figures over both sets once (an epoch's end, the loss now after an edit). */
    public double evaluationWork() {
        return (double) dataset().count() * (parameterCount() + SAMPLE_OVERHEAD);
    }

    /** Whether an edit works out the loss now (see {@link #MAX_LOSS_NOW_WORK}). */
    public boolean lossNowWorkedOut() {
        return evaluationWork() <= MAX_LOSS_NOW_WORK;
    }

    /** The work of training to a moment, in the units of {@link #MAX_SEEK_WORK}. */
    public double seekWork(int epochs, int samples) {
        return seekWork(epochs, samples, 0);
    }

    /** The work of training to a moment making {@code edits} edits on the way (each works out the loss it left). */
    public double seekWork(int epochs, int samples, int edits) {
        int train = trainCount();
        double trained = (double) epochs * train + samples;
        double evaluated = (double) epochs * dataset().count();
        double editing = lossNowWorkedOut() ? edits * evaluationWork() : 0;
        return (trained + evaluated) * (parameterCount() + SAMPLE_OVERHEAD) + editing;
    }

    /**
     * Refuses a link's moment, with {@code edits} edits made on the way, that is too much work to open (see {@link
     * #MAX_SEEK_WORK}).
     */
    public void checkSeek(int epochs, int samples, int edits) {
        double work = seekWork(Math.min(epochs, epochs()), samples, edits);
        if (work > MAX_SEEK_WORK) {
            throw new ConfigException(
                    "url",
                    String.format(
                            Locale.ROOT,
                            "at: this moment%s is too far into the run to open from a link (work %.3g, the limit is"
                                    + " %.1e); open the run without at= and press Start, or pick an earlier moment",
                            edits > 0 ? ", with its " + edits + " edits made on the way," : "",
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
        Param.checkNames(params);
        Map<Param, Object> v = new EnumMap<>(Param.class);
        Source dataset = (Source) Param.DATASET.read(params.get(Param.DATASET.id()), null, uploads);
        v.put(Param.DATASET, dataset);
        if (!dataset.planar() && params.get(Param.FEATURES.id()) != null) {
            throw new ConfigException(
                    Param.FEATURES.id(), "apply to the 2-D datasets only (" + dataset.id() + " is not one)");
        }
        Features features = (Features)
                Param.FEATURES.read(params.get(Param.FEATURES.id()), new Param.Preset(dataset, null), uploads);
        v.put(Param.FEATURES, features);
        Param.Preset preset = new Param.Preset(dataset, features);
        for (Param p : Param.values()) {
            if (!v.containsKey(p)) v.put(p, p.read(params.get(p.id()), preset, uploads));
        }
        Config c = new Config(v);

        // the rules between parameters
        int[] layers = c.layers();
        int inputs = preset.inputs();
        if (layers[0] != inputs || layers[layers.length - 1] != dataset.outputs()) {
            String what =
                    features != null && !features.equals(Features.PLAIN) ? " with the features " + features.text() : "";
            throw new ConfigException(
                    Param.LAYERS.id(),
                    dataset.id() + what + " has " + inputs + " inputs and " + dataset.outputs()
                            + " outputs, so layers must start with " + inputs + " and end with "
                            + dataset.outputs());
        }
        if (!c.activation().elementwise()) {
            throw new ConfigException(
                    Param.ACTIVATION.id(), "softmax is for the output layer only; pick it under output");
        }
        Activation output = c.output();
        if (output == Activation.SOFTMAX && dataset.outputs() < 2) {
            throw new ConfigException(
                    Param.OUTPUT.id(), "softmax needs two or more outputs (" + dataset.id() + " has one); use sigmoid");
        }
        if (c.loss() == Loss.CROSS_ENTROPY) {
            if (!c.loss().fits(output)) {
                throw new ConfigException(
                        Param.LOSS.id(),
                        "cross-entropy needs a sigmoid or softmax output (the output is " + output.id() + ")");
            }
            if (!dataset.classification()) {
                throw new ConfigException(
                        Param.LOSS.id(),
                        "cross-entropy needs class labels (0 or 1) as targets, and " + dataset.id()
                                + " is a regression set; use mse");
            }
            if (c.standardize()) {
                throw new ConfigException(
                        Param.STANDARDIZE.id(), "must be off with cross-entropy: the targets must stay 0 or 1");
            }
        }
        for (Param p : Param.values()) p.check(v.get(p));
        int trainCount = c.trainCount();
        if (c.batch() < Param.BATCH.range().min() || c.batch() > trainCount) {
            throw new ConfigException(
                    Param.BATCH.id(),
                    "must be a whole number from 1 to " + trainCount + " (the size of the training set)");
        }
        double work = (double) c.epochs() * trainCount * c.parameterCount();
        if (work > MAX_WORK) {
            throw new ConfigException(
                    Param.EPOCHS.id(),
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
    public static int trainCount(Source dataset, double testRatio) {
        int all = dataset.count();
        if (all < 2) return all;
        int test = Math.max(1, Math.min(all - 1, (int) Math.ceil(all * testRatio)));
        return all - test;
    }

    public int trainCount() {
        return trainCount(dataset(), testRatio());
    }

    public int parameterCount() {
        int count = 0;
        for (int l = 1; l < layers().length; l++) count += layers()[l] * layers()[l - 1] + (bias() ? layers()[l] : 0);
        return count;
    }

    /**
     * An upper estimate of the most memory a run of this configuration holds, in bytes: what it holds before it trains
     * ({@link #idleBytes()}) and the sample log once full, which holds at most as many samples as the run trains
     * (see {@link SampleLog}). {@code MemoryEstimateTest} measures both against the heap.
     */
    public long estimatedBytes() {
        long samples = Math.min(SampleLog.capacity(layers()), (long) epochs() * trainCount() + 1);
        return idleBytes() + samples * SampleLog.traceBytes(layers());
    }

    /**
     * An upper estimate of what a run holds before it trains: the weights in their storage, the training path's
     * working copy, the last snapshot and the last trace (about 8 copies of the parameters in all), the mini-batch
     * buffers (at most Sgd.CHUNK samples of every layer, three matrices each, and a copy of the weights), the
     * optimiser's state, the loss history, the gradient flow's history (two arrays of L numbers an epoch), and its
     * dataset (shared between runs with the same data settings, but counted in full here).
     */
    public long idleBytes() {
        long params = parameterCount();
        long widths = 0;
        for (int width : layers()) widths += width;
        long batchBuffers = batch() > 1 ? 3L * Math.min(batch(), Sgd.CHUNK) * widths + 2 * params : 0;
        // per epoch, in 8-byte words: the losses (boxed), and two double[L] with their headers and references
        long history = 6L * epochs() + 2L * epochs() * (layers().length - 1 + 3);
        long data = (long) dataset().count()
                * (layers()[0] + dataset().inputs() + 2L * dataset().outputs());
        long optimizerState =
                optimizer() == Optimizer.ADAM ? 2 * params : optimizer() == Optimizer.MOMENTUM ? params : 0;
        if (!plainSgd() && batch() == 1) batchBuffers = 3L * widths + 2 * params;
        return 8 * (8 * params + batchBuffers + history + data + optimizerState) + 2048;
    }

    /**
     * A network of this configuration's shape with the given weights: {@code weights[l][i][j]} is row i, column j of
     * W^(l+1), {@code biases[l]} is b^(l+1) (null without biases, or for all zero).
     *
     * @throws ConfigException naming {@code weights} and what does not fit
     */
    public Network network(double[][][] weights, double[][] biases) {
        int L = layers().length - 1;
        Network net = network();
        if (weights == null || weights.length != L) {
            throw new ConfigException(
                    "weights", "needs one matrix per weight layer (" + L + ") for layers " + layersText());
        }
        for (int l = 1; l <= L; l++) {
            try {
                net.setWeights(l, weights[l - 1]);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ConfigException("weights", "W^(" + l + ") must be " + layers()[l] + " x " + layers()[l - 1]);
            }
            if (bias() && biases != null) {
                if (biases.length != L || biases[l - 1] == null || biases[l - 1].length != layers()[l]) {
                    throw new ConfigException("weights", "b^(" + l + ") needs " + layers()[l] + " values");
                }
                net.setBiases(l, biases[l - 1]);
            }
        }
        if (!net.isFinite()) throw new ConfigException("weights", "must be finite numbers");
        return net;
    }

    /** A network of this shape, activations and loss, all weights zero. */
    public Network network() {
        return new Network(layers(), activations(), bias(), loss());
    }

    /** Plain SGD without regularisation (the training path's fused kernels). */
    public boolean plainSgd() {
        return optimizer() == Optimizer.SGD && (regularization() == Regularization.NONE || regRate() == 0);
    }

    /** Whether accuracy is measured: the targets are class labels. */
    public boolean classification() {
        return dataset().classification();
    }

    /** f^(1)..f^(L). */
    public Activation[] activations() {
        return Network.activations(layers().length - 1, activation(), output());
    }

    /** Every parameter by name, as strings, in {@link #NAMES} order (features only for the 2-D sets). */
    public Map<String, String> toParams() {
        Map<String, String> m = new LinkedHashMap<>();
        values.forEach((p, v) -> {
            if (v != null) m.put(p.id(), p.text(v));
        });
        return m;
    }

    /** The config as JSON-ready values: numbers as numbers, layers() as an array. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        values.forEach((p, v) -> {
            if (v != null) m.put(p.id(), p.json(v));
        });
        return m;
    }

    public String layersText() {
        return Param.LAYERS.text(layers());
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

    /** Arrays compare by content here (used by tests and maps). */
    public boolean sameLayers(int[] other) {
        return Arrays.equals(layers(), other);
    }
}
