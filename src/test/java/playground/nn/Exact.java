package playground.nn;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * An independent reference in 160-digit decimal arithmetic: exp and ln by series and Newton's method, and one sample's
 * forward pass, loss, deltas, gradients and plain SGD update written straight from the definitions (sigma(z) = 1 / (1
 * + e^−z), tanh z = (e^2z − 1) / (e^2z + 1), E = −Σ t ln y, ...). It shares no code with {@code nn}; its identities
 * (sigma′ = sigma(z) sigma(−z), tanh′ = 4 / (e^z + e^−z)², 1 − sigma(z) = sigma(−z)) are exact, so that saturated
 * units keep all their digits here.
 */
final class Exact {
    static final MathContext MC = new MathContext(160);
    private static final BigDecimal TWO = BigDecimal.valueOf(2), HALF = new BigDecimal("0.5");
    private static final BigDecimal LN10 = lnNewton(BigDecimal.TEN);

    private Exact() {}

    static BigDecimal of(double v) {
        return new BigDecimal(v);
    }

    static BigDecimal exp(BigDecimal x) {
        if (x.signum() < 0) return BigDecimal.ONE.divide(exp(x.negate()), MC);
        int k = 0;
        BigDecimal r = x;
        while (r.compareTo(HALF) > 0) {
            r = r.divide(TWO, MC);
            k++;
        }
        BigDecimal sum = BigDecimal.ONE, term = BigDecimal.ONE, tiny = new BigDecimal("1e-170");
        for (int n = 1; n < 400; n++) {
            term = term.multiply(r, MC).divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(term, MC);
            if (term.abs().compareTo(tiny) < 0) break;
        }
        for (int i = 0; i < k; i++) sum = sum.multiply(sum, MC);
        return sum;
    }

    /** ln x, x > 0: ln(m · 10^k) = ln m + k ln 10 with 1 <= m < 10, then Newton's method on exp. */
    static BigDecimal ln(BigDecimal x) {
        if (x.signum() <= 0) throw new ArithmeticException("ln of " + x);
        int k = x.precision() - x.scale() - 1;
        BigDecimal m = x.movePointLeft(k);
        return lnNewton(m).add(LN10.multiply(BigDecimal.valueOf(k), MC), MC);
    }

    private static BigDecimal lnNewton(BigDecimal x) {
        BigDecimal y = BigDecimal.valueOf(Math.log(x.doubleValue()));
        for (int i = 0; i < 8; i++) {
            BigDecimal e = exp(y);
            // y <- y + 2 (x - e^y) / (x + e^y)
            y = y.add(TWO.multiply(x.subtract(e, MC), MC).divide(x.add(e, MC), MC), MC);
        }
        return y;
    }

    /** ln(1 + x): the series x − x²/2 + x³/3 − ... for small x, where 1 + x would round away x's digits. */
    static BigDecimal log1p(BigDecimal x) {
        if (x.abs().compareTo(new BigDecimal("1e-3")) >= 0) return ln(BigDecimal.ONE.add(x, MC));
        BigDecimal sum = BigDecimal.ZERO, power = x, tiny = x.abs().multiply(new BigDecimal("1e-170"));
        for (int n = 1; n < 400; n++) {
            BigDecimal term = power.divide(BigDecimal.valueOf(n), MC);
            sum = n % 2 == 1 ? sum.add(term, MC) : sum.subtract(term, MC);
            if (term.abs().compareTo(tiny) < 0) break;
            power = power.multiply(x, MC);
        }
        return sum;
    }

    static BigDecimal sigmoid(BigDecimal z) {
        return BigDecimal.ONE.divide(BigDecimal.ONE.add(exp(z.negate()), MC), MC);
    }

    static BigDecimal f(Activation f, BigDecimal z) {
        return switch (f) {
            case SIGMOID -> sigmoid(z);
            case TANH -> {
                BigDecimal e = exp(z.multiply(TWO));
                yield e.subtract(BigDecimal.ONE, MC).divide(e.add(BigDecimal.ONE, MC), MC);
            }
            case RELU -> z.signum() > 0 ? z : BigDecimal.ZERO;
            case LEAKY_RELU -> z.signum() > 0 ? z : z.multiply(new BigDecimal("0.01"));
            case LINEAR -> z;
            default -> throw new IllegalArgumentException(f.id());
        };
    }

