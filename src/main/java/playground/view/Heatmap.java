package playground.view;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import playground.data.Samples;
import playground.nn.Activation;
import playground.nn.Network;

/**
 * A network's output over the 2-D input plane, TensorFlow Playground style: one PNG of the output on a grid of cell
 * centres, and optionally one small PNG per neuron (inputs, hidden and output) of that neuron's activation, all as
 * {@code data:} URIs that an {@code <img>} or an SVG {@code <image>} can show under the page's CSP.
 *
 * <p>Colours: the app's diverging scale, orange (230,97,1) for negative through a near-white neutral to blue
 * (33,102,172) for positive. {@link Scale#UNIT} maps [0, 1] onto it (0.5 neutral), {@link Scale#SIGNED} maps [-1, 1]
 * (clamped). A network with several outputs (softmax classes) colours each pixel by its argmax class, with the class's
 * hue stronger as the winning probability grows.
 *
 * @param output the output image, grid x grid pixels, row 0 at the top (x2 max), column 0 at the left (x1 min)
 * @param neurons neurons[l][i] is the image of a^(l)_i, l = 0..L (layer 0 the inputs as the network sees them), each
 *     neuronGrid x neuronGrid pixels; null when neuron images were not asked for
 * @param grid the output image's width and height in pixels
 * @param neuronGrid the neuron images' width and height in pixels, 0 when there are none
 * @param alt the output image described in words, for its {@code alt} text
 */
public record Heatmap(String output, String[][] neurons, int grid, int neuronGrid, String alt) {

    /** How one output value becomes a colour. */
    public enum Scale {
        /** Values in [0, 1] (sigmoid, a probability): 0 orange, 0.5 neutral, 1 blue. */
        UNIT,
        /** Values in [-1, 1] (tanh, a regression target), clamped: -1 orange, 0 neutral, 1 blue. */
        SIGNED
    }

    /** The rectangle of the input plane a picture covers, in the raw coordinates of the samples. */
    public record Plane(double x1min, double x1max, double x2min, double x2max) {
        public Plane {
            if (!(x1max > x1min) || !(x2max > x2min)) {
                throw new IllegalArgumentException("a plane needs x1min < x1max and x2min < x2max");
            }
        }

        /** [-r, r] x [-r, r], the TensorFlow Playground sets' plane for r = 5 (or 6, to leave a margin). */
        public static Plane square(double r) {
            return new Plane(-r, r, -r, r);
        }
    }

    /** A legend entry: a CSS class for the swatch colour and its meaning. */
    public record Swatch(String cls, String label) {}

    /**
     * The data points drawn over a heatmap.
     *
     * @param svg an {@code <svg>} with viewBox 0 0 {@value #VIEW} {@value #VIEW}, one circle per sample (train filled
     *     with a white ring, test with a dark ring), and tick labels at the plane's edges
     * @param legend what the colours mean
     * @param count the number of circles
     */
    public record Overlay(String svg, List<Swatch> legend, int count) {}

    /** The overlay's viewBox size, in user units (the image is stretched to the same box). */
    public static final int VIEW = 300;

    /** The neutral middle of the diverging scale: a warm near-white. */
    static final int[] NEUTRAL = {247, 247, 245};

    static final int[] POSITIVE = {33, 102, 172};
    static final int[] NEGATIVE = {230, 97, 1};

    /**
     * Class hues for argmax pictures, colour-blind safe: the app's blue and orange, then Okabe-Ito bluish green,
     * reddish purple, yellow, sky blue, vermillion and grey, reused in turn beyond eight classes.
     */
    static final int[][] CLASSES = {
        {33, 102, 172},
        {230, 97, 1},
        {0, 158, 115},
        {204, 121, 167},
        {240, 228, 66},
        {86, 180, 233},
        {213, 94, 0},
        {120, 120, 120}
    };

    /** CSS classes of the legend swatches, one per class hue ("c0".."c7"), styled in pictures.css. */
    static String classCss(int k) {
        return "c" + (k % CLASSES.length);
    }

    /** Steps of the diverging lookup table on each side of neutral. */
    private static final int STEPS = 256;

