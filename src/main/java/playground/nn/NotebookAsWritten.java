package playground.nn;

import java.util.random.RandomGenerator;

/**
 * The notebook's own computations, bugs included, for its 2-3-2 network without biases (sigmoid hidden layer, linear
 * output). Never used for training: it exists so that the playground can show, beside the correct numbers, where the
 * notebook's numbers part, and why. Its four mistakes:
 *
 * <ol>
 *   <li>{@link Mistake#SIGN}: dE/dy is taken as t - y instead of y - t;
 *   <li>{@link Mistake#Z_FEEDS_LAYER_2}: layer 2 is fed z^(1) instead of a^(1) = sigma(z^(1));
 *   <li>{@link Mistake#OPPOSITE_UPDATES}: its worked example updates W^(1) with + and W^(2) with -;
 *   <li>{@link Mistake#TRAINING_LOOP}: its training loop draws a random target for every loss it reports, and
 *       back-propagates the worked example's global x and t instead of the training sample's.
 * </ol>
 */
public final class NotebookAsWritten {
    private NotebookAsWritten() {}

    /** The notebook's mistakes, in the order a reader meets them. */
    public enum Mistake {
        SIGN,
        Z_FEEDS_LAYER_2,
        OPPOSITE_UPDATES,
        TRAINING_LOOP
    }

    /**
     * One pass of the notebook's worked example, as its cells compute it.
     *
     * @param z1 z^(1) = W^(1) x (right)
     * @param a1 a^(1) = sigma(z^(1)) (right, but not what layer 2 is fed)
     * @param y y = z^(2) = W^(2) z^(1) (mistake 2)
     * @param loss E = 1/2 sum (t - y)^2 of that y
     * @param delta2 the notebook's delta^(2) = -y + t (mistake 1)
     * @param dW2 its dE/dW^(2) = delta^(2) a^(1)^T (with a^(1), though the forward pass used z^(1))
     * @param delta1 its delta^(1)_k = sum_i delta^(2)_i w^(2)_ik a^(1)_k (1 - a^(1)_k)
     * @param dW1 its dE/dW^(1) = delta^(1) x^T
     * @param w1After W^(1) + mu dW^(1) (mistake 3: +)
     * @param w2After W^(2) - mu dW^(2) (mistake 3: -)
     */
    public record Step(
            double[] z1,
            double[] a1,
            double[] y,
            double loss,
            double[] delta2,
            double[][] dW2,
            double[] delta1,
            double[][] dW1,
            double[][] w1After,
            double[][] w2After) {}

    /** The worked example's cells: forward, backward and update, exactly as written. */
    public static Step workedExample(double[][] w1, double[][] w2, double[] x, double[] t, double mu) {
        double[] z1 = mult(w1, x);
        double[] a1 = new double[z1.length];
        for (int i = 0; i < z1.length; i++) a1[i] = 1 / (1 + Math.exp(-z1[i]));
        // z_l2 = W_l2 @ z_l1: layer 2 is fed z, not a
        double[] y = mult(w2, z1);
        double loss = 0;
        for (int i = 0; i < y.length; i++) loss += 0.5 * (t[i] - y[i]) * (t[i] - y[i]);
        // delta_L2[i] = -y[i] + t[i]: the sign of dE/dy flipped
        double[] delta2 = new double[y.length];
        for (int i = 0; i < y.length; i++) delta2[i] = -y[i] + t[i];
        double[][] dW2 = outer(delta2, a1);
        double[] delta1 = new double[a1.length];
        for (int k = 0; k < a1.length; k++) {
            double acc = 0;
            for (int i = 0; i < y.length; i++) acc += delta2[i] * w2[i][k] * a1[k] * (1 - a1[k]);
            delta1[k] = acc;
        }
        double[][] dW1 = outer(delta1, x);
        // W_l1 = W_l1 + mu * W_l1_grad; W_l2 = W_l2 - mu * W_l2_grad
        double[][] w1After = axpy(w1, mu, dW1);
        double[][] w2After = axpy(w2, -mu, dW2);
        return new Step(z1, a1, y, loss, delta2, dW2, delta1, dW1, w1After, w2After);
    }

    /** The notebook's forward pass and loss (z^(1) feeding layer 2), for a finite-difference check of its gradients. */
    public static double loss(double[][] w1, double[][] w2, double[] x, double[] t) {
        double[] y = mult(w2, mult(w1, x));
        double e = 0;
        for (int i = 0; i < y.length; i++) e += 0.5 * (t[i] - y[i]) * (t[i] - y[i]);
        return e;
    }

