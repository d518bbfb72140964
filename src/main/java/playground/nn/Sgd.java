package playground.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The training path: stochastic gradient descent on a {@link Network}, in place, allocating nothing per sample.
 *
 * <p>Per-sample SGD (batch size 1, the notebook's algorithm) works directly on the weight matrices' data arrays with
 * plain loops and fuses the backward pass with the update: for each layer, delta^(l-1) is accumulated from the old
 * W^(l) in the same pass that updates W^(l). On the tiny matrices of a 2-3-2 network, EJML's per-call overhead would
 * cost 1.7 to 3 times the speed (see the README's speed section).
 *
 * <p>Mini-batches (batch size B) use EJML's matrix-matrix products on B x n_l activation matrices, where the call
 * overhead is shared by the whole batch. Buffers are sized once for the largest batch and reshaped, never reallocated.
 *
 * <p>Samples are given as flat arrays: sample s has inputs xs[s*n0 .. s*n0+n0) and targets ts[s*nL .. s*nL+nL).
 */
public final class Sgd {
    private final Network net;
    private final int L;
    private final int[] n;
    private final Activation[] f;
    private final boolean bias;
    /** w[l] and b[l] are the network's own storage (W^(l).data, b^(l).data). */
    private final double[][] w;

    private final double[][] b;
    /** Activation codes, code[l] for f^(l). */
    private final int[] code;
    /** Per-sample buffers: a^(l) for l = 1..L (x is read in place), and g^(l) = dE/da^(l). */
    private final double[][] a;

    private final double[][] g;

    // Mini-batch buffers: row k of A[l] is a^(l) of the batch's k-th sample.
    private final int maxBatch;
    /** Widths up to this, with one hidden layer, take {@link #trainTiny}. */
    static final int TINY = 16;

    private final boolean tiny;
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
        if (maxBatch < 1) throw new IllegalArgumentException("batch size must be at least 1");
        this.net = net;
        this.L = net.layers();
        this.n = net.sizes();
        this.f = new Activation[L + 1];
        // Each activation's formula is written out again in activate() and timesDerivative() below, so that the hot
        // loops call no method per element; tests check them against Activation's own f and df.
        this.bias = net.hasBias();
        this.w = new double[L + 1][];
        this.b = new double[L + 1][];
        this.code = new int[L + 1];
        this.a = new double[L + 1][];
        this.g = new double[L + 1][];
        for (int l = 1; l <= L; l++) {
            f[l] = net.activation(l);
            w[l] = net.W[l].data;
            b[l] = net.b[l].data;
            code[l] = code(f[l]);
            a[l] = new double[n[l]];
            g[l] = new double[n[l]];
        }
        this.tiny = L == 2 && java.util.Arrays.stream(n).max().getAsInt() <= TINY;
        this.maxBatch = maxBatch;
        if (maxBatch > 1) {
            Z = new DMatrixRMaj[L + 1];
            A = new DMatrixRMaj[L + 1];
            D = new DMatrixRMaj[L + 1];
            G = new DMatrixRMaj[L + 1];
            gb = new DMatrixRMaj[L + 1];
            A[0] = new DMatrixRMaj(maxBatch, n[0]);
            for (int l = 1; l <= L; l++) {
                Z[l] = new DMatrixRMaj(maxBatch, n[l]);
                A[l] = new DMatrixRMaj(maxBatch, n[l]);
                D[l] = new DMatrixRMaj(maxBatch, n[l]);
                G[l] = new DMatrixRMaj(n[l], n[l - 1]);
                gb[l] = new DMatrixRMaj(n[l], 1);
            }
            T = new DMatrixRMaj(maxBatch, n[L]);
        } else {
            Z = A = D = G = gb = null;
            T = null;
        }
    }

    public Network network() {
        return net;
    }

    /** The forward pass for sample s, into the per-sample buffers; returns E. */
    private double forward(double[] xs, int s, double[] ts) {
        forwardLayers(xs, s * n[0]);
        return loss(a[L], ts, s * n[L], n[L]);
    }

    /** a^(l) = f(W^(l) a^(l-1) + b^(l)) for l = 1..L; a^(0) is read in place from xs at xOff. */
    private void forwardLayers(double[] xs, int xOff) {
        double[] in = xs;
        int inOff = xOff;
        for (int l = 1; l <= L; l++) {
            layerForward(w[l], b[l], in, inOff, n[l - 1], a[l], n[l], code[l]);
            in = a[l];
            inOff = 0;
        }
    }

    private static double loss(double[] y, double[] ts, int off, int len) {
        double e = 0;
        for (int i = 0; i < len; i++) {
            double d = ts[off + i] - y[i];
            e += 0.5 * d * d;
        }
        return e;
    }

    private static final int SIGMOID = 0, TANH = 1, RELU = 2, LINEAR = 3;

    private static int code(Activation f) {
        return switch (f) {
            case SIGMOID -> SIGMOID;
            case TANH -> TANH;
            case RELU -> RELU;
            case LINEAR -> LINEAR;
        };
    }

    /** f(z) for activation code c. */
    private static double act(int c, double z) {
        if (c == SIGMOID) return 1.0 / (1.0 + Math.exp(-z));
        if (c == TANH) return Math.tanh(z);
        if (c == RELU) return z > 0 ? z : 0.0;
        return z;
    }

    /** d f'(z) for activation code c, given a = f(z) (for ReLU, z > 0 exactly when a > 0). */
    private static double timesDf(int c, double d, double a) {
        if (c == SIGMOID) return d * (a * (1.0 - a));
        if (c == TANH) return d * (1.0 - a * a);
        if (c == RELU) return a > 0 ? d : 0.0;
        return d;
    }

    /** out_i = f(sum_j W[i*cols + j] in[inOff + j] + b_i), two rows at a time (eight independent sums). */
    private static void layerForward(
            double[] W, double[] bl, double[] in, int inOff, int cols, double[] out, int rows, int c) {
        int i = 0;
        for (; i + 1 < rows; i += 2) {
            int r0 = i * cols, r1 = r0 + cols;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
            int j = 0;
            for (; j + 3 < cols; j += 4) {
                double x0 = in[inOff + j], x1 = in[inOff + j + 1], x2 = in[inOff + j + 2], x3 = in[inOff + j + 3];
                s0 += W[r0 + j] * x0;
                t0 += W[r1 + j] * x0;
                s1 += W[r0 + j + 1] * x1;
                t1 += W[r1 + j + 1] * x1;
                s2 += W[r0 + j + 2] * x2;
                t2 += W[r1 + j + 2] * x2;
                s3 += W[r0 + j + 3] * x3;
                t3 += W[r1 + j + 3] * x3;
            }
            for (; j < cols; j++) {
                double x0 = in[inOff + j];
                s0 += W[r0 + j] * x0;
                t0 += W[r1 + j] * x0;
            }
            out[i] = act(c, ((s0 + s1) + (s2 + s3)) + bl[i]);
            out[i + 1] = act(c, ((t0 + t1) + (t2 + t3)) + bl[i + 1]);
        }
        if (i < rows) out[i] = act(c, dot(W, i * cols, in, inOff, cols) + bl[i]);
    }

    /** sum_j W[off + j] v[vOff + j], with four partial sums so that the CPU can overlap the additions. */
    private static double dot(double[] W, int off, double[] v, int vOff, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < len; j += 4) {
            s0 += W[off + j] * v[vOff + j];
            s1 += W[off + j + 1] * v[vOff + j + 1];
            s2 += W[off + j + 2] * v[vOff + j + 2];
            s3 += W[off + j + 3] * v[vOff + j + 3];
        }
        for (; j < len; j++) s0 += W[off + j] * v[vOff + j];
        return (s0 + s1) + (s2 + s3);
    }

    /** out_i = f(z_i), one loop per activation so that the loop body is a single, inlinable formula. */
    private static void activate(Activation f, double[] z, double[] out, int len) {
        switch (f) {
            case SIGMOID -> {
                for (int i = 0; i < len; i++) out[i] = 1.0 / (1.0 + Math.exp(-z[i]));
            }
            case TANH -> {
                for (int i = 0; i < len; i++) out[i] = Math.tanh(z[i]);
            }
            case RELU -> {
                for (int i = 0; i < len; i++) out[i] = z[i] > 0 ? z[i] : 0.0;
            }
            case LINEAR -> System.arraycopy(z, 0, out, 0, len);
        }
    }

    /** d_i *= f'(z_i), given a_i = f(z_i). */
    private static void timesDerivative(Activation f, double[] d, double[] z, double[] act, int len) {
        switch (f) {
            case SIGMOID -> {
                for (int i = 0; i < len; i++) d[i] *= act[i] * (1.0 - act[i]);
            }
            case TANH -> {
                for (int i = 0; i < len; i++) d[i] *= 1.0 - act[i] * act[i];
            }
            case RELU -> {
                for (int i = 0; i < len; i++) d[i] = z[i] > 0 ? d[i] : 0.0;
            }
            case LINEAR -> {}
        }
    }

    /** E for sample s, without changing anything. */
    public double loss(double[] xs, double[] ts, int s) {
        return forward(xs, s, ts);
    }

    /** The mean of E over samples 0..count-1. */
    public double meanLoss(double[] xs, double[] ts, int count) {
        double sum = 0;
        for (int s = 0; s < count; s++) sum += forward(xs, s, ts);
        return count == 0 ? 0 : sum / count;
    }

    /**
     * One per-sample SGD step on sample s: forward, backward, and W <- W - lr dE/dW for every layer. Returns E before
     * the update.
     */
    public double trainSample(double[] xs, double[] ts, int s, double lr) {
        if (tiny) return trainTiny(xs, ts, s, lr);
        int xOff = s * n[0];
        forwardLayers(xs, xOff);
        double e = outputError(a[L], ts, s * n[L], g[L], n[L]);
        for (int l = L; l > 1; l--) {
            backFused(w[l], b[l], g[l], a[l], code[l], a[l - 1], g[l - 1], n[l], n[l - 1], lr, bias);
        }
        backFirst(w[1], b[1], g[1], a[1], code[1], xs, xOff, n[1], n[0], lr, bias);
        return e;
    }

    /**
     * {@link #trainSample} for the notebook's shape, one small hidden layer (every width at most {@link #TINY}). On
     * such tiny layers the general path's per-layer loop set-up costs more than the arithmetic: this path keeps every
     * array in a local and runs one plain loop per equation, which measured about twice as fast on 2-3-2.
     */
    private double trainTiny(double[] xs, double[] ts, int s, double lr) {
        final int n0 = n[0], n1 = n[1], n2 = n[2], c1 = code[1], c2 = code[2];
        final double[] W1 = w[1], W2 = w[2], b1 = b[1], b2 = b[2], a1 = a[1], y = a[2], g1 = g[1], g2 = g[2];
        final int xo = s * n0, to = s * n2;
        // a^(1) = f(W^(1) x + b^(1))
        for (int i = 0, r = 0; i < n1; i++, r += n0) {
            double z = 0;
            for (int j = 0; j < n0; j++) z += W1[r + j] * xs[xo + j];
            a1[i] = act(c1, z + b1[i]);
            g1[i] = 0;
        }
        // y = f(W^(2) a^(1) + b^(2)); E = 1/2 sum (t - y)^2; delta^(2) = (y - t) f'(z^(2))
        double e = 0;
        for (int i = 0, r = 0; i < n2; i++, r += n1) {
            double z = 0;
            for (int j = 0; j < n1; j++) z += W2[r + j] * a1[j];
            double yi = act(c2, z + b2[i]), t = ts[to + i], d = t - yi;
            y[i] = yi;
            e += 0.5 * d * d;
            g2[i] = timesDf(c2, yi - t, yi);
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
            double di = timesDf(c1, g1[i], a1[i]);
            for (int j = 0; j < n0; j++) W1[r + j] -= lr * (di * xs[xo + j]);
            if (bias) b1[i] -= lr * di;
        }
        return e;
    }

    /** g = y - t (dE/dy); returns E = 1/2 sum (t - y)^2. */
    private static double outputError(double[] y, double[] ts, int off, double[] g, int len) {
        double e = 0;
        for (int i = 0; i < len; i++) {
            double t = ts[off + i], yi = y[i];
            double d = t - yi;
            e += 0.5 * d * d;
            g[i] = yi - t;
        }
        return e;
    }

    /**
     * Layer l > 1 of the backward pass, fused with its update, two rows at a time. On entry gl = dE/da^(l); delta^(l)_i
     * = gl_i f'(z^(l)_i) is formed row by row. Writes gPrev = W^(l)^T delta^(l) (from the old weights) and updates
     * w_ij <- w_ij - lr delta_i a^(l-1)_j, b_i <- b_i - lr delta_i.
     */
    private static void backFused(
            double[] W,
            double[] bl,
            double[] gl,
            double[] al,
            int c,
            double[] ap,
            double[] gp,
            int rows,
            int cols,
            double lr,
            boolean bias) {
        int i = 0;
        if (rows >= 2) {
            double d0 = timesDf(c, gl[0], al[0]), d1 = timesDf(c, gl[1], al[1]);
            int r1 = cols;
            for (int j = 0; j < cols; j++) {
                double x = ap[j], w0 = W[j], w1 = W[r1 + j];
                gp[j] = w0 * d0 + w1 * d1;
                W[j] = w0 - lr * (d0 * x);
                W[r1 + j] = w1 - lr * (d1 * x);
            }
            if (bias) {
                bl[0] -= lr * d0;
                bl[1] -= lr * d1;
            }
            i = 2;
        } else {
            double d0 = timesDf(c, gl[0], al[0]);
            for (int j = 0; j < cols; j++) {
                double w0 = W[j];
                gp[j] = w0 * d0;
                W[j] = w0 - lr * (d0 * ap[j]);
            }
            if (bias) bl[0] -= lr * d0;
            return;
        }
        for (; i + 1 < rows; i += 2) {
            double d0 = timesDf(c, gl[i], al[i]), d1 = timesDf(c, gl[i + 1], al[i + 1]);
            int r0 = i * cols, r1 = r0 + cols;
            for (int j = 0; j < cols; j++) {
                double x = ap[j], w0 = W[r0 + j], w1 = W[r1 + j];
                gp[j] = gp[j] + w0 * d0 + w1 * d1;
                W[r0 + j] = w0 - lr * (d0 * x);
                W[r1 + j] = w1 - lr * (d1 * x);
            }
            if (bias) {
                bl[i] -= lr * d0;
                bl[i + 1] -= lr * d1;
            }
        }
        if (i < rows) {
            double d0 = timesDf(c, gl[i], al[i]);
            int r0 = i * cols;
            for (int j = 0; j < cols; j++) {
                double w0 = W[r0 + j];
                gp[j] += w0 * d0;
                W[r0 + j] = w0 - lr * (d0 * ap[j]);
            }
            if (bias) bl[i] -= lr * d0;
        }
    }

    /**
     * Layer 1 of the backward pass: the update only, with a^(0) = x read in place from xs at xOff. Four rows at a time
     * share the loads of x; the rows are visited last to first, so that the rows the forward pass read last are still
     * in cache, and the rows the next forward pass reads first are left there.
     */
    private static void backFirst(
            double[] W,
            double[] bl,
            double[] gl,
            double[] al,
            int c,
            double[] xs,
            int xOff,
            int rows,
            int cols,
            double lr,
            boolean bias) {
        int i = rows;
        for (; i >= 4; i -= 4) {
            double d0 = timesDf(c, gl[i - 4], al[i - 4]), d1 = timesDf(c, gl[i - 3], al[i - 3]);
            double d2 = timesDf(c, gl[i - 2], al[i - 2]), d3 = timesDf(c, gl[i - 1], al[i - 1]);
            int r0 = (i - 4) * cols, r1 = r0 + cols, r2 = r1 + cols, r3 = r2 + cols;
            for (int j = 0; j < cols; j++) {
                double x = xs[xOff + j];
                W[r0 + j] -= lr * (d0 * x);
                W[r1 + j] -= lr * (d1 * x);
                W[r2 + j] -= lr * (d2 * x);
                W[r3 + j] -= lr * (d3 * x);
            }
            if (bias) {
                bl[i - 4] -= lr * d0;
                bl[i - 3] -= lr * d1;
                bl[i - 2] -= lr * d2;
                bl[i - 1] -= lr * d3;
            }
        }
        for (i--; i >= 0; i--) {
            double d = timesDf(c, gl[i], al[i]);
            int r = i * cols;
            for (int j = 0; j < cols; j++) W[r + j] -= lr * (d * xs[xOff + j]);
            if (bias) bl[i] -= lr * d;
        }
    }

    /**
     * One mini-batch step on samples order[from .. from+count): the B = count gradients are averaged and applied once:
     * W <- W - lr (1/B) sum_k dE_k/dW. Returns the sum of E over the batch, before the update.
     */
    public double trainBatch(double[] xs, double[] ts, int[] order, int from, int count, double lr) {
        if (count < 1 || count > maxBatch) {
            throw new IllegalArgumentException("batch of " + count + " outside 1.." + maxBatch);
        }
        A[0].reshape(count, n[0]);
        T.reshape(count, n[L]);
        for (int k = 0; k < count; k++) {
            int s = order[from + k];
            System.arraycopy(xs, s * n[0], A[0].data, k * n[0], n[0]);
            System.arraycopy(ts, s * n[L], T.data, k * n[L], n[L]);
        }
        for (int l = 1; l <= L; l++) {
            Z[l].reshape(count, n[l]);
            A[l].reshape(count, n[l]);
            // Z^(l) = A^(l-1) W^(l)^T (+ b^(l) on every row)
            CommonOps_DDRM.multTransB(A[l - 1], net.W[l], Z[l]);
            double[] zd = Z[l].data;
            for (int k = 0, idx = 0; k < count; k++) {
                for (int i = 0; i < n[l]; i++, idx++) zd[idx] += b[l][i];
            }
            activate(f[l], zd, A[l].data, count * n[l]);
        }
        double e = 0;
        D[L].reshape(count, n[L]);
        double[] yd = A[L].data, td = T.data, zL = Z[L].data, dL = D[L].data;
        for (int idx = 0; idx < count * n[L]; idx++) {
            double diff = yd[idx] - td[idx];
            e += 0.5 * diff * diff;
            dL[idx] = diff;
        }
        // delta^(L) = (y - t) * f'(z^(L)), one row per sample
        timesDerivative(f[L], dL, zL, yd, count * n[L]);
        double scale = 1.0 / count;
        for (int l = L; l >= 1; l--) {
            // sum_k dE_k/dW^(l) = Delta^(l)^T A^(l-1)
            CommonOps_DDRM.multTransA(D[l], A[l - 1], G[l]);
            if (l > 1) {
                // Delta^(l-1) = (Delta^(l) W^(l)) * f'(Z^(l-1)), from the old weights
                D[l - 1].reshape(count, n[l - 1]);
                CommonOps_DDRM.mult(D[l], net.W[l], D[l - 1]);
                timesDerivative(f[l - 1], D[l - 1].data, Z[l - 1].data, A[l - 1].data, count * n[l - 1]);
            }
            // W <- W - lr * mean_k dE_k/dW
            CommonOps_DDRM.scale(scale, G[l]);
            CommonOps_DDRM.addEquals(net.W[l], -lr, G[l]);
            if (bias) {
                CommonOps_DDRM.sumCols(D[l], gb[l]);
                double[] g = gb[l].data;
                for (int i = 0; i < n[l]; i++) b[l][i] -= lr * (g[i] * scale);
            }
        }
        return e;
    }

    /** The last sample's output y (valid after a per-sample call). */
    public double[] lastOutput() {
        return a[L];
    }
}