    /** DIVERGING[STEPS + k] is the colour of k / STEPS, k = -STEPS..STEPS. */
    private static final int[] DIVERGING = new int[2 * STEPS + 1];

    /** CLASS_LUT[c][k] is class c's hue at strength k / STEPS. */
    private static final int[][] CLASS_LUT = new int[CLASSES.length][STEPS + 1];

    static {
        for (int k = -STEPS; k <= STEPS; k++) {
            DIVERGING[STEPS + k] = mix(NEUTRAL, k < 0 ? NEGATIVE : POSITIVE, Math.abs(k) / (double) STEPS);
        }
        for (int c = 0; c < CLASSES.length; c++) {
            for (int k = 0; k <= STEPS; k++) CLASS_LUT[c][k] = mix(NEUTRAL, CLASSES[c], k / (double) STEPS);
        }
    }

    private static int mix(int[] from, int[] to, double t) {
        int r = (int) Math.round(from[0] + (to[0] - from[0]) * t);
        int g = (int) Math.round(from[1] + (to[1] - from[1]) * t);
        int b = (int) Math.round(from[2] + (to[2] - from[2]) * t);
        return (r << 16) | (g << 8) | b;
    }

    /** The colour of v in [-1, 1] (clamped) as 0xRRGGBB; NaN is neutral. */
    static int signed(double v) {
        if (Double.isNaN(v)) return DIVERGING[STEPS];
        double t = v < -1 ? -1 : v > 1 ? 1 : v;
        return DIVERGING[STEPS + (int) Math.round(t * STEPS)];
    }

    /** The colour of v in [0, 1] (clamped) as 0xRRGGBB: 0 orange, 0.5 neutral, 1 blue. */
    static int unit(double v) {
        return signed(2 * v - 1);
    }

    static int colour(double v, Scale scale) {
        return scale == Scale.UNIT ? unit(v) : signed(v);
    }

    /**
     * The colour of a class picture's pixel: class c's hue, from a faint tint when the winner's probability p is at
     * chance (1/K) to the full hue at p = 1.
     */
    static int classColour(int c, double p, int classes) {
        double chance = 1.0 / classes;
        double s = Double.isNaN(p) ? 0 : (p - chance) / (1 - chance);
        s = 0.15 + 0.85 * Math.max(0, Math.min(1, s));
        return CLASS_LUT[c % CLASSES.length][(int) Math.round(s * STEPS)];
    }

    /** The index of the largest value (the first on ties; NaN never wins). */
    static int argmax(double[] v, int from, int count) {
        int best = 0;
        for (int k = 1; k < count; k++) {
            if (v[from + k] > v[from + best]) best = k;
        }
        return best;
    }

