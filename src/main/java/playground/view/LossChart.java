package playground.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The geometry of the loss chart, for a template to draw as inline SVG: train loss solid, test loss dashed, epochs on
 * x (0 = before training, then 1..N), loss on y, linear or log. Everything is in pixels of an SVG of {@link #width()}
 * by {@link #height()}, with y growing downwards; the plot area is {@link #left()}..{@link #right()} by {@link
 * #top()}..{@link #bottom()}. No markup here except the two path strings.
 *
 * <p>A value that cannot be drawn (NaN, an infinity, or a loss &lt;= 0 on the log scale) breaks its line: the path
 * starts a new "M" at the next drawable value.
 */
public final class LossChart {

    public static final int MARGIN_LEFT = 56;
    public static final int MARGIN_RIGHT = 12;
    public static final int MARGIN_TOP = 12;
    public static final int MARGIN_BOTTOM = 32;

    /**
     * A tick on an axis: its pixel position (x for the epoch axis, y for the loss axis; 2 decimals) and its label.
     */
    public record Tick(double pos, String label) {}

    /**
     * One epoch's values and where they are (pixels, 2 decimals): x is the epoch's pixel x; y is the pixel y of the train loss (of the test
     * loss if the train loss cannot be drawn; the top edge, or the bottom one for a loss &lt;= 0 on the log scale, if
     * neither can). A value the caller has not given yet is NaN. The title reads "epoch 3: train 0.0123, test 0.0131",
     * leaving out a series that has no values at all (no test set).
     */
    public record Point(double x, double y, int epoch, double train, double test, String title) {}

    private final int width;
    private final int height;
    private final double left;
    private final double top;
    private final double right;
    private final double bottom;
    private final int epochs;
    private final boolean log;
    /** The y domain: values in linear mode, powers of ten (exponents) in log mode. */
    private final double lo;

    private final double hi;
    private final String trainPath;
    private final String testPath;
    private final List<Tick> xTicks;
    private final List<Tick> yTicks;
    private final List<Point> points;
    private final String lastTrainLabel;
    private final String lastTestLabel;
    private final boolean empty;

    private LossChart(
            double initialTrain,
            double initialTest,
            List<Double> train,
            List<Double> test,
            int epochs,
            boolean log,
            int width,
            int height,
            double[][] alsoInDomain) {
        if (width <= MARGIN_LEFT + MARGIN_RIGHT || height <= MARGIN_TOP + MARGIN_BOTTOM) {
            throw new IllegalArgumentException("the chart is too small: " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        this.left = MARGIN_LEFT;
        this.top = MARGIN_TOP;
        this.right = width - MARGIN_RIGHT;
        this.bottom = height - MARGIN_BOTTOM;
        this.log = log;
        double[] tr = series(initialTrain, train);
        double[] te = series(initialTest, test);
        this.epochs = Math.max(Math.max(epochs, 1), Math.max(tr.length, te.length) - 1);
        this.empty = train.isEmpty() && test.isEmpty();

        double[][] all = new double[2 + alsoInDomain.length][];
        all[0] = tr;
        all[1] = te;
        System.arraycopy(alsoInDomain, 0, all, 2, alsoInDomain.length);
        double[] domain = log ? logDomain(all) : linearDomain(all);
        this.lo = domain[0];
        this.hi = domain[1];

        this.trainPath = path(tr);
        this.testPath = path(te);
        this.xTicks = xTicks(this.epochs, this::xOf);
        this.yTicks = log ? logTicks((int) lo, (int) hi, top, bottom) : linearTicks();
        boolean hasTrain = present(tr);
        boolean hasTest = present(te);
        this.lastTrainLabel = hasTrain ? last(tr) : "";
        this.lastTestLabel = hasTest ? last(te) : "";
        this.points = points(tr, te, hasTrain, hasTest);
    }

    /**
     * The chart of a run so far.
     *
     * @param initialTrain the train loss before training (epoch 0); NaN if unknown
     * @param initialTest the test loss before training; NaN if unknown or there is no test set
     * @param train the train loss after epochs 1..k; k may be less than {@code epochs} while the run goes on
     * @param test the test loss after epochs 1..k
     * @param epochs the run's number of epochs N: the x axis spans 0..max(N, 1) (or further, if more losses are given)
     * @param log whether the loss axis is logarithmic
     * @param width the SVG's width in pixels
     * @param height the SVG's height in pixels
     * @throws IllegalArgumentException if the size leaves no room for the plot
     */
    public static LossChart of(
            double initialTrain,
            double initialTest,
            List<Double> train,
            List<Double> test,
            int epochs,
            boolean log,
            int width,
            int height) {
        return sharing(initialTrain, initialTest, train, test, epochs, log, width, height);
    }

    /**
     * As {@link #of}, with the loss axis spanning these series too (epoch 0 first, as {@link #series} makes them):
     * two runs' charts drawn with the same axes, to overlay them.
     */
    public static LossChart sharing(
            double initialTrain,
            double initialTest,
            List<Double> train,
            List<Double> test,
            int epochs,
            boolean log,
            int width,
            int height,
            double[]... alsoInDomain) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        return new LossChart(initialTrain, initialTest, train, test, epochs, log, width, height, alsoInDomain);
    }

    /** Epoch 0..k of a run's losses: the initial value, then the list (NaN for a value JSON could not hold). */
    public static double[] series(double initial, List<Double> values) {
        double[] s = new double[values.size() + 1];
        s[0] = initial;
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            s[i + 1] = v == null ? Double.NaN : v;
        }
        return s;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The plot area's left edge: epoch 0. */
    public double left() {
        return left;
    }

    /** The plot area's top edge: the top of the loss domain. */
    public double top() {
        return top;
    }

    /** The plot area's right edge: the last epoch. */
    public double right() {
        return right;
    }

    /** The plot area's bottom edge: the bottom of the loss domain. */
    public double bottom() {
        return bottom;
    }

    /** The last epoch on the x axis, max(N, 1). */
    public int epochs() {
        return epochs;
    }

    /** The pixel distance from one epoch to the next (the width of a hover target). */
    public double step() {
        return (right - left) / epochs;
    }

    public boolean log() {
        return log;
    }

    /** The loss at the bottom edge. */
    public double yMin() {
        return log ? Math.pow(10, lo) : lo;
    }

    /** The loss at the top edge. */
    public double yMax() {
        return log ? Math.pow(10, hi) : hi;
    }

    /** The pixel x of an epoch. */
    public double xOf(double epoch) {
        return left + epoch / epochs * (right - left);
    }

    /** The pixel y of a loss; NaN if it cannot be drawn (NaN, infinite, or &lt;= 0 on the log scale). */
    public double yOf(double loss) {
        if (!drawable(loss)) return Double.NaN;
        double u = log ? Math.log10(loss) : loss;
        return bottom - (u - lo) / (hi - lo) * (bottom - top);
    }

    /** The train loss as an SVG path's {@code d}: "M x y L x y ...", "" when nothing can be drawn. */
    public String trainPath() {
        return trainPath;
    }

    /** The test loss as an SVG path's {@code d}, "" when nothing can be drawn. */
    public String testPath() {
        return testPath;
    }

    /** Integer epochs at nice steps (1, 2, 5, 10, 20, ...), always 0 and the last epoch. */
    public List<Tick> xTicks() {
        return xTicks;
    }

    /** Losses at 1-2-5 steps (linear) or powers of ten (log), bottom to top. */
    public List<Tick> yTicks() {
        return yTicks;
    }

    /** Every epoch given so far, 0..k. */
    public List<Point> points() {
        return points;
    }

    /** True before the first epoch is done: at most the point at epoch 0. */
    public boolean empty() {
        return empty;
    }

    /** The latest train loss, {@link Num#compact}; "" if there is none. */
    public String lastTrainLabel() {
        return lastTrainLabel;
    }

    /** The latest test loss, {@link Num#compact}; "" if there is none. */
    public String lastTestLabel() {
        return lastTestLabel;
    }

    // --- construction

    private boolean drawable(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    /** [min(0, smallest), largest * 1.05]; [0, 1] with nothing finite or all zero. */
    private static double[] linearDomain(double[]... series) {
        double min = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] s : series) {
            for (double v : s) {
                if (!Double.isFinite(v)) continue;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (!(max > 0)) return new double[] {min, min < 0 ? 0 : 1};
        double top = max * 1.05;
        if (Double.isInfinite(top)) top = max;
        if (top - min <= 0 || Double.isInfinite(top - min)) return new double[] {min, min + 1};
        return new double[] {min, top};
    }

    /**
     * Exponents [floor(log10(smallest)), ceil(log10(largest))], at least one decade apart, widened at the top so that
     * the ticks' stride divides it; [0, 1] (1 to 10) with nothing positive.
     */
    static double[] logDomain(double[]... series) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double[] s : series) {
            for (double v : s) {
                if (!Double.isFinite(v) || v <= 0) continue;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (!(max > 0)) return new double[] {0, 1};
        int lo = (int) Math.floor(Math.log10(min));
        int hi = (int) Math.ceil(Math.log10(max));
        if (hi <= lo) hi = lo + 1;
        int stride = logStride(hi - lo);
        hi = lo + stride * ((hi - lo + stride - 1) / stride);
        return new double[] {lo, hi};
    }

    /** At most 7 ticks: every decade up to 6 decades, then every 2nd, 3rd, ... */
    private static int logStride(int decades) {
        return Math.max(1, (decades + 5) / 6);
    }

    /**
     * At most this many epochs are drawn: with more, every k-th epoch (and the last) is, so that a chart of 10000
     * epochs stays a few kilobytes however often it is sent.
     */
    public static final int MAX_POINTS = 120;

    /** The epochs drawn out of 0..n-1: all of them, or every k-th and the last. */
    static int[] drawn(int n) {
        int stride = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        int count = (n - 1) / stride + 1 + ((n - 1) % stride == 0 ? 0 : 1);
        int[] idx = new int[n == 0 ? 0 : count];
        for (int i = 0, e = 0; e < n; e += stride) idx[i++] = e;
        if (n > 0) idx[idx.length - 1] = n - 1;
        return idx;
    }

    private String path(double[] s) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int e : drawn(s.length)) {
            if (!drawable(s[e])) {
                pen = false;
                continue;
            }
            if (d.length() > 0) d.append(' ');
            d.append(pen ? "L " : "M ").append(px(xOf(e))).append(' ').append(px(yOf(s[e])));
            pen = true;
        }
        return d.toString();
    }

    /** A pixel coordinate rounded to 2 decimals, so that it prints short in markup. */
    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** A pixel coordinate with at most 2 decimals, trailing zeros dropped. */
    static String px(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') end--;
            if (s.charAt(end - 1) == '.') end--;
            s = s.substring(0, end);
        }
        return s.equals("-0") ? "0" : s;
    }

    /** Ticks along an axis of epochs 0..n, at x = {@code xOf(e)} (also {@link FlowChart}'s). */
    static List<Tick> xTicks(int n, java.util.function.DoubleUnaryOperator xOf) {
        int stride = 1;
        for (int k = 1; stride * 7L < n; k++) stride = nice(k);
        List<Tick> ticks = new ArrayList<>();
        for (int e = 0; e < n; e += stride) {
            // a multiple too close to the end would crowd the last label
            if (e > 0 && n - e < stride / 2.0) break;
            ticks.add(new Tick(round2(xOf.applyAsDouble(e)), Integer.toString(e)));
        }
        ticks.add(new Tick(round2(xOf.applyAsDouble(n)), Integer.toString(n)));
        return List.copyOf(ticks);
    }

    /** The k-th integer of 1, 2, 5, 10, 20, 50, ... (k = 0 is 1), capped at the largest int of that form. */
    private static int nice(int k) {
        int[] m = {1, 2, 5};
        long v = m[k % 3];
        for (int i = 0; i < k / 3; i++) v *= 10;
        return (int) Math.min(v, 1_000_000_000L);
    }

    /** A tick at each power of ten 10^a..10^b (every few, with many decades), 10^a at y = bottom, 10^b at top. */
    static List<Tick> logTicks(int a, int b, double top, double bottom) {
        int stride = logStride(b - a);
        List<Tick> ticks = new ArrayList<>();
        for (int k = a; k <= b; k += stride) {
            ticks.add(new Tick(round2(bottom - (double) (k - a) / (b - a) * (bottom - top)), powerOfTen(k)));
        }
        return List.copyOf(ticks);
    }

    /** "0.001", "1", "100", "1e4", "1e−5": as {@link Num#compact} would write 10^k, without computing 10^k. */
    private static String powerOfTen(int k) {
        if (k >= -3 && k <= 3) return Num.compact(Math.pow(10, k));
        return "1e" + Integer.toString(k).replace("-", Num.MINUS);
    }

    /** Multiples of the 1-2-5 step that gives about 5 ticks in [lo, hi] (4 to 8; ties: fewer ticks). */
    private List<Tick> linearTicks() {
        double range = hi - lo;
        int e = (int) Math.floor(Math.log10(range));
        double best = Double.NaN;
        long bestCount = 0;
        for (int k = e - 2; k <= e + 1; k++) {
            for (int m : new int[] {1, 2, 5}) {
                double s = m * Math.pow(10, k);
                if (!(s > 0) || Double.isInfinite(s)) continue;
                long count = floorIndex(s, hi) - ceilIndex(s, lo) + 1;
                if (Double.isNaN(best) || tickScore(count) <= tickScore(bestCount)) {
                    best = s;
                    bestCount = count;
                }
            }
        }
        if (Double.isNaN(best)) return List.of(new Tick(bottom, Num.compact(lo)), new Tick(top, Num.compact(hi)));
        List<Tick> ticks = new ArrayList<>();
        for (long i = ceilIndex(best, lo); i <= floorIndex(best, hi); i++) {
            double v = i * best;
            ticks.add(new Tick(round2(yOfValue(v)), Num.compact(v)));
        }
        return List.copyOf(ticks);
    }

    /** How far a tick count is from 5; too many is less bad than too few, so 8 beats 3. */
    private static double tickScore(long count) {
        return count < 5 ? 5 - count : (count - 5) * 0.6;
    }

    /** The largest i with i * s &lt;= x (within rounding). */
    private static long floorIndex(double s, double x) {
        return (long) Math.floor(x / s + 1e-9);
    }

    /** The smallest i with i * s &gt;= x (within rounding). */
    private static long ceilIndex(double s, double x) {
        return (long) Math.ceil(x / s - 1e-9);
    }

    private double yOfValue(double v) {
        return bottom - (v - lo) / (hi - lo) * (bottom - top);
    }

    private static boolean present(double[] s) {
        for (double v : s) {
            if (!Double.isNaN(v)) return true;
        }
        return false;
    }

    /** The latest value's label: the last given epoch's, or the initial one's; "" if that is unknown (NaN). */
    private static String last(double[] s) {
        double v = s[s.length - 1];
        return s.length == 1 && Double.isNaN(v) ? "" : Num.compact(v);
    }

    private List<Point> points(double[] tr, double[] te, boolean hasTrain, boolean hasTest) {
        int k = Math.max(tr.length, te.length);
        List<Point> out = new ArrayList<>(Math.min(k, MAX_POINTS + 1));
        for (int e : drawn(k)) {
            double t = e < tr.length ? tr[e] : Double.NaN;
            double u = e < te.length ? te[e] : Double.NaN;
            double y;
            if (drawable(t)) y = yOf(t);
            else if (drawable(u)) y = yOf(u);
            else {
                double v = hasTrain ? t : u;
                y = v <= 0 ? bottom : top;
            }
            StringBuilder title = new StringBuilder("epoch ").append(e).append(':');
            if (hasTrain) title.append(" train ").append(Num.compact(t));
            if (hasTrain && hasTest) title.append(',');
            if (hasTest) title.append(" test ").append(Num.compact(u));
            out.add(new Point(round2(xOf(e)), round2(y), e, t, u, title.toString()));
        }
        return List.copyOf(out);
    }
}
