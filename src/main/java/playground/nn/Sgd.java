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

    private final Network net;
    private final int L;
    private final int[] n;
    private final Activation[] f;
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
    /**
     * f'(z^(l)) per layer, kept by the forward pass for the backward one; df[L] holds ones, because the loss forms
     * delta^(L) whole.
     */
    private final double[][] df;
    /** z^(L), for the loss (which is computed from z where that is exact). */
    private final double[] zL;

    // Mini-batch buffers: row k of A[l] is a^(l) of the batch's k-th sample.
    private final int maxBatch;
    /**
     * A batch is computed in chunks of at most this many samples (gradients summed over the chunks, all at the old
     * weights), so that its buffers stay small however large the batch: memory per run is bounded ({@code
     * Config.idleBytes} counts them by it).
     */
    public static final int CHUNK = 256;

    private final int chunk;
    /** Z^(l) per layer; below the output, overwritten by f'(Z^(l)) once A^(l) is formed (z is needed no more). */
    private final DMatrixRMaj[] Z;

    private final DMatrixRMaj[] A;
    private final DMatrixRMaj[] D;
    private final DMatrixRMaj[] G;
    private final DMatrixRMaj[] gb;
    private final DMatrixRMaj T;

    // ---- gradient flow ({@link GradientFlow}): sums over the epoch, from numbers the kernels form anyway ----
    /** W^(1) x of the last forward pass (z^(1) before its bias), for the change in ||W^(1)||^2. */
    private final double[] wx1;
    /**
     * ||W^(l)||_F^2 now. The per-sample kernels keep it without a pass over W: with Delta W = -lr delta a^T,
     * ||W + Delta W||^2 = ||W||^2 - 2 lr delta . (W a) + lr^2 ||delta||^2 ||a||^2. Worked out afresh by {@link
     * #reload()} and at each {@link #takeFlow()}, so rounding cannot build up over more than an epoch.
     */
    private final double[] wsq;
    /** Per layer: the sum of ||dE/dW^(l)|| over samples, and of ||Delta W^(l)|| / ||W^(l)|| over updates. */
    private final double[] normSum, ratioSum;

    private int flowSamples, flowUpdates;
    /** Per hidden layer and unit: this epoch's samples with |f'(z)| < {@link GradientFlow#SATURATED}, and with a = 0. */
    private final int[][] saturated, zero;
    /** The mini-batch path's copy of W^(l) before its update, for ||Delta W|| whatever the optimiser. */
    private final double[][] before;

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
        this.df = new double[L + 1][];
        this.rows = tiny ? null : new double[L + 1][][];
        this.wx1 = new double[n[1]];
        this.wsq = new double[L + 1];
        this.normSum = new double[L + 1];
        this.ratioSum = new double[L + 1];
        this.saturated = new int[L][];
        this.zero = new int[L][];
        a[0] = new double[n[0]];
        for (int l = 1; l <= L; l++) {
            f[l] = net.activation(l);
            w[l] = net.W[l].data;
            b[l] = net.b[l].data;
            a[l] = new double[n[l]];
            g[l] = new double[n[l]];
            df[l] = new double[n[l]];
            if (l < L) {
                saturated[l] = new int[n[l]];
                zero[l] = new int[n[l]];
            }
            if (!tiny) rows[l] = new double[n[l]][n[l - 1]];
        }
        java.util.Arrays.fill(df[L], 1.0);
        this.zL = new double[n[L]];
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
            before = new double[L + 1][];
            for (int l = 1; l <= L; l++) before[l] = new double[n[l] * n[l - 1]];
        } else {
            Z = A = D = G = gb = null;
            T = null;
            before = null;
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
        if (!tiny) {
            for (int l = 1; l <= L; l++) {
                int cols = n[l - 1];
                for (int i = 0; i < n[l]; i++) System.arraycopy(w[l], i * cols, rows[l][i], 0, cols);
            }
        }
        dirty = false;
        for (int l = 1; l <= L; l++) wsq[l] = sumOfSquares(w[l], 0, w[l].length);
    }

    // ---- forward ----

    /** E for sample s, without changing anything. */
    public double loss(double[] xs, double[] ts, int s) {
        forward(xs, s);
        return loss.value(f[L], zL, a[L], 0, ts, s * n[L], n[L]);
    }

    /**
     * The fraction of samples 0..count-1 classified right: with one output, whether y and t are on the same side of
     * {@code threshold}; with several, whether the largest output is the largest target.
     */
    public double accuracy(double[] xs, double[] ts, int count, double threshold) {
        return evaluate(xs, ts, count, threshold, null).accuracy();
    }

    private static int argmax(double[] v, int off, int m) {
        int best = 0;
        for (int i = 1; i < m; i++) if (v[off + i] > v[off + best]) best = i;
        return best;
    }

    /** The mean of E over samples 0..count-1. */
    public double meanLoss(double[] xs, double[] ts, int count) {
        return evaluate(xs, ts, count, 0.5, null).meanLoss();
    }

    /**
     * What an epoch reports about a set of samples, from one forward pass per sample.
     *
     * @param meanLoss the mean of E over the samples
     * @param accuracy the fraction classified right, as {@link #accuracy} counts it
     */
    public record Evaluation(double meanLoss, double accuracy) {}

    /**
     * The mean loss and the accuracy of samples 0..count-1 (each as {@link #meanLoss} and {@link #accuracy} give it)
     * from one forward pass per sample, not one per figure: at a fast pace the epochs' evaluation costs more than their
     * training. The outputs are copied into {@code outputs} (count x outputs, sample by sample) unless it is null.
     */
    public Evaluation evaluate(double[] xs, double[] ts, int count, double threshold, double[] outputs) {
        if (count == 0) return new Evaluation(0, 0);
        int m = n[L], right = 0;
        double sum = 0;
        for (int s = 0; s < count; s++) {
            sum += loss(xs, ts, s);
            double[] y = a[L];
            if (m == 1) {
                if ((y[0] >= threshold) == (ts[s] >= threshold)) right++;
            } else if (argmax(y, 0, m) == argmax(ts, s * m, m)) {
                right++;
            }
            if (outputs != null) System.arraycopy(y, 0, outputs, s * m, m);
        }
        return new Evaluation(sum / count, (double) right / count);
    }

    /**
     * a^(l) = f(W^(l) a^(l-1) + b^(l)) for l = 1..L, with a^(0) = x of sample s; keeps f'(z^(l)) below the output, and
     * z^(L).
     */
    private void forward(double[] xs, int s) {
        System.arraycopy(xs, s * n[0], a[0], 0, n[0]);
        for (int l = 1; l < L; l++) {
            double[] ap = a[l - 1], al = a[l], bl = b[l], dfl = df[l];
            Activation fl = f[l];
            int cols = n[l - 1];
            for (int i = 0; i < n[l]; i++) {
                // z^(l)_i = sum_j w^(l)_ij a^(l-1)_j + b^(l)_i; a^(l)_i = f(z^(l)_i)
                double wa = tiny ? dot(w[l], i * cols, ap, cols) : dot(rows[l][i], 0, ap, cols);
                if (l == 1) wx1[i] = wa; // for the gradient flow; the JIT takes the test out of the loop
                al[i] = fl.f(wa + bl[i], dfl, i);
            }
        }
        double[] ap = a[L - 1], y = a[L], bL = b[L];
        Activation out = f[L];
        int cols = n[L - 1];
        for (int i = 0; i < n[L]; i++) {
            double wa = tiny ? dot(w[L], i * cols, ap, cols) : dot(rows[L][i], 0, ap, cols);
            if (L == 1) wx1[i] = wa;
            double z = wa + bL[i];
            zL[i] = z;
            y[i] = out.elementwise() ? out.f(z) : z;
        }
        if (!out.elementwise()) Activation.softmax(y, 0, n[L]);
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
        double e = loss.backward(f[L], zL, a[L], 0, ts, s * n[L], g[L], 0, n[L]);
        for (int l = L; l > 1; l--) backFused(l, lr);
        backFirst(lr);
        flowSample(a[0], 0, lr);
        dirty = true;
        return e;
    }

    /**
     * Layer l > 1, backward fused with the update, two rows at a time. On entry g[l] = dE/da^(l); delta^(l)_i = g_i
     * f'(z^(l)_i) is formed row by row (at the output, f' is taken as 1: g[L] is delta^(L) already). Writes g[l-1] = W^(l)^T delta^(l) from the old weights and updates w_ij <- w_ij
     * - lr delta_i a^(l-1)_j, b_i <- b_i - lr delta_i.
     */
    private void backFused(int l, double lr) {
        double[][] W = rows[l];
        double[] gl = g[l], dfl = df[l], ap = a[l - 1], gp = g[l - 1], bl = b[l];
        int cols = n[l - 1], m = n[l];
        java.util.Arrays.fill(gp, 0.0);
        int i = 0;
        for (; i + 1 < m; i += 2) {
            double d0 = gl[i] * dfl[i], d1 = gl[i + 1] * dfl[i + 1];
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
            double d0 = gl[i] * dfl[i], c0 = lr * d0;
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
    private void backFirst(double lr) {
        double[][] W = rows[1];
        double[] gl = g[1], df1 = df[1], x = a[0], bl = b[1];
        int cols = n[0];
        for (int i = 0; i < n[1]; i++) {
            double ci = lr * (gl[i] * df1[i]);
            double[] wi = W[i];
            for (int j = 0; j < cols; j++) wi[j] -= ci * x[j];
            if (bias) bl[i] -= ci;
        }
    }

    /**
     * Adds one per-sample SGD step to the gradient flow, from the vectors the kernels leave behind, in O(sum n_l) where
     * the step itself was O(sum n_l n_(l-1)); the kernels' loops stay as they are. Per layer: delta^(l) = g[l] f'(z^(l))
     * (df[L] holds ones); dE/dW^(l) = delta^(l) a^(l-1)^T has the norm ||delta|| ||a^(l-1)||, and Delta W^(l) is -lr
     * times it; ||W + Delta W||^2 = ||W||^2 - 2 lr delta . (W a) + lr^2 ||delta||^2 ||a||^2, where delta . (W a) = (W^T
     * delta) . a = g[l-1] . a^(l-1) from the old weights (for layer 1, delta . (W x) with the W x the forward pass kept).
     * Also counts the hidden units that are saturated, and those whose output is 0.
     *
     * @param x the sample's inputs a^(0), from {@code xo}
     */
    private void flowSample(double[] x, int xo, double lr) {
        for (int l = 1; l <= L; l++) {
            double[] gl = g[l], dfl = df[l];
            int m = n[l];
            double dd = 0, dwa = 0, aa = 0;
            if (l == 1) {
                for (int i = 0; i < m; i++) {
                    double d = gl[i] * dfl[i];
                    dd += d * d;
                    dwa += d * wx1[i];
                }
                for (int j = 0; j < n[0]; j++) aa += x[xo + j] * x[xo + j];
            } else {
                for (int i = 0; i < m; i++) {
                    double d = gl[i] * dfl[i];
                    dd += d * d;
                }
                double[] ap = a[l - 1], gp = g[l - 1];
                for (int j = 0; j < n[l - 1]; j++) {
                    aa += ap[j] * ap[j];
                    dwa += gp[j] * ap[j];
                }
            }
            double norm = Math.sqrt(dd * aa);
            normSum[l] += norm;
            ratioSum[l] += lr * norm / Math.sqrt(wsq[l]);
            wsq[l] = Math.max(0, wsq[l] - 2 * lr * dwa + lr * lr * (dd * aa));
            if (l < L) {
                double[] al = a[l];
                int[] sat = saturated[l], zl = zero[l];
                for (int i = 0; i < m; i++) {
                    if (Math.abs(dfl[i]) < GradientFlow.SATURATED) sat[i]++;
                    if (al[i] == 0) zl[i]++;
                }
            }
        }
        flowSamples++;
        flowUpdates++;
    }

    private static double sumOfSquares(double[] v, int off, int len) {
        double s = 0;
        for (int j = off; j < off + len; j++) s += v[j] * v[j];
        return s;
    }

    /**
     * The gradient flow of the samples trained since the last call (an epoch, as training calls it), and starts
     * counting afresh.
     */
    public GradientFlow takeFlow() {
        flush();
        double[] norms = new double[L], ratios = new double[L];
        for (int l = 1; l <= L; l++) {
            norms[l - 1] = normSum[l] / flowSamples;
            ratios[l - 1] = ratioSum[l] / flowUpdates;
            normSum[l] = ratioSum[l] = 0;
            wsq[l] = sumOfSquares(w[l], 0, w[l].length);
        }
        int[][] sat = new int[L - 1][], dead = new int[L - 1][];
        for (int l = 1; l < L; l++) {
            int samples = flowSamples;
            boolean canDie = GradientFlow.canDie(f[l]);
            sat[l - 1] = indices(saturated[l], c -> 2 * c > samples);
            dead[l - 1] = canDie ? indices(zero[l], c -> c == samples) : new int[0];
            java.util.Arrays.fill(saturated[l], 0);
            java.util.Arrays.fill(zero[l], 0);
        }
        flowSamples = flowUpdates = 0;
        return new GradientFlow(norms, ratios, sat, dead);
    }

    private static int[] indices(int[] counts, java.util.function.IntPredicate flagged) {
        return java.util.stream.IntStream.range(0, counts.length)
                .filter(i -> flagged.test(counts[i]))
                .toArray();
    }

    /** The tiny kernel: one small hidden layer, straight on the network's data arrays. */
    private double trainTiny(double[] xs, double[] ts, int s, double lr) {
        final int n0 = n[0], n1 = n[1], n2 = n[2];
        final Activation f1 = f[1], f2 = f[2];
        final double[] W1 = w[1], W2 = w[2], b1 = b[1], b2 = b[2], a1 = a[1], df1 = df[1], y = a[2], z2 = zL;
        final double[] g1 = g[1], g2 = g[2];
        final double[] wx = wx1;
        final int xo = s * n0, to = s * n2;
        // a^(1) = f(W^(1) x + b^(1)), keeping f'(z^(1)), and W^(1) x for the gradient flow
        for (int i = 0, r = 0; i < n1; i++, r += n0) {
            double z = 0;
            for (int j = 0; j < n0; j++) z += W1[r + j] * xs[xo + j];
            wx[i] = z;
            a1[i] = f1.f(z + b1[i], df1, i);
            g1[i] = 0;
        }
        // y = f(W^(2) a^(1) + b^(2))
        for (int i = 0, r = 0; i < n2; i++, r += n1) {
            double z = 0;
            for (int j = 0; j < n1; j++) z += W2[r + j] * a1[j];
            z2[i] = z + b2[i];
            y[i] = f2.f(z2[i]);
        }
        // E = 1/2 sum (t - y)^2; delta^(2) = (y - t) f'(z^(2)) (this kernel is for MSE only)
        double e = 0;
        for (int i = 0; i < n2; i++) e += Loss.squaredError(f2, z2[i], y[i], ts[to + i], g2, i);
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
            double di = g1[i] * df1[i];
            for (int j = 0; j < n0; j++) W1[r + j] -= lr * (di * xs[xo + j]);
            if (bias) b1[i] -= lr * di;
        }
        flowSample(xs, xo, lr);
        return e;
    }

    // ---- one step, and what it would do ----

    /**
     * One optimiser step as training takes it: the per-sample kernel on sample order[from] when {@code perSample}
     * (count is then 1), else the mini-batch order[from .. from+count). The network's matrices hold the result when it
     * returns. Returns the sum of E before the update.
     */
    public double step(double[] xs, double[] ts, int[] order, int from, int count, double lr, boolean perSample) {
        double e = perSample ? trainSample(xs, ts, order[from], lr) : trainBatch(xs, ts, order, from, count, lr);
        flush();
        return e;
    }

    /**
     * The network {@link #step} would leave, worked out by the same code on copies of the weights and of the
     * optimiser's state, so that it is the very number the step will give: the quiz reveals it before the step. Nothing
     * here changes.
     */
    public Network preview(double[] xs, double[] ts, int[] order, int from, int count, double lr, boolean perSample) {
        flush();
        Sgd twin = new Sgd(net.copy(), maxBatch, updater.copy());
        twin.step(xs, ts, order, from, count, lr, perSample);
        return twin.net;
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
            System.arraycopy(w[l], 0, before[l], 0, before[l].length);
            // W <- W - lr * mean_k dE_k/dW
            CommonOps_DDRM.scale(scale, G[l]);
            if (!plain) {
                if (bias) CommonOps_DDRM.scale(scale, gb[l]);
                updater.layer(l, w[l], G[l].data, bias ? b[l] : null, bias ? gb[l].data : null, lr);
            } else {
                CommonOps_DDRM.addEquals(net.W[l], -lr, G[l]);
                if (bias) {
                    double[] gsum = gb[l].data;
                    for (int i = 0; i < n[l]; i++) b[l][i] -= lr * (gsum[i] * scale);
                }
            }
            // ||Delta W|| / ||W||, taken on the weights themselves: the optimiser's step may be any function of G
            double change = 0, size = 0;
            for (int k = 0; k < before[l].length; k++) {
                double d = w[l][k] - before[l][k];
                change += d * d;
                size += before[l][k] * before[l][k];
            }
            ratioSum[l] += Math.sqrt(change / size);
        }
        flowUpdates++;
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
            double[] zd = Z[l].data, ad = A[l].data, bl = b[l];
            Activation fl = f[l];
            if (l < L) {
                // below the output z is needed no more: Z^(l) takes f'(Z^(l)) for the backward pass
                int[] sat = saturated[l], zl = zero[l];
                for (int k = 0, idx = 0; k < m; k++) {
                    for (int i = 0; i < n[l]; i++, idx++) {
                        ad[idx] = fl.f(zd[idx] + bl[i], zd, idx);
                        if (Math.abs(zd[idx]) < GradientFlow.SATURATED) sat[i]++;
                        if (ad[idx] == 0) zl[i]++;
                    }
                }
            } else {
                for (int k = 0, idx = 0; k < m; k++) {
                    for (int i = 0; i < n[l]; i++, idx++) {
                        zd[idx] += bl[i];
                        ad[idx] = fl.elementwise() ? fl.f(zd[idx]) : zd[idx];
                    }
                    if (!fl.elementwise()) Activation.softmax(ad, k * n[l], n[l]);
                }
            }
        }
        double e = 0;
        D[L].reshape(m, n[L]);
        double[] zd = Z[L].data, yd = A[L].data, td = T.data, dL = D[L].data;
        for (int k = 0; k < m; k++) {
            // delta^(L) = dE/dz^(L), one row per sample (for MSE, (y - t) * f'(z^(L)))
            int off = k * n[L];
            e += loss.backward(f[L], zd, yd, off, td, off, dL, off, n[L]);
        }
        for (int l = L; l >= 1; l--) {
            // each sample's ||dE_k/dW^(l)|| = ||delta_k^(l)|| ||a_k^(l-1)||, for the gradient flow
            for (int k = 0; k < m; k++) {
                double dd = sumOfSquares(D[l].data, k * n[l], n[l]);
                normSum[l] += Math.sqrt(dd * sumOfSquares(A[l - 1].data, k * n[l - 1], n[l - 1]));
            }
            // sum_k dE_k/dW^(l) = Delta^(l)^T A^(l-1)
            if (first) CommonOps_DDRM.multTransA(D[l], A[l - 1], G[l]);
            else CommonOps_DDRM.multAddTransA(D[l], A[l - 1], G[l]);
            if (l > 1) {
                // Delta^(l-1) = (Delta^(l) W^(l)) * f'(Z^(l-1)), from the old weights
                D[l - 1].reshape(m, n[l - 1]);
                CommonOps_DDRM.mult(D[l], net.W[l], D[l - 1]);
                double[] dd = D[l - 1].data, dfd = Z[l - 1].data;
                for (int idx = 0; idx < m * n[l - 1]; idx++) dd[idx] *= dfd[idx];
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
        flowSamples += m;
        return e;
    }
}