    /**
     * Renders the network over the plane.
     *
     * @param net the network; its weights are read once, at the start
     * @param toInput maps a plane point {x1, x2} to the network's input vector (features and scaling are the caller's)
     * @param plane the rectangle to cover
     * @param grid the output image's size: grid x grid cells, the network evaluated at each cell's centre
     * @param neuronGrid the neuron images' size, 0 for none; it must divide {@code grid}, each neuron pixel being the
     *     mean of a (grid / neuronGrid)^2 block of cells, so the same forward passes serve both
     * @param scale how a single output becomes a colour; ignored for several outputs (argmax classes)
     */
    public static Heatmap render(
            Network net, Function<double[], double[]> toInput, Plane plane, int grid, int neuronGrid, Scale scale) {
        if (grid < 1 || grid > 1024) throw new IllegalArgumentException("grid must be 1 to 1024, was " + grid);
        if (neuronGrid < 0 || (neuronGrid > 0 && grid % neuronGrid != 0)) {
            throw new IllegalArgumentException("neuronGrid must be 0 or divide grid " + grid + ", was " + neuronGrid);
        }
        Flat flat = new Flat(net);
        int L = net.layers();
        int outputs = net.outputs();
        int cells = grid * grid;
        boolean neurons = neuronGrid > 0;
        // sums[l][i][p] accumulates a^(l)_i over the block of cells that make neuron pixel p
        int block = neurons ? grid / neuronGrid : 1;
        double[][][] sums = neurons ? new double[L + 1][][] : null;
        if (neurons) {
            for (int l = 0; l <= L; l++) sums[l] = new double[net.size(l)][neuronGrid * neuronGrid];
        }
        double[][] a = flat.buffers();
        int[] out = new int[cells];
        double dx = (plane.x1max() - plane.x1min()) / grid;
        double dy = (plane.x2max() - plane.x2min()) / grid;
        double[] point = new double[2];
        for (int r = 0; r < grid; r++) {
            point[1] = plane.x2max() - (r + 0.5) * dy;
            for (int c = 0; c < grid; c++) {
                point[0] = plane.x1min() + (c + 0.5) * dx;
                double[] x = toInput.apply(point.clone());
                flat.forward(x, a);
                double[] y = a[L];
                if (outputs == 1) {
                    out[r * grid + c] = colour(y[0], scale);
                } else {
                    int k = argmax(y, 0, outputs);
                    out[r * grid + c] = classColour(k, y[k], outputs);
                }
                if (neurons) {
                    int p = (r / block) * neuronGrid + c / block;
                    for (int l = 0; l <= L; l++) {
                        double[] al = a[l];
                        double[][] sl = sums[l];
                        for (int i = 0; i < al.length; i++) sl[i][p] += al[i];
                    }
                }
            }
        }
        Png png = new Png();
        try {
            String output = png.dataUri(grid, grid, out);
            String[][] images = null;
            if (neurons) {
                images = new String[L + 1][];
                int[] px = new int[neuronGrid * neuronGrid];
                double perPixel = block * block;
                for (int l = 0; l <= L; l++) {
                    images[l] = new String[net.size(l)];
                    Scale s = l == 0 ? Scale.SIGNED : scaleOf(net.activation(l));
                    for (int i = 0; i < images[l].length; i++) {
                        double[] v = sums[l][i];
                        // inputs have no fixed range: scale each to its own largest |value| over the plane
                        double norm = l == 0 ? perPixel * Math.max(Tint.maxAbs(v) / perPixel, 1e-12) : perPixel;
                        for (int p = 0; p < px.length; p++) px[p] = colour(v[p] / norm, s);
                        images[l][i] = png.dataUri(neuronGrid, neuronGrid, px);
                    }
                }
            }
            return new Heatmap(output, images, grid, neuronGrid, alt(plane, outputs, scale));
        } finally {
            png.end();
        }
    }

    /** The scale of a neuron's picture: sigmoid and softmax live in [0, 1]; tanh, relu and linear are shown in [-1, 1]. */
    static Scale scaleOf(Activation f) {
        return f == Activation.SIGMOID || f == Activation.SOFTMAX ? Scale.UNIT : Scale.SIGNED;
    }

    private static String alt(Plane plane, int outputs, Scale scale) {
        String where = "over x₁ from " + Num.compact(plane.x1min()) + " to " + Num.compact(plane.x1max())
                + " and x₂ from " + Num.compact(plane.x2min()) + " to " + Num.compact(plane.x2max());
        if (outputs > 1) return "The network's predicted class " + where + ", one colour per class.";
        return "The network's output " + where + ": "
                + (scale == Scale.UNIT ? "blue towards 1, orange towards 0." : "blue towards +1, orange towards −1.");
    }

    /** The total number of neuron images (inputs included), 0 when there are none. */
    public int neuronImageCount() {
        if (neurons == null) return 0;
        int count = 0;
        for (String[] layer : neurons) count += layer.length;
        return count;
    }