    static BigDecimal df(Activation f, BigDecimal z) {
        return switch (f) {
            case SIGMOID -> sigmoid(z).multiply(sigmoid(z.negate()), MC);
            case TANH -> {
                BigDecimal c = exp(z).add(exp(z.negate()), MC);
                yield BigDecimal.valueOf(4).divide(c.multiply(c, MC), MC);
            }
            case RELU -> z.signum() > 0 ? BigDecimal.ONE : BigDecimal.ZERO;
            case LEAKY_RELU -> z.signum() > 0 ? BigDecimal.ONE : new BigDecimal("0.01");
            case LINEAR -> BigDecimal.ONE;
            default -> throw new IllegalArgumentException(f.id());
        };
    }

    /** Every field of one sample's step, exact: per-layer arrays indexed 1..L as in {@link Trace}. */
    record Step(
            BigDecimal[][] z,
            BigDecimal[][] a,
            BigDecimal loss,
            BigDecimal[][] delta,
            BigDecimal[][][] dW,
            BigDecimal[][][] wAfter,
            BigDecimal[][] bAfter) {}

    static Step step(Network net, double[] x, double[] t, double lr) {
        int L = net.layers();
        BigDecimal[][] z = new BigDecimal[L + 1][], a = new BigDecimal[L + 1][];
        a[0] = new BigDecimal[x.length];
        for (int j = 0; j < x.length; j++) a[0][j] = of(x[j]);
        for (int l = 1; l <= L; l++) {
            int m = net.size(l);
            z[l] = new BigDecimal[m];
            a[l] = new BigDecimal[m];
            for (int i = 0; i < m; i++) {
                BigDecimal s = of(net.b(l, i));
                for (int j = 0; j < net.size(l - 1); j++)
                    s = s.add(of(net.w(l, i, j)).multiply(a[l - 1][j]));
                z[l][i] = s;
            }
            if (net.activation(l) == Activation.SOFTMAX) {
                BigDecimal sum = BigDecimal.ZERO;
                BigDecimal[] e = new BigDecimal[m];
                for (int i = 0; i < m; i++) sum = sum.add(e[i] = exp(z[l][i]), MC);
                for (int i = 0; i < m; i++) a[l][i] = e[i].divide(sum, MC);
            } else {
                for (int i = 0; i < m; i++) a[l][i] = f(net.activation(l), z[l][i]);
            }
        }
        Activation out = net.activation(L);
        BigDecimal[] y = a[L], zL = z[L];
        int n = y.length;
        BigDecimal[] T = new BigDecimal[n];
        for (int i = 0; i < n; i++) T[i] = of(t[i]);
        BigDecimal loss = BigDecimal.ZERO;
        BigDecimal[][] delta = new BigDecimal[L + 1][];
        delta[L] = new BigDecimal[n];
        if (net.loss() == Loss.MSE) {
            BigDecimal s = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                BigDecimal g = y[i].subtract(T[i]);
                loss = loss.add(HALF.multiply(g.multiply(g)), MC);
                s = s.add(g.multiply(y[i]), MC);
            }
            for (int i = 0; i < n; i++) {
                BigDecimal g = y[i].subtract(T[i]);
                if (out != Activation.SOFTMAX) {
                    delta[L][i] = g.multiply(df(out, zL[i]), MC);
                    continue;
                }
                // y_i (g_i - sum_j g_j y_j) = y_i sum_j y_j (g_i - g_j), as sum_j y_j = 1: the same number, without
                // asking 160 digits to hold a difference 10^-178 of its parts
                BigDecimal r = BigDecimal.ZERO;
                for (int j = 0; j < n; j++) r = r.add(y[j].multiply(g.subtract(y[j].subtract(T[j]), MC), MC), MC);
                delta[L][i] = y[i].multiply(r, MC);
            }
        } else if (out == Activation.SOFTMAX) {
            // E = -sum t ln y; delta = y sum t - t
            BigDecimal sumT = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) sumT = sumT.add(T[i]);
            // -ln y_i = ln(sum_j e^(z_j - z_i)) = ln(1 + sum_(j≠i) e^(z_j - z_i)): log1p keeps a tiny sum's digits
            for (int i = 0; i < n; i++) {
                if (T[i].signum() != 0) {
                    BigDecimal rest = BigDecimal.ZERO;
                    for (int j = 0; j < n; j++) if (j != i) rest = rest.add(exp(zL[j].subtract(zL[i])), MC);
                    loss = loss.add(T[i].multiply(log1p(rest), MC), MC);
                }
                // y_i sum t - t_i = sum_(j≠i) t_j - (1 - y_i) sum t, with 1 - y_i = sum_(j≠i) y_j: exact, and no
                // difference of two numbers within 10^-260 of each other for 160 digits to hold
                if (y[i].compareTo(HALF) <= 0) {
                    delta[L][i] = y[i].multiply(sumT, MC).subtract(T[i], MC);
                    continue;
                }
                BigDecimal otherT = BigDecimal.ZERO, otherY = BigDecimal.ZERO;
                for (int j = 0; j < n; j++) {
                    if (j == i) continue;
                    otherT = otherT.add(T[j], MC);
                    otherY = otherY.add(y[j], MC);
                }
                delta[L][i] = otherT.subtract(otherY.multiply(sumT, MC), MC);
            }
        } else {
            // E = -sum [t ln sigma(z) + (1 - t) ln sigma(-z)]; delta = sigma(z) - t
            for (int i = 0; i < n; i++) {
                BigDecimal one = BigDecimal.ONE.subtract(T[i]);
                // -ln sigma(z) = ln(1 + e^-z), -ln sigma(-z) = ln(1 + e^z)
                if (T[i].signum() != 0) loss = loss.add(T[i].multiply(log1p(exp(zL[i].negate())), MC), MC);
                if (one.signum() != 0) loss = loss.add(one.multiply(log1p(exp(zL[i])), MC), MC);
                delta[L][i] = y[i].subtract(T[i], MC);
            }
        }
        for (int l = L; l > 1; l--) {
            delta[l - 1] = new BigDecimal[net.size(l - 1)];
            for (int j = 0; j < net.size(l - 1); j++) {
                BigDecimal s = BigDecimal.ZERO;
                for (int i = 0; i < net.size(l); i++)
                    s = s.add(of(net.w(l, i, j)).multiply(delta[l][i], MC), MC);
                delta[l - 1][j] = s.multiply(df(net.activation(l - 1), z[l - 1][j]), MC);
            }
        }
        BigDecimal[][][] dW = new BigDecimal[L + 1][][], wAfter = new BigDecimal[L + 1][][];
        BigDecimal[][] bAfter = new BigDecimal[L + 1][];
        BigDecimal eta = of(lr);
        for (int l = 1; l <= L; l++) {
            dW[l] = new BigDecimal[net.size(l)][net.size(l - 1)];
            wAfter[l] = new BigDecimal[net.size(l)][net.size(l - 1)];
            bAfter[l] = new BigDecimal[net.size(l)];
            for (int i = 0; i < net.size(l); i++) {
                for (int j = 0; j < net.size(l - 1); j++) {
                    dW[l][i][j] = delta[l][i].multiply(a[l - 1][j], MC);
                    wAfter[l][i][j] = of(net.w(l, i, j)).subtract(eta.multiply(dW[l][i][j], MC), MC);
                }
                bAfter[l][i] = net.hasBias() ? of(net.b(l, i)).subtract(eta.multiply(delta[l][i], MC), MC) : of(0);
            }
        }
        return new Step(z, a, loss, delta, dW, wAfter, bAfter);
    }

    /** The relative error of a double against the exact value (0 only if both are 0). */
    static double relErr(double got, BigDecimal exact) {
        if (exact.signum() == 0) return got == 0 ? 0 : Double.POSITIVE_INFINITY;
        return of(got).subtract(exact, MC).abs().divide(exact.abs(), MC).doubleValue();
    }
}
