package playground.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The training path: stochastic gradient descent on a {@link Network}, in place, allocating nothing per sample.
 *
 * <p>Three kernels, chosen by what is fastest for the shape (figures in the README's speed section):
 *
 * <ul>
 *   <li><b>One small hidden layer</b> (the notebook's 2-3-2; every width at most {@link #TINY}): plain loops straight
 *       on the weight matrices' data arrays, one loop per equation, all arrays in locals. On such tiny layers a
 *       general per-layer loop costs more than the arithmetic.
 *   <li><b>Any other shape, per sample</b>: the weights are worked on as one array per row. Every inner loop then
 *       indexes all its arrays with the same j, which lets the JIT vectorise the update and the fused backward pass
 *       (with row offsets into one flat array it cannot prove that a write does not feed a later read). The rows are
 *       a working copy: {@link #flush()} writes them back into the network's DMatrixRMaj storage.
 *   <li><b>Mini-batches</b>: EJML's matrix-matrix products on B x n_l activation matrices, where the call overhead
 *       is shared by the whole batch. Buffers are sized once for the largest batch and reshaped, never reallocated.
 * </ul>
 *
 * <p>Per sample, the backward pass is fused with the update: for each layer, delta^(l-1) is accumulated from the old
 * W^(l) in the same pass that updates W^(l). Samples are given as flat arrays: sample s has inputs xs[s*n0 ..
 * s*n0+n0) and targets ts[s*nL .. s*nL+nL).
 */
public final class Sgd {
    /** Widths up to this, with one hidden layer, take the tiny kernel. */
    static final int TINY = 16;

    private static final int SIGMOID = 0, TANH = 1, RELU = 2, LINEAR = 3, SOFTMAX = 4;

    private final Network net;
    private final int L;
    private final int[] n;
    private final Activation[] f;
    private final int[] code;
    private final boolean bias;
    private final boolean tiny;
    private final Loss loss;
    /** Applies the step for optimisers other than plain SGD, or with regularisation; see {@link #plain}. */
    private final Updater updater;
    /**
     * Plain SGD without regularisation: the per-sample kernels fuse the update into the backward pass. Otherwise every
     * step goes through the mini-batch path (a single sample being a batch of one) and the {@link Updater}.
     */
    private final boolean plain;

    private final int[] one = new int[1];
    /** w[l] and b[l] are the network's own storage (W^(l).data, b^(l).data). */
    private final double[][] w;

    private final double[][] b;
    /** rows[l][i] = row i of W^(l), the general kernel's working copy (null for the tiny kernel). */
    private final double[][][] rows;
    /** Whether rows hold updates not yet written back to the network. */
    private boolean dirty;
    /** a^(l) per layer (a[0] = x), and g[l] = dE/da^(l), then delta^(l) in place. */
    private final double[][] a;

    private final double[][] g;

    // Mini-batch buffers: row k of A[l] is a^(l) of the batch's k-th sample.
    private final int maxBatch;
    /**
     * A batch is computed in chunks of at most this many samples (gradients summed over the chunks, all at the old
     * weights), so that its buffers stay small however large the batch: memory per run is bounded.
     */
    static final int CHUNK = 256;

    private final int chunk;
    private final DMatrixRMaj[] Z;
    private final DMatrixRMaj[] A;
    private final DMatrixRMaj[] D;
    private final DMatrixRMaj[] G;
    private final DMatrixRMaj[] gb;
    private final DMatrixRMaj T;

    public Sgd(Network net) {
        this(net, 1);
    }

    /** @param maxBatch the largest batch {@link #trainBatch} will be given */
    public Sgd(Network net, int maxBatch) {
        this(net, maxBatch, null);
    }

    /**
     * @param maxBatch the largest batch {@link #trainBatch} will be given
     * @param updater the optimiser and regularisation, or null for plain SGD
     */
    public Sgd(Network net, int maxBatch, Updater updater) {
        if (maxBatch < 1) throw new IllegalArgumentException("batch size must be at least 1");
        this.net = net;
        this.loss = net.loss();
        this.updater = updater == null ? new Updater(net, Optimizer.SGD, Regularization.NONE, 0) : updater;
        this.plain = this.updater.plain();
        this.L = net.layers();
        this.n = net.sizes();
        this.f = new Activation[L + 1];
        this.code = new int[L + 1];
        this.bias = net.hasBias();
        this.tiny = L == 2
                && java.util.Arrays.stream(n).max().getAsInt() <= TINY
                && loss == Loss.MSE
                && net.activation(L).elementwise()
                && plain;
        this.w = new double[L + 1][];
        this.b = new double[L + 1][];
        this.a = new double[L + 1][];
        this.g = new double[L + 1][];
        this.rows = tiny ? null : new double[L + 1][][];
        a[0] = new double[n[0]];
        for (int l = 1; l <= L; l++) {
            f[l] = net.activation(l);
            code[l] = code(f[l]);
            w[l] = net.W[l].data;
            b[l] = net.b[l].data;
            a[l] = new double[n[l]];
            g[l] = new double[n[l]];
            if (!tiny) rows[l] = new double[n[l]][n[l - 1]];
        }
        reload();
        this.maxBatch = maxBatch;
        this.chunk = Math.min(maxBatch, CHUNK);
        if (maxBatch > 1 || !plain) {
            Z = new DMatrixRMaj[L + 1];
            A = new DMatrixRMaj[L + 1];
            D = new DMatrixRMaj[L + 1];
            G = new DMatrixRMaj[L + 1];
            gb = new DMatrixRMaj[L + 1];
            A[0] = new DMatrixRMaj(chunk, n[0]);
            for (int l = 1; l <= L; l++) {
                Z[l] = new DMatrixRMaj(chunk, n[l]);
                A[l] = new DMatrixRMaj(chunk, n[l]);
                D[l] = new DMatrixRMaj(chunk, n[l]);
                G[l] = new DMatrixRMaj(n[l], n[l - 1]);
                gb[l] = new DMatrixRMaj(n[l], 1);
            }
            T = new DMatrixRMaj(chunk, n[L]);
        } else {
            Z = A = D = G = gb = null;
            T = null;
        }
    }

    public Network network() {
        return net;
    }

    /** Writes the per-sample kernel's updates back into the network's matrices. Cheap when there are none. */
    public void flush() {
        if (!dirty) return;
        for (int l = 1; l <= L; l++) {
            int cols = n[l - 1];
            for (int i = 0; i < n[l]; i++) System.arraycopy(rows[l][i], 0, w[l], i * cols, cols);
        }
        dirty = false;
    }

    /** Takes the network's matrices as they are now (after someone else changed them). */
    public void reload() {
        if (tiny) return;
        for (int l = 1; l <= L; l++) {
            int cols = n[l - 1];
            for (int i = 0; i < n[l]; i++) System.arraycopy(w[l], i * cols, rows[l][i], 0, cols);
        }
        dirty = false;
    }

    // ---- activations, written out so that hot loops call no method per element ----

    private static int code(Activation f) {
        return switch (f) {
            case SIGMOID -> SIGMOID;
            case TANH -> TANH;
            case RELU -> RELU;
            case LINEAR -> LINEAR;
            case SOFTMAX -> SOFTMAX;
        };
    }

    /** f(z) for activation code c (softmax: z, normalised over the layer afterwards). */
    private static double act(int c, double z) {
        if (c == SIGMOID) return 1.0 / (1.0 + Math.exp(-z));
        if (c == TANH) return Math.tanh(z);
        if (c == RELU) return z > 0 ? z : 0.0;
        return z;
    }

    /**
     * d f'(z) for activation code c, given a = f(z) (for relu, z > 0 exactly when a > 0). Never called for softmax,
     * which is only ever an output layer, whose delta {@link Loss#backward} forms.
     */
    private static double timesDf(int c, double d, double a) {
        if (c == SIGMOID) return d * (a * (1.0 - a));
        if (c == TANH) return d * (1.0 - a * a);
        if (c == RELU) return a > 0 ? d : 0.0;
        return d;
    }

    // ---- forward ----

    /** E for sample s, without changing anything. */
    public double loss(double[] xs, double[] ts, int s) {
        forward(xs, s);
        return loss.value(f[L], a[L], 0, ts, s * n[L], n[L]);
    }

    /**
     * The fraction of samples 0..count-1 classified right: with one output, whether y and t are on the same side of
     * {@code threshold}; with several, whether the largest output is the largest target.
     */
    public double accuracy(double[] xs, double[] ts, int count, double threshold) {
        if (count == 0) return 0;
        int right = 0, m = n[L];
        for (int s = 0; s < count; s++) {
            forward(xs, s);
            if (m == 1) {
                if ((a[L][0] >= threshold) == (ts[s] >= threshold)) right++;
            } else if (argmax(a[L], 0, m) == argmax(ts, s * m, m)) {
                right++;
            }
        }
        return (double) right / count;
    }

    private static int argmax(double[] v, int off, int m) {
        int best = 0;
        for (int i = 1; i < m; i++) if (v[off + i] > v[off + best]) best = i;
        return best;
    }

    /** The mean of E over samples 0..count-1. */
    public double meanLoss(double[] xs, double[] ts, int count) {
        double sum = 0;
        for (int s = 0; s < count; s++) sum += loss(xs, ts, s);
        return count == 0 ? 0 : sum / count;
    }

    /** a^(l) = f(W^(l) a^(l-1) + b^(l)) for l = 1..L, with a^(0) = x of sample s. */
    private void forward(double[] xs, int s) {
        System.arraycopy(xs, s * n[0], a[0], 0, n[0]);
        for (int l = 1; l <= L; l++) {
            double[] ap = a[l - 1], al = a[l], bl = b[l];
            int cols = n[l - 1], c = code[l];
            for (int i = 0; i < n[l]; i++) {
                // z^(l)_i = sum_j w^(l)_ij a^(l-1)_j + b^(l)_i
                double z = tiny ? dot(w[l], i * cols, ap, cols) : dot(rows[l][i], 0, ap, cols);
                al[i] = act(c, z + bl[i]);
            }
            if (c == SOFTMAX) Activation.softmax(al, 0, n[l]);
        }
    }

    /** sum_j W[off + j] v[j], with eight partial sums so that the CPU can overlap the additions. */
    private static double dot(double[] W, int off, double[] v, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int j = 0;
        for (; j + 7 < len; j += 8) {
            s0 += W[off + j] * v[j];
            s1 += W[off + j + 1] * v[j + 1];
            s2 += W[off + j + 2] * v[j + 2];
            s3 += W[off + j + 3] * v[j + 3];
            s4 += W[off + j + 4] * v[j + 4];
            s5 += W[off + j + 5] * v[j + 5];
            s6 += W[off + j + 6] * v[j + 6];
            s7 += W[off + j + 7] * v[j + 7];
        }
        for (; j < len; j++) s0 += W[off + j] * v[j];
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    // ---- per-sample SGD ----

    /**
     * One per-sample SGD step on sample s: forward, backward, and W <- W - lr dE/dW for every layer. Returns E before
     * the update. The network's matrices see the change at the next {@link #flush()}.
     */
    public double trainSample(double[] xs, double[] ts, int s, double lr) {
        if (tiny) return trainTiny(xs, ts, s, lr);
        if (!plain) {
            one[0] = s;
            return trainBatch(xs, ts, one, 0, 1, lr);
        }
        forward(xs, s);
        // delta^(L) = dE/dz^(L), formed whole (the backward loops then take f' of the output as 1)
        double e = loss.backward(f[L], a[L], 0, ts, s * n[L], g[L], 0, n[L]);
        for (int l = L; l > 1; l--) backFused(l, lr, l == L ? LINEAR : code[l]);
        backFirst(lr, L == 1 ? LINEAR : code[1]);
        dirty = true;
        return e;
    }

    /**
     * Layer l > 1, backward fused with the update, two rows at a time. On entry g[l] = dE/da^(l); delta^(l)_i = g_i
     * f'(z^(l)_i) is formed row by row. Writes g[l-1] = W^(l)^T delta^(l) from the old weights and updates w_ij <- w_ij
     * - lr delta_i a^(l-1)_j, b_i <- b_i - lr delta_i.
     */
    private void backFused(int l, double lr, int c) {
        double[][] W = rows[l];
        double[] gl = g[l], al = a[l], ap = a[l - 1], gp = g[l - 1], bl = b[l];
        int cols = n[l - 1], m = n[l];
        java.util.Arrays.fill(gp, 0.0);
        int i = 0;
        for (; i + 1 < m; i += 2) {
            double d0 = timesDf(c, gl[i], al[i]), d1 = timesDf(c, gl[i + 1], al[i + 1]);
            double c0 = lr * d0, c1 = lr * d1;
            double[] w0 = W[i], w1 = W[i + 1];
            for (int j = 0; j < cols; j++) {
                double x = ap[j];
                gp[j] += w0[j] * d0 + w1[j] * d1;
                w0[j] -= c0 * x;
                w1[j] -= c1 * x;
            }
            if (bias) {
                bl[i] -= c0;
                bl[i + 1] -= c1;
            }
        }
        if (i < m) {
            double d0 = timesDf(c, gl[i], al[i]), c0 = lr * d0;
            double[] w0 = W[i];
            for (int j = 0; j < cols; j++) {
                gp[j] += w0[j] * d0;
                w0[j] -= c0 * ap[j];
            }
            if (bias) bl[i] -= c0;
        }
        // g[l-1] now holds W^(l)^T delta^(l); the next layer down multiplies in f'(z^(l-1)) row by row
    }

    /** Layer 1: delta^(1) = g f'(z^(1)); w_ij <- w_ij - lr delta_i x_j (no delta is needed below the inputs). */
    private void backFirst(double lr, int c) {
        double[][] W = rows[1];
        double[] gl = g[1], al = a[1], x = a[0], bl = b[1];
        int cols = n[0];
        for (int i = 0; i < n[1]; i++) {
            double ci = lr * timesDf(c, gl[i], al[i]);
            double[] wi = W[i];
            for (int j = 0; j < cols; j++) wi[j] -= ci * x[j];
            if (bias) bl[i] -= ci;
        }
    }

    /** The tiny kernel: one small hidden layer, straight on the network's data arrays. */
    private double trainTiny(double[] xs, double[] ts, int s, double lr) {
        final int n0 = n[0], n1 = n[1], n2 = n[2], c1 = code[1], c2 = code[2];
        final double[] W1 = w[1], W2 = w[2], b1 = b[1], b2 = b[2], a1 = a[1], y = a[2], g1 = g[1], g2 = g[2];
        final int xo = s * n0, to = s * n2;
        // a^(1) = f(W^(1) x + b^(1))
        for (int i = 0, r = 0; i < n1; i++, r += n0) {
            double z = 0;
            for (int j = 0; j < n0; j++) z += W1[r + j] * xs[xo + j];
            z += b1[i];
            // act(c1, z), written out: this method is too big for the JIT to inline every call into it
            a1[i] = c1 == SIGMOID
                    ? 1.0 / (1.0 + Math.exp(-z))
                    : c1 == TANH ? Math.tanh(z) : c1 == RELU ? Math.max(z, 0) : z;
            g1[i] = 0;
        }
        // y = f(W^(2) a^(1) + b^(2)); E = 1/2 sum (t - y)^2; delta^(2) = (y - t) f'(z^(2))
        double e = 0;
        for (int i = 0, r = 0; i < n2; i++, r += n1) {
            double z = 0;
            for (int j = 0; j < n1; j++) z += W2[r + j] * a1[j];
            z += b2[i];
            double yi = c2 == SIGMOID
                    ? 1.0 / (1.0 + Math.exp(-z))
                    : c2 == TANH ? Math.tanh(z) : c2 == RELU ? Math.max(z, 0) : z;
            double t = ts[to + i], d = t - yi;
            y[i] = yi;
            e += 0.5 * d * d;
            double g = yi - t;
            g2[i] = c2 == LINEAR
                    ? g
                    : c2 == SIGMOID ? g * (yi * (1.0 - yi)) : c2 == TANH ? g * (1.0 - yi * yi) : yi > 0 ? g : 0.0;
        }
        // W^(2)^T delta^(2) from the old weights, then W^(2) <- W^(2) - lr delta^(2) a^(1)^T
        for (int i = 0, r = 0; i < n2; i++, r += n1) {
            double di = g2[i];
            for (int j = 0; j < n1; j++) {
                g1[j] += W2[r + j] * di;
                W2[r + j] -= lr * (di * a1[j]);
            }
            if (bias) b2[i] -= lr * di;
        }
        // delta^(1) = (W^(2)^T delta^(2)) f'(z^(1)); W^(1) <- W^(1) - lr delta^(1) x^T
        for (int i = 0, r = 0; i < n1; i++, r += n0) {
            double ai = a1[i], gi = g1[i];
            double di = c1 == SIGMOID
                    ? gi * (ai * (1.0 - ai))
                    : c1 == TANH ? gi * (1.0 - ai * ai) : c1 == RELU ? (ai > 0 ? gi : 0.0) : gi;
            for (int j = 0; j < n0; j++) W1[r + j] -= lr * (di * xs[xo + j]);
            if (bias) b1[i] -= lr * di;
        }
        return e;
    }

    // ---- mini-batches ----

    /**
     * One mini-batch step on samples order[from .. from+count): the B = count gradients are averaged and applied once:
     * W <- W - lr (1/B) sum_k dE_k/dW. Returns the sum of E over the batch, before the update.
     */
    public double trainBatch(double[] xs, double[] ts, int[] order, int from, int count, double lr) {
        if (count < 1 || count > maxBatch) {
            throw new IllegalArgumentException("batch of " + count + " outside 1.." + maxBatch);
        }
        flush();
        double e = 0;
        for (int start = 0; start < count; start += chunk) {
            e += accumulateChunk(xs, ts, order, from + start, Math.min(chunk, count - start), start == 0);
        }
        double scale = 1.0 / count;
        if (!plain) updater.begin();
        for (int l = 1; l <= L; l++) {
            // W <- W - lr * mean_k dE_k/dW
            CommonOps_DDRM.scale(scale, G[l]);
            if (!plain) {
                if (bias) CommonOps_DDRM.scale(scale, gb[l]);
                updater.layer(l, w[l], G[l].data, bias ? b[l] : null, bias ? gb[l].data : null, lr);
                continue;
            }
            CommonOps_DDRM.addEquals(net.W[l], -lr, G[l]);
            if (bias) {
                double[] gsum = gb[l].data;
                for (int i = 0; i < n[l]; i++) b[l][i] -= lr * (gsum[i] * scale);
            }
        }
        reload();
        return e;
    }

    /**
     * Forward and backward passes for the samples order[from .. from+m) at the current weights, adding their
     * gradients into G[l] and gb[l] (or setting them, for the first chunk). Returns the sum of E.
     */
    private double accumulateChunk(double[] xs, double[] ts, int[] order, int from, int m, boolean first) {
        A[0].reshape(m, n[0]);
        T.reshape(m, n[L]);
        for (int k = 0; k < m; k++) {
            int s = order[from + k];
            System.arraycopy(xs, s * n[0], A[0].data, k * n[0], n[0]);
            System.arraycopy(ts, s * n[L], T.data, k * n[L], n[L]);
        }
        for (int l = 1; l <= L; l++) {
            Z[l].reshape(m, n[l]);
            A[l].reshape(m, n[l]);
            // Z^(l) = A^(l-1) W^(l)^T (+ b^(l) on every row); A^(l) = f(Z^(l))
            CommonOps_DDRM.multTransB(A[l - 1], net.W[l], Z[l]);
            double[] zd = Z[l].data, ad = A[l].data;
            for (int k = 0, idx = 0; k < m; k++) {
                for (int i = 0; i < n[l]; i++, idx++) ad[idx] = act(code[l], zd[idx] += b[l][i]);
                if (code[l] == SOFTMAX) Activation.softmax(ad, k * n[l], n[l]);
            }
        }
        double e = 0;
        D[L].reshape(m, n[L]);
        double[] yd = A[L].data, td = T.data, dL = D[L].data;
        for (int k = 0; k < m; k++) {
            // delta^(L) = dE/dz^(L), one row per sample (for MSE, (y - t) * f'(z^(L)))
            int off = k * n[L];
            e += loss.backward(f[L], yd, off, td, off, dL, off, n[L]);
        }
        for (int l = L; l >= 1; l--) {
            // sum_k dE_k/dW^(l) = Delta^(l)^T A^(l-1)
            if (first) CommonOps_DDRM.multTransA(D[l], A[l - 1], G[l]);
            else CommonOps_DDRM.multAddTransA(D[l], A[l - 1], G[l]);
            if (l > 1) {
                // Delta^(l-1) = (Delta^(l) W^(l)) * f'(Z^(l-1)), from the old weights
                D[l - 1].reshape(m, n[l - 1]);
                CommonOps_DDRM.mult(D[l], net.W[l], D[l - 1]);
                double[] dd = D[l - 1].data, ad = A[l - 1].data;
                for (int idx = 0; idx < m * n[l - 1]; idx++) dd[idx] = timesDf(code[l - 1], dd[idx], ad[idx]);
            }
            if (bias) {
                // sum_k dE_k/db^(l) = column sums of Delta^(l)
                double[] gsum = gb[l].data, dd = D[l].data;
                if (first) java.util.Arrays.fill(gsum, 0.0);
                for (int k = 0, idx = 0; k < m; k++) {
                    for (int i = 0; i < n[l]; i++, idx++) gsum[i] += dd[idx];
                }
            }
        }
        return e;
    }

    /** The last sample's output y (valid after a per-sample call). */
    public double[] lastOutput() {
        return a[L];
    }
}
