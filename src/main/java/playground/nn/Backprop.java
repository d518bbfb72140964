package playground.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The trace path: one sample's forward pass, backward pass and update, written with EJML and allocating freely, so
 * that every intermediate value can be shown. The training path ({@link Sgd}) computes the same numbers without
 * allocating; tests check that the two agree.
 */
public final class Backprop {
    private Backprop() {}

    /** z^(l) and a^(l) for l = 1..L; a[0] = x. */
    public record Forward(double[][] z, double[][] a) {}

    /** The forward pass: z^(l) = W^(l) a^(l-1) + b^(l), a^(l) = f^(l)(z^(l)), a^(0) = x ({@link Network#forward}). */
    public static Forward forward(Network net, double[] x) {
        checkLength(x, net.inputs(), "x");
        double[][] z = net.buffers(), a = net.buffers();
        net.forward(x.clone(), z, a);
        return new Forward(z, a);
    }

    /** E for one sample, under the network's loss (see {@link Loss}). */
    public static double loss(Network net, double[] x, double[] t) {
        checkLength(t, net.outputs(), "t");
        Forward fw = forward(net, x);
        int L = net.layers();
        return net.loss().value(net.activation(L), fw.z()[L], fw.a()[L], 0, t, 0, t.length);
    }

    /** Forward and backward passes, without changing the network (wAfter = wBefore). */
    public static Trace gradients(Network net, double[] x, double[] t) {
        return run(net, x, t, 0.0, false);
    }

    /** Forward and backward passes, then the update W^(l) <- W^(l) - lr dE/dW^(l) applied to {@code net}. */
    public static Trace step(Network net, double[] x, double[] t, double lr) {
        return run(net, x, t, lr, true);
    }

    private static Trace run(Network net, double[] x, double[] t, double lr, boolean update) {
        checkLength(t, net.outputs(), "t");
        int L = net.layers();
        Forward fw = forward(net, x);
        double[][] z = fw.z();
        double[][] a = fw.a();
        double[] y = a[L];

        // for MSE: E = 1/2 sum (t_i - y_i)^2, so dE/dy_i = y_i - t_i
        Activation out = net.activation(L);
        double[] dEdy = net.loss().dEdy(out, z[L], y, t);

        double[][] delta = new double[L + 1][];
        double[][][] dW = new double[L + 1][][];
        double[][] db = new double[L + 1][];
        // delta^(L) = dE/dz^(L): for MSE (y - t) * f'(z^(L)); for cross-entropy y - t (see Loss)
        delta[L] = new double[y.length];
        double loss = net.loss().backward(out, z[L], y, 0, t, 0, delta[L], 0, y.length);
        for (int l = L; l >= 1; l--) {
            DMatrixRMaj d = DMatrixRMaj.wrap(delta[l].length, 1, delta[l]);
            DMatrixRMaj aPrev = DMatrixRMaj.wrap(a[l - 1].length, 1, a[l - 1]);
            // dE/dW^(l) = delta^(l) a^(l-1)^T
            DMatrixRMaj g = new DMatrixRMaj(net.size(l), net.size(l - 1));
            CommonOps_DDRM.multTransB(d, aPrev, g);
            dW[l] = Matrices.rows(g);
            // dE/db^(l) = delta^(l)
            db[l] = net.hasBias() ? delta[l].clone() : new double[delta[l].length];
            if (l > 1) {
                // delta^(l-1) = (W^(l)^T delta^(l)) * f'(z^(l-1))
                DMatrixRMaj back = new DMatrixRMaj(net.size(l - 1), 1);
                CommonOps_DDRM.multTransA(net.W[l], d, back);
                Activation f = net.activation(l - 1);
                for (int k = 0; k < back.data.length; k++) back.data[k] *= f.df(z[l - 1][k]);
                delta[l - 1] = back.data;
            }
        }

        double[][][] wBefore = new double[L + 1][][];
        double[][] bBefore = new double[L + 1][];
        for (int l = 1; l <= L; l++) {
            wBefore[l] = net.weights(l);
            bBefore[l] = net.biases(l);
        }
        if (update) {
            applyUpdate(net, dW, db, lr);
        }
        double[][][] wAfter = new double[L + 1][][];
        double[][] bAfter = new double[L + 1][];
        for (int l = 1; l <= L; l++) {
            wAfter[l] = net.weights(l);
            bAfter[l] = net.biases(l);
        }
        return new Trace(
                a[0].clone(),
                t.clone(),
                z,
                a,
                y,
                loss,
                dEdy,
                delta,
                dW,
                db,
                wBefore,
                bBefore,
                wAfter,
                bAfter,
                lr,
                update);
    }

    /** W^(l) <- W^(l) - lr dW^(l) and, with biases, b^(l) <- b^(l) - lr db^(l), for every layer. */
    public static void applyUpdate(Network net, double[][][] dW, double[][] db, double lr) {
        for (int l = 1; l <= net.layers(); l++) {
            DMatrixRMaj g = new DMatrixRMaj(dW[l]);
            // W <- W - lr dE/dW
            CommonOps_DDRM.addEquals(net.W[l], -lr, g);
            if (net.hasBias()) {
                // b <- b - lr dE/db
                CommonOps_DDRM.addEquals(net.b[l], -lr, DMatrixRMaj.wrap(db[l].length, 1, db[l].clone()));
            }
        }
    }

    static void checkLength(double[] v, int n, String name) {
        if (v == null || v.length != n) {
            throw new IllegalArgumentException(
                    name + " needs " + n + " values, got " + (v == null ? "none" : String.valueOf(v.length)));
        }
    }
}