    /**
     * The samples as circles over the plane: train points filled with a white ring, test points with a dark ring,
     * coloured by their label. One output: the label's value on {@code scale} (binary labels 0/1 with UNIT, ±1 with
     * SIGNED, regression targets on SIGNED). Several outputs: one-hot labels, coloured by their argmax class. Points
     * outside the plane are kept (the SVG clips them). Either set may be null.
     */
    public static Overlay points(Samples train, Samples test, Plane plane, Scale scale) {
        StringBuilder sb = new StringBuilder(256 + 64 * (count(train) + count(test)));
        sb.append("<svg class=\"hm-points\" viewBox=\"0 0 ")
                .append(VIEW)
                .append(' ')
                .append(VIEW)
                .append("\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
                .append(count(train))
                .append(" training and ")
                .append(count(test))
                .append(" test points\">");
        int outputs = 1;
        for (Samples s : new Samples[] {train, test}) if (s != null) outputs = s.outputs();
        appendPoints(sb, train, plane, scale, "tr");
        appendPoints(sb, test, plane, scale, "te");
        appendTicks(sb, plane);
        sb.append("</svg>");
        return new Overlay(sb.toString(), legend(outputs, scale), count(train) + count(test));
    }

    private static int count(Samples s) {
        return s == null ? 0 : s.count();
    }

    private static void appendPoints(StringBuilder sb, Samples s, Plane plane, Scale scale, String cls) {
        if (s == null) return;
        if (s.inputs() < 2) throw new IllegalArgumentException("points need 2-D samples, not " + s.inputs() + "-D");
        double sx = VIEW / (plane.x1max() - plane.x1min());
        double sy = VIEW / (plane.x2max() - plane.x2min());
        int k = s.outputs();
        sb.append("<g class=\"").append(cls).append("\">");
        for (int n = 0; n < s.count(); n++) {
            double x1 = s.x()[n * s.inputs()], x2 = s.x()[n * s.inputs() + 1];
            int rgb;
            if (k == 1) {
                rgb = saturated(s.t()[n], scale);
            } else {
                int[] hue = CLASSES[argmax(s.t(), n * k, k) % CLASSES.length];
                rgb = hue[0] << 16 | hue[1] << 8 | hue[2];
            }
            sb.append("<circle cx=\"");
            Svg.num(sb, (x1 - plane.x1min()) * sx);
            sb.append("\" cy=\"");
            Svg.num(sb, (plane.x2max() - x2) * sy);
            sb.append("\" r=\"3.5\" fill=\"");
            hex(sb, rgb);
            sb.append("\"/>");
        }
        sb.append("</g>");
    }

    /**
     * A label's point colour: the full hue of its side (a point must stand out on the heatmap under it) for binary
     * labels, and the diverging scale, pushed away from the neutral middle, for regression values.
     */
    private static int saturated(double t, Scale scale) {
        double v = scale == Scale.UNIT ? 2 * t - 1 : t;
        if (Double.isNaN(v)) return signed(0);
        double m = Math.min(1, Math.abs(v));
        return signed(Math.signum(v) * (0.35 + 0.65 * m));
    }

    private static void appendTicks(StringBuilder sb, Plane plane) {
        sb.append("<g class=\"ticks\" aria-hidden=\"true\">");
        double[] x1 = {plane.x1min(), 0, plane.x1max()};
        String[] anchor = {"start", "middle", "end"};
        for (int k = 0; k < 3; k++) {
            if (k == 1 && !(plane.x1min() < 0 && plane.x1max() > 0)) continue;
            double px = (x1[k] - plane.x1min()) / (plane.x1max() - plane.x1min()) * VIEW;
            sb.append("<text class=\"tick\" text-anchor=\"").append(anchor[k]).append("\" x=\"");
            Svg.num(sb, k == 0 ? px + 3 : k == 2 ? px - 3 : px);
            sb.append("\" y=\"").append(VIEW - 4).append("\">");
            Svg.esc(sb, Num.compact(x1[k]));
            sb.append("</text>");
        }
        // x2 up the left edge: max at the top, 0, and min above the corner unless x1min's label there says it already
        double[] x2 = {plane.x2max(), 0, plane.x2min()};
        for (int k = 0; k < 3; k++) {
            if (k == 1 && !(plane.x2min() < 0 && plane.x2max() > 0)) continue;
            if (k == 2 && Num.compact(plane.x2min()).equals(Num.compact(plane.x1min()))) continue;
            double py = k == 0 ? 11 : k == 2 ? VIEW - 16 : (plane.x2max() / (plane.x2max() - plane.x2min())) * VIEW + 4;
            sb.append("<text class=\"tick\" x=\"3\" y=\"");
            Svg.num(sb, py);
            sb.append("\">");
            Svg.esc(sb, Num.compact(x2[k]));
            sb.append("</text>");
        }
        sb.append("<text class=\"tick axis\" text-anchor=\"end\" x=\"")
                .append(VIEW - 3)
                .append("\" y=\"")
                .append(VIEW - 16)
                .append("\">x₁</text><text class=\"tick axis\" x=\"3\" y=\"24\">x₂</text></g>");
    }

    private static List<Swatch> legend(int outputs, Scale scale) {
        List<Swatch> legend = new ArrayList<>();
        if (outputs > 1) {
            for (int k = 0; k < outputs; k++) legend.add(new Swatch("sw " + classCss(k), "class " + k));
        } else {
            legend.add(new Swatch("sw neg", scale == Scale.UNIT ? "0" : Num.MINUS + "1"));
            legend.add(new Swatch("sw pos", scale == Scale.UNIT ? "1" : "+1"));
        }
        legend.add(new Swatch("sw train", "train"));
        legend.add(new Swatch("sw test", "test"));
        return legend;
    }

    private static void hex(StringBuilder sb, int rgb) {
        sb.append('#');
        String h = Integer.toHexString(rgb | 0x1000000);
        sb.append(h, 1, 7);
    }

    /**
     * The network's own forward pass ({@link Network#forward}) over a copy of its weights, allocation-free per point.
     * {@code HeatmapTest} checks it against {@code Backprop.forward}.
     */
    static final class Flat {
        private final Network net;

        Flat(Network net) {
            this.net = net.copy();
        }

        /** a[l] buffers for l = 1..L; a[0] is set by {@link #forward}. */
        double[][] buffers() {
            return net.buffers();
        }

        void forward(double[] x, double[][] a) {
            if (x.length != net.inputs()) {
                throw new IllegalArgumentException("x needs " + net.inputs() + " values, got " + x.length);
            }
            net.forward(x, null, a);
        }
    }

    /**
     * A minimal PNG encoder: 8-bit RGB with each row filtered with Up (2), or indexed colour (a palette of at most 16
     * colours, 4 bits per pixel, rows unfiltered); one IDAT, zlib via {@link Deflater} at its fastest level. One
     * encoder serves a frame's images and must be {@link #end() ended}.
     */
    static final class Png {
        private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};
        private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        private final CRC32 crc = new CRC32();
        private byte[] raw = new byte[0];
        private byte[] buf = new byte[4096];

        String dataUri(int width, int height, int[] rgb) {
            return dataUri(encode(width, height, rgb));
        }

        static String dataUri(byte[] png) {
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        }

        byte[] encode(int width, int height, int[] rgb) {
            int stride = 1 + 3 * width;
            int size = stride * height;
            if (raw.length < size) raw = new byte[size];
            for (int y = 0; y < height; y++) {
                int o = y * stride;
                raw[o++] = 2; // filter: Up
                for (int x = 0; x < width; x++) {
                    int p = rgb[y * width + x];
                    int q = y == 0 ? 0 : rgb[(y - 1) * width + x];
                    raw[o++] = (byte) ((p >> 16) - (q >> 16));
                    raw[o++] = (byte) ((p >> 8) - (q >> 8));
                    raw[o++] = (byte) (p - q);
                }
            }
            return png(width, height, 8, 2, null, size);
        }

        /**
         * An indexed-colour image: pixel p has colour {@code palette[index[p]]} (0xRRGGBB), 4 bits per pixel. Several
         * times smaller than RGB for pictures of few colours (a matrix on a stepped scale: about half a byte per
         * number).
         */
        byte[] encodeIndexed(int width, int height, byte[] index, int[] palette) {
            if (palette.length < 1 || palette.length > 16) {
                throw new IllegalArgumentException("a palette has 1 to 16 colours, not " + palette.length);
            }
            int stride = 1 + (width + 1) / 2;
            int size = stride * height;
            if (raw.length < size) raw = new byte[size];
            java.util.Arrays.fill(raw, 0, size, (byte) 0); // filter None, and the low nibble of an odd row's end
            for (int y = 0; y < height; y++) {
                int o = y * stride + 1;
                for (int x = 0; x < width; x++) {
                    int k = index[y * width + x] & 0x0f;
                    raw[o + x / 2] |= (byte) ((x & 1) == 0 ? k << 4 : k);
                }
            }
            byte[] plte = new byte[3 * palette.length];
            for (int k = 0; k < palette.length; k++) {
                plte[3 * k] = (byte) (palette[k] >> 16);
                plte[3 * k + 1] = (byte) (palette[k] >> 8);
                plte[3 * k + 2] = (byte) palette[k];
            }
            return png(width, height, 4, 3, plte, size);
        }

        /** The file around raw[0, size): IHDR (bit depth, colour type), PLTE if given, IDAT, IEND. */
        private byte[] png(int width, int height, int depth, int colourType, byte[] plte, int size) {
            deflater.reset();
            deflater.setInput(raw, 0, size);
            deflater.finish();
            ByteArrayOutputStream idat = new ByteArrayOutputStream(size / 2 + 64);
            while (!deflater.finished()) {
                int k = deflater.deflate(buf);
                idat.write(buf, 0, k);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(idat.size() + 128);
            out.writeBytes(SIGNATURE);
            byte[] ihdr = new byte[13];
            int32(ihdr, 0, width);
            int32(ihdr, 4, height);
            ihdr[8] = (byte) depth; // bit depth
            ihdr[9] = (byte) colourType; // colour type: 2 RGB, 3 indexed
            chunk(out, "IHDR", ihdr, ihdr.length);
            if (plte != null) chunk(out, "PLTE", plte, plte.length);
            chunk(out, "IDAT", idat.toByteArray(), idat.size());
            chunk(out, "IEND", new byte[0], 0);
            return out.toByteArray();
        }

        private void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
            byte[] head = new byte[8];
            int32(head, 0, length);
            byte[] t = type.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(t, 0, head, 4, 4);
            out.write(head, 0, 8);
            out.write(data, 0, length);
            crc.reset();
            crc.update(t);
            crc.update(data, 0, length);
            byte[] c = new byte[4];
            int32(c, 0, (int) crc.getValue());
            out.write(c, 0, 4);
        }

        private static void int32(byte[] b, int at, int v) {
            b[at] = (byte) (v >>> 24);
            b[at + 1] = (byte) (v >>> 16);
            b[at + 2] = (byte) (v >>> 8);
            b[at + 3] = (byte) v;
        }

        void end() {
            deflater.end();
        }
    }

