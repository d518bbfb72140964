package playground.nn;

/**
 * Everything about one sample's forward pass, backward pass and update, for people to see. Per-layer arrays are indexed
 * by the notebook's layer number l = 1..L (index 0 unused), except {@code a}, where a[0] = x.
 *
 * @param x the input a^(0)
 * @param t the target
 * @param z z^(l) = W^(l) a^(l-1) + b^(l)
 * @param a a^(l) = f(z^(l)), a[0] = x
 * @param y the output a^(L)
 * @param loss E, the network's loss of this sample: 1/2 sum_i (t_i - y_i)^2 for MSE, -sum_i [t_i ln y_i + (1 - t_i)
 *     ln(1 - y_i)] for cross-entropy on sigmoid outputs, -sum_i t_i ln y_i on softmax (see {@link Loss})
 * @param dEdy dE/dy, as {@link Loss#dEdy} gives it: y - t for MSE, (y - t) / (y (1 - y)) for cross-entropy on a
 *     sigmoid, -t / y on softmax
 * @param delta delta^(l) = dE/dz^(l)
 * @param dW dE/dW^(l) = delta^(l) a^(l-1)^T, rows
 * @param db dE/db^(l) = delta^(l) (all zero when the network has no biases)
 * @param wBefore W^(l) before the update, rows
 * @param bBefore b^(l) before the update
 * @param wAfter W^(l) after the update (equal to wBefore when {@code updated} is false)
 * @param bAfter b^(l) after the update
 * @param lr the learning rate of the update
 * @param updated whether this sample's step changed the weights (false mid-batch, or for a gradient-only trace)
 */
public record Trace(
        double[] x,
        double[] t,
        double[][] z,
        double[][] a,
        double[] y,
        double loss,
        double[] dEdy,
        double[][] delta,
        double[][][] dW,
        double[][] db,
        double[][][] wBefore,
        double[][] bBefore,
        double[][][] wAfter,
        double[][] bAfter,
        double lr,
        boolean updated) {

    /** This trace with the weights after an update of learning rate {@code lr}. */
    public Trace updated(double[][][] wAfter, double[][] bAfter, double lr) {
        return new Trace(x, t, z, a, y, loss, dEdy, delta, dW, db, wBefore, bBefore, wAfter, bAfter, lr, true);
    }

    /** L, the number of weight layers. */
    public int layers() {
        return z.length - 1;
    }
}