    /**
     * The largest relative error between the notebook's dE/dW (of both layers) and central finite differences of the
     * loss it actually computes: far above 1e-4, so a gradient check flags it.
     */
    public static double gradientCheck(double[][] w1, double[][] w2, double[] x, double[] t) {
        Step s = workedExample(w1, w2, x, t, 0);
        double max = 0;
        double[][][] ws = {copy(w1), copy(w2)};
        double[][][] grads = {s.dW1(), s.dW2()};
        for (int l = 0; l < 2; l++) {
            for (int i = 0; i < ws[l].length; i++) {
                for (int j = 0; j < ws[l][i].length; j++) {
                    double w0 = ws[l][i][j];
                    double h = GradientCheck.STEP * Math.max(1, Math.abs(w0));
                    ws[l][i][j] = w0 + h;
                    double plus = loss(ws[0], ws[1], x, t);
                    ws[l][i][j] = w0 - h;
                    double minus = loss(ws[0], ws[1], x, t);
                    ws[l][i][j] = w0;
                    double numeric = (plus - minus) / (2 * h);
                    max = Math.max(
                            max,
                            GradientCheck.entry(l + 1, i, j, grads[l][i][j], numeric)
                                    .relativeError());
                }
            }
        }
        return max;
    }

    /**
     * The notebook's training loop, as written, for {@code epochs} epochs on samples (xs, ts): every forward pass
     * reports a loss against a new random integer target in 0..4 (its {@code t = np.random.randint(5, ...)}), while
     * backward uses the activations of the current sample with the worked example's global x and t, and both layers
     * are updated with + mu. Returns the summed train loss it prints after each epoch.
     */
    public static double[] trainingLoop(
            double[][] w1,
            double[][] w2,
            double[] xs,
            int count,
            double[] globalX,
            double[] globalT,
            double mu,
            int epochs,
            RandomGenerator rng) {
        double[][] W1 = copy(w1), W2 = copy(w2);
        double[] losses = new double[epochs];
        for (int ep = 0; ep < epochs; ep++) {
            for (int s = 0; s < count; s++) {
                double[] xi = {xs[2 * s], xs[2 * s + 1]};
                double[] z1 = mult(W1, xi);
                double[] a1 = new double[z1.length];
                for (int i = 0; i < z1.length; i++) a1[i] = 1 / (1 + Math.exp(-z1[i]));
                double[] y = mult(W2, z1);
                rng.nextInt(5); // forward() draws a random target (only for the loss it returns)
                rng.nextInt(5);
                double[] delta2 = new double[2];
                for (int i = 0; i < 2; i++) delta2[i] = -y[i] + globalT[i];
                double[][] g2 = outer(delta2, a1);
                double[] delta1 = new double[3];
                for (int k = 0; k < 3; k++) {
                    for (int i = 0; i < 2; i++) delta1[k] += delta2[i] * W2[i][k] * a1[k] * (1 - a1[k]);
                }
                double[][] g1 = outer(delta1, globalX);
                W1 = axpy(W1, mu, g1);
                W2 = axpy(W2, mu, g2);
            }
            double sum = 0;
            for (int s = 0; s < count; s++) {
                double[] y = mult(W2, mult(W1, new double[] {xs[2 * s], xs[2 * s + 1]}));
                for (int i = 0; i < 2; i++) {
                    double t = rng.nextInt(5);
                    sum += 0.5 * (t - y[i]) * (t - y[i]);
                }
            }
            losses[ep] = sum;
        }
        return losses;
    }

    static double[] mult(double[][] m, double[] v) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < v.length; j++) out[i] += m[i][j] * v[j];
        }
        return out;
    }

    static double[][] outer(double[] a, double[] b) {
        double[][] out = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < b.length; j++) out[i][j] = a[i] * b[j];
        return out;
    }

    static double[][] axpy(double[][] w, double mu, double[][] g) {
        double[][] out = new double[w.length][];
        for (int i = 0; i < w.length; i++) {
            out[i] = new double[w[i].length];
            for (int j = 0; j < w[i].length; j++) out[i][j] = w[i][j] + mu * g[i][j];
        }
        return out;
    }

    static double[][] copy(double[][] m) {
        return Matrices.deepCopy(m);
    }
}