    /** The same image through {@link javax.imageio.ImageIO}, for the benchmark's comparison and the tests. */
    static byte[] imageIoPng(int width, int height, int[] rgb) {
        var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, rgb, 0, width);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Small helpers for SVG text, shared with {@link NetworkDiagram}. */
    static final class Svg {
        private Svg() {}

        /** v to one decimal, without String.format (this runs thousands of times a frame). */
        static void num(StringBuilder sb, double v) {
            if (!Double.isFinite(v)) {
                sb.append('0');
                return;
            }
            long t = Math.round(v * 10);
            if (t < 0) {
                sb.append('-');
                t = -t;
            }
            sb.append(t / 10);
            if (t % 10 != 0) sb.append('.').append(t % 10);
        }

        /** v to two decimals (stroke widths, opacities). */
        static void num2(StringBuilder sb, double v) {
            long t = Double.isFinite(v) ? Math.round(Math.abs(v) * 100) : 0;
            if (v < 0 && t != 0) sb.append('-');
            sb.append(t / 100).append('.');
            long cents = t % 100;
            if (cents < 10) sb.append('0');
            sb.append(cents);
        }

        /** Text and attribute values: &amp; &lt; &gt; &quot; &#39; escaped. */
        static void esc(StringBuilder sb, String s) {
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                switch (c) {
                    case '&' -> sb.append("&amp;");
                    case '<' -> sb.append("&lt;");
                    case '>' -> sb.append("&gt;");
                    case '"' -> sb.append("&quot;");
                    case '\'' -> sb.append("&#39;");
                    default -> sb.append(c);
                }
            }
        }
    }
}
