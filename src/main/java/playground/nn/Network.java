package playground.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * A multilayer perceptron with layer sizes [n0, n1, ..., nL]. Layers are numbered as in the notebook: l = 1..L, with
 * W^(l) of n_l rows and n_(l-1) columns, b^(l) of n_l rows, and activation f^(l). Index 0 of the per-layer arrays is
 * unused so that {@code W[l]} reads as W^(l).
 *
 * <p>The weights are mutable (training updates them in place); use {@link #copy()} for a snapshot.
 */
public final class Network {
    public static final int MIN_WEIGHT_LAYERS = 1;
    public static final int MAX_WEIGHT_LAYERS = 9;
    public static final int MIN_WIDTH = 1;
    public static final int MAX_WIDTH = 256;

    private final int[] n;
    private final Activation[] f;
    private final boolean bias;
    private final Loss loss;
    /** W[l] = W^(l), n_l x n_(l-1), for l = 1..L. */
    final DMatrixRMaj[] W;
    /** b[l] = b^(l), n_l x 1, for l = 1..L; all zero and never updated when biases are off. */
    final DMatrixRMaj[] b;

    /**
     * A network with all weights zero.
     *
     * @param sizes [n0, ..., nL]
     * @param activations f^(1)..f^(L), one per weight layer
     */
    public Network(int[] sizes, Activation[] activations, boolean bias) {
        this(sizes, activations, bias, MAX_WIDTH, Loss.MSE);
    }

    /** As above, trained on {@code loss}. */
    public Network(int[] sizes, Activation[] activations, boolean bias, Loss loss) {
        this(sizes, activations, bias, MAX_WIDTH, loss);
    }

    /**
     * As above, but with a wider limit on layer width, for benchmarks shaped like MNIST (784 inputs). Runs the product
     * offers stay within {@link #MAX_WIDTH}.
     */
    public Network(int[] sizes, Activation[] activations, boolean bias, int maxWidth) {
        this(sizes, activations, bias, maxWidth, Loss.MSE);
    }

    private Network(int[] sizes, Activation[] activations, boolean bias, int maxWidth, Loss loss) {
        checkSizes(sizes, maxWidth);
        if (activations.length != sizes.length - 1) {
            throw new IllegalArgumentException(
                    "need one activation per weight layer: " + (sizes.length - 1) + ", got " + activations.length);
        }
        for (int l = 0; l < activations.length - 1; l++) {
            if (!activations[l].elementwise()) {
                throw new IllegalArgumentException("softmax can only be the output layer's activation");
            }
        }
        Activation out = activations[activations.length - 1];
        if (!loss.fits(out)) {
            throw new IllegalArgumentException("cross-entropy needs a sigmoid or softmax output, not " + out.id());
        }
        this.loss = loss;
        this.n = sizes.clone();
        this.f = new Activation[sizes.length];
        System.arraycopy(activations, 0, f, 1, activations.length);
        this.bias = bias;
        int layers = sizes.length - 1;
        W = new DMatrixRMaj[layers + 1];
        b = new DMatrixRMaj[layers + 1];
        for (int l = 1; l <= layers; l++) {
            W[l] = new DMatrixRMaj(n[l], n[l - 1]);
            b[l] = new DMatrixRMaj(n[l], 1);
        }
    }

    /** The notebook's default: sigmoid in every hidden layer, linear output. */
    public static Activation[] defaultActivations(int weightLayers) {
        return activations(weightLayers, Activation.SIGMOID, Activation.LINEAR);
    }

    /** {@code hidden} for layers 1..L-1 and {@code output} for layer L. */
    public static Activation[] activations(int weightLayers, Activation hidden, Activation output) {
        Activation[] acts = new Activation[weightLayers];
        Arrays.fill(acts, hidden);
        acts[weightLayers - 1] = output;
        return acts;
    }

    /** Refuses sizes outside the limits with a message that names the limit. */
    public static void checkSizes(int[] sizes) {
        checkSizes(sizes, MAX_WIDTH);
    }

    private static void checkSizes(int[] sizes, int maxWidth) {
        if (sizes == null || sizes.length < MIN_WEIGHT_LAYERS + 1 || sizes.length > MAX_WEIGHT_LAYERS + 1) {
            int got = sizes == null ? 0 : sizes.length;
            throw new IllegalArgumentException("a network needs " + (MIN_WEIGHT_LAYERS + 1) + " to "
                    + (MAX_WEIGHT_LAYERS + 1) + " layer sizes (1 to " + MAX_WEIGHT_LAYERS
                    + " weight layers), got " + got);
        }
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < MIN_WIDTH || sizes[i] > maxWidth) {
                throw new IllegalArgumentException("layer " + i + " has width " + sizes[i] + "; each layer must be "
                        + MIN_WIDTH + " to " + maxWidth + " wide");
            }
        }
    }

    /** Draws every W^(l) from {@code init} using {@code rng}, row by row, layer 1 first; sets every b^(l) to 0. */
    public void initialize(Init init, RandomGenerator rng) {
        for (int l = 1; l <= layers(); l++) {
            double[] w = W[l].data;
            double r = Math.sqrt(6.0 / (n[l - 1] + n[l]));
            for (int k = 0; k < w.length; k++) {
                double u = rng.nextDouble();
                w[k] = init == Init.XAVIER ? (2.0 * u - 1.0) * r : u;
            }
            Arrays.fill(b[l].data, 0.0);
        }
    }

    public Network copy() {
        Network c = new Network(
                n,
                activationsArray(),
                bias,
                Math.max(MAX_WIDTH, Arrays.stream(n).max().getAsInt()),
                loss);
        c.setFrom(this);
        return c;
    }

    /** Copies all weights and biases from a network of the same shape. */
    public void setFrom(Network other) {
        for (int l = 1; l <= layers(); l++) {
            W[l].setTo(other.W[l]);
            b[l].setTo(other.b[l]);
        }
    }

    /** L, the number of weight layers. */
    public int layers() {
        return n.length - 1;
    }

    /** n_l. */
    public int size(int l) {
        return n[l];
    }

    public int[] sizes() {
        return n.clone();
    }

    public int inputs() {
        return n[0];
    }

    public int outputs() {
        return n[n.length - 1];
    }

    public boolean hasBias() {
        return bias;
    }

    /** The loss E this network is trained on. */
    public Loss loss() {
        return loss;
    }

    /** f^(l), l = 1..L. */
    public Activation activation(int l) {
        return f[l];
    }

    public Activation[] activationsArray() {
        return Arrays.copyOfRange(f, 1, f.length);
    }

    /** The number of trainable parameters. */
    public int parameterCount() {
        int count = 0;
        for (int l = 1; l <= layers(); l++) {
            count += n[l] * n[l - 1] + (bias ? n[l] : 0);
        }
        return count;
    }

    /** w^(l)_ij. */
    public double w(int l, int i, int j) {
        return W[l].unsafe_get(i, j);
    }

    public void setW(int l, int i, int j, double value) {
        W[l].unsafe_set(i, j, value);
    }

    /** b^(l)_i. */
    public double b(int l, int i) {
        return b[l].data[i];
    }

    public void setB(int l, int i, double value) {
        if (!bias) throw new IllegalStateException("this network has no biases");
        b[l].data[i] = value;
    }

    /** W^(l) as a fresh row-major array of rows. */
    public double[][] weights(int l) {
        return Matrices.rows(W[l]);
    }

    /** b^(l) as a fresh array. */
    public double[] biases(int l) {
        return b[l].data.clone();
    }

    /** Sets W^(l) from rows; the shape must match. */
    public void setWeights(int l, double[][] rows) {
        Matrices.setRows(W[l], rows, "W^(" + l + ")");
    }

    public void setBiases(int l, double[] values) {
        if (values.length != n[l]) {
            throw new IllegalArgumentException("b^(" + l + ") needs " + n[l] + " values, got " + values.length);
        }
        System.arraycopy(values, 0, b[l].data, 0, values.length);
    }

    /** True when every weight and bias is finite. */
    public boolean isFinite() {
        for (int l = 1; l <= layers(); l++) {
            for (double v : W[l].data) if (!Double.isFinite(v)) return false;
            for (double v : b[l].data) if (!Double.isFinite(v)) return false;
        }
        return true;
    }

    /** Exact equality of shape and every weight (bit-for-bit), for determinism checks. */
    public boolean sameWeights(Network o) {
        if (!Arrays.equals(n, o.n)) return false;
        for (int l = 1; l <= layers(); l++) {
            if (!Arrays.equals(W[l].data, o.W[l].data) || !Arrays.equals(b[l].data, o.b[l].data)) return false;
        }
        return true;
    }

    /**
     * The forward pass, allocating nothing: z^(l) = W^(l) a^(l-1) + b^(l) into z[l] (when z is not null), a^(l) =
     * f^(l)(z^(l)) into a[l], for l = 1..L, with a[0] = x. The buffers are sized n_l. The trace path and the pictures
     * use it; the training kernels ({@link Sgd}) have their own, specialised for speed, over the same {@link
     * Activation} definitions.
     */
    public void forward(double[] x, double[][] z, double[][] a) {
        a[0] = x;
        for (int l = 1; l <= layers(); l++) {
            double[] w = W[l].data, bl = b[l].data, prev = a[l - 1], al = a[l];
            Activation fl = f[l];
            int cols = n[l - 1];
            for (int i = 0, row = 0; i < n[l]; i++, row += cols) {
                // z_i = sum_j w_ij a_j + b_i
                double s = 0;
                for (int j = 0; j < cols; j++) s += w[row + j] * prev[j];
                s += bl[i];
                if (z != null) z[l][i] = s;
                al[i] = fl.elementwise() ? fl.f(s) : s;
            }
            if (!fl.elementwise()) Activation.softmax(al, 0, n[l]);
        }
    }

    /** Buffers for {@link #forward}: one array of n_l per layer l = 1..L (index 0 left for x). */
    public double[][] buffers() {
        double[][] v = new double[n.length][];
        for (int l = 1; l < n.length; l++) v[l] = new double[n[l]];
        return v;
    }

    /** y = the network's output for x (allocates; for evaluation and display, not the training loop). */
    public double[] predict(double[] x) {
        return Backprop.forward(this, x).a()[layers()];
    }
}
