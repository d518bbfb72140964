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
    /** Per-sample buffers: z^(l), a^(l) (a[0] = x), delta^(l). */
    private final double[][] z;

    private final double[][] a;
    private final double[][] delta;

    // Mini-batch buffers: row k of A[l] is a^(l) of the batch's k-th sample.
    private final int maxBatch;
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
        this.z = new double[L + 1][];
        this.a = new double[L + 1][];
        this.delta = new double[L + 1][];
        a[0] = new double[n[0]];
        for (int l = 1; l <= L; l++) {
            f[l] = net.activation(l);
            w[l] = net.W[l].data;
            b[l] = net.b[l].data;
            z[l] = new double[n[l]];
            a[l] = new double[n[l]];
            delta[l] = new double[n[l]];
        }
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
        System.arraycopy(xs, s * n[0], a[0], 0, n[0]);
        for (int l = 1; l <= L; l++) {
            double[] W = w[l], bl = b[l], aPrev = a[l - 1], zl = z[l];
            int cols = n[l - 1];
            for (int i = 0, row = 0; i < n[l]; i++, row += cols) {
                // z^(l)_i = sum_j w^(l)_ij a^(l-1)_j + b^(l)_i
                zl[i] = dot(W, row, aPrev, cols) + bl[i];
            }
            // a^(l) = f(z^(l))
            activate(f[l], zl, a[l], n[l]);
        }
        double e = 0;
        double[] y = a[L];
        for (int i = 0, off = s * n[L]; i < n[L]; i++) {
            double d = ts[off + i] - y[i];
            e += 0.5 * d * d;
        }
        return e;
    }

    /** sum_j W[off + j] v[j], with four partial sums so that the CPU can overlap the additions. */
    private static double dot(double[] W, int off, double[] v, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < len; j += 4) {
            s0 += W[off + j] * v[j];
            s1 += W[off + j + 1] * v[j + 1];
            s2 += W[off + j + 2] * v[j + 2];
            s3 += W[off + j + 3] * v[j + 3];
        }
        for (; j < len; j++) s0 += W[off + j] * v[j];
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
        double e = forward(xs, s, ts);
        double[] y = a[L], dL = delta[L];
        // delta^(L) = (y - t) * f'(z^(L))
        for (int i = 0, off = s * n[L]; i < n[L]; i++) dL[i] = y[i] - ts[off + i];
        timesDerivative(f[L], dL, z[L], y, n[L]);
        for (int l = L; l >= 1; l--) {
            double[] W = w[l], d = delta[l], aPrev = a[l - 1];
            int cols = n[l - 1];
            if (l > 1) {
                double[] dPrev = delta[l - 1];
                java.util.Arrays.fill(dPrev, 0.0);
                for (int i = 0, row = 0; i < n[l]; i++, row += cols) {
                    double di = d[i];
                    for (int j = 0; j < cols; j++) {
                        // (W^(l)^T delta^(l))_j from the old w_ij, then w_ij <- w_ij - lr delta_i a^(l-1)_j
                        dPrev[j] += W[row + j] * di;
                        W[row + j] -= lr * (di * aPrev[j]);
                    }
                }
                // delta^(l-1) = (W^(l)^T delta^(l)) * f'(z^(l-1))
                timesDerivative(f[l - 1], dPrev, z[l - 1], aPrev, cols);
            } else {
                for (int i = 0, row = 0; i < n[l]; i++, row += cols) {
                    double di = d[i];
                    // w_ij <- w_ij - lr delta_i x_j
                    for (int j = 0; j < cols; j++) W[row + j] -= lr * (di * aPrev[j]);
                }
            }
            if (bias) {
                // b_i <- b_i - lr delta_i
                double[] bl = b[l];
                for (int i = 0; i < n[l]; i++) bl[i] -= lr * d[i];
            }
        }
        return e;
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
