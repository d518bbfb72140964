package playground.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import playground.data.Samples;
import playground.nn.Activation;
import playground.nn.Backprop;
import playground.nn.Network;
import playground.view.Heatmap.Plane;
import playground.view.Heatmap.Scale;

class HeatmapTest {

    static final String PREFIX = "data:image/png;base64,";

    static BufferedImage decode(String uri) throws Exception {
        assertTrue(uri.startsWith(PREFIX), uri);
        BufferedImage image =
                ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(uri.substring(PREFIX.length()))));
        assertNotNull(image, "a PNG ImageIO can read");
        return image;
    }

    static int[] rgb(BufferedImage image, int x, int y) {
        int p = image.getRGB(x, y);
        return new int[] {(p >> 16) & 255, (p >> 8) & 255, p & 255};
    }

    static boolean blueish(int[] c) {
        return c[2] > c[0] + 60;
    }

    static boolean orangeish(int[] c) {
        return c[0] > c[2] + 60;
    }

    /** y = sigmoid(10 x1): above 0.5 exactly where x1 > 0. */
    static Network step() {
        Network net = new Network(new int[] {2, 1}, new Activation[] {Activation.SIGMOID}, true);
        net.setW(1, 0, 0, 10);
        return net;
    }

    static Network random(int[] sizes, Activation hidden, Activation output, long seed) {
        Network net = new Network(sizes, Network.activations(sizes.length - 1, hidden, output), true);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int l = 1; l < sizes.length; l++) {
            for (int i = 0; i < sizes[l]; i++) {
                for (int j = 0; j < sizes[l - 1]; j++) net.setW(l, i, j, rng.nextDouble(-1.5, 1.5));
                net.setB(l, i, rng.nextDouble(-0.5, 0.5));
            }
        }
        return net;
    }

    @Test
    void outputIsOrangeWhereTheClassifierSaysZeroAndBlueWhereItSaysOne() throws Exception {
        Heatmap h = Heatmap.render(step(), p -> p, Plane.square(5), 48, 0, Scale.UNIT);
        BufferedImage image = decode(h.output());
        assertEquals(48, image.getWidth());
        assertEquals(48, image.getHeight());
        for (int y = 0; y < 48; y += 7) {
            for (int x = 0; x < 20; x++) assertTrue(orangeish(rgb(image, x, y)), "left of centre at " + x + "," + y);
            for (int x = 28; x < 48; x++) assertTrue(blueish(rgb(image, x, y)), "right of centre at " + x + "," + y);
        }
        assertArrayEquals(Heatmap.POSITIVE, rgb(image, 47, 0), "y = sigmoid(49) is the full blue");
        assertNull(h.neurons());
        assertEquals(0, h.neuronImageCount());
        assertTrue(h.alt().contains("blue towards 1, orange towards 0"), h.alt());
    }

    @Test
    void rowsRunFromTopToBottomAlongX2() throws Exception {
        Network net = new Network(new int[] {2, 1}, new Activation[] {Activation.TANH}, false);
        net.setW(1, 0, 1, 10); // y = tanh(10 x2): blue at the top
        BufferedImage image = decode(Heatmap.render(net, p -> p, new Plane(0, 1, -2, 2), 16, 0, Scale.SIGNED)
                .output());
        assertTrue(blueish(rgb(image, 8, 0)));
        assertTrue(orangeish(rgb(image, 8, 15)));
    }

    @Test
    void theInputMappingIsTheCallers() throws Exception {
        // the caller's features: the network sees (-x1, x2), so the picture is mirrored
        Heatmap h = Heatmap.render(step(), p -> new double[] {-p[0], p[1]}, Plane.square(5), 12, 0, Scale.UNIT);
        BufferedImage image = decode(h.output());
        assertTrue(blueish(rgb(image, 0, 6)));
        assertTrue(orangeish(rgb(image, 11, 6)));
    }

    @Test
    void oneImagePerNeuronOfTheirOwnSize() throws Exception {
        Network net = random(new int[] {2, 8, 8, 1}, Activation.TANH, Activation.SIGMOID, 3);
        Heatmap h = Heatmap.render(net, p -> p, Plane.square(5), 48, 24, Scale.UNIT);
        assertEquals(4, h.neurons().length);
        int hiddenAndOutput = 0;
        for (int l = 1; l <= net.layers(); l++) {
            assertEquals(net.size(l), h.neurons()[l].length);
            hiddenAndOutput += h.neurons()[l].length;
        }
        assertEquals(8 + 8 + 1, hiddenAndOutput);
        assertEquals(2 + 8 + 8 + 1, h.neuronImageCount());
        for (String[] layer : h.neurons()) {
            for (String uri : layer) {
                BufferedImage image = decode(uri);
                assertEquals(24, image.getWidth());
                assertEquals(24, image.getHeight());
            }
        }
        // the input x1 image: orange at the left, blue at the right
        BufferedImage x1 = decode(h.neurons()[0][0]);
        assertArrayEquals(Heatmap.NEGATIVE, rgb(x1, 0, 5), "the input scaled to its own largest |value|");
        assertArrayEquals(Heatmap.POSITIVE, rgb(x1, 23, 5));
        assertThrows(
                IllegalArgumentException.class, () -> Heatmap.render(net, p -> p, Plane.square(5), 48, 20, Scale.UNIT));
    }

    @Test
    void theOutputNeuronImageAgreesWithTheOutputPicture() throws Exception {
        Heatmap h = Heatmap.render(step(), p -> p, Plane.square(5), 8, 8, Scale.UNIT);
        assertEquals(h.output(), h.neurons()[1][0], "a sigmoid output neuron is drawn on the same unit scale");
    }

    @Test
    void severalOutputsAreColouredByTheirWinningClass() throws Exception {
        // three linear outputs: class 0 wins where x1 < -1, class 2 where x1 > 1, class 1 in between
        Network net = new Network(new int[] {2, 3}, new Activation[] {Activation.LINEAR}, true);
        net.setW(1, 0, 0, -5);
        net.setW(1, 2, 0, 5);
        net.setB(1, 1, 5);
        Heatmap h = Heatmap.render(net, p -> p, Plane.square(5), 30, 0, Scale.UNIT);
        BufferedImage image = decode(h.output());
        int[] left = rgb(image, 0, 15), middle = rgb(image, 15, 15), right = rgb(image, 29, 15);
        assertTrue(blueish(left), java.util.Arrays.toString(left));
        assertTrue(orangeish(middle), java.util.Arrays.toString(middle));
        assertTrue(
                right[1] > right[0] + 60 && right[1] > right[2], "bluish green: " + java.util.Arrays.toString(right));
        assertTrue(h.alt().contains("predicted class"));
    }

    @Test
    void softmaxClassesFadeTowardsChance() throws Exception {
        Network net = new Network(new int[] {2, 3}, new Activation[] {Activation.SOFTMAX}, true);
        net.setW(1, 0, 0, -1); // class 0 wins on the left, more surely the further left
        net.setW(1, 2, 0, 1);
        BufferedImage image = decode(
                Heatmap.render(net, p -> p, Plane.square(5), 20, 10, Scale.UNIT).output());
        int[] far = rgb(image, 0, 10), near = rgb(image, 8, 10);
        assertTrue(blueish(far) && far[0] < near[0], "stronger blue far from the boundary");
    }

    @Test
    void theFastForwardPassAgreesWithBackprop() {
        SplittableRandom rng = new SplittableRandom(11);
        for (Activation f : Activation.values()) {
            Activation hidden = f.elementwise() ? f : Activation.TANH;
            Network net = random(new int[] {3, 5, 4, 2}, hidden, f, 5);
            Heatmap.Flat flat = new Heatmap.Flat(net);
            double[][] a = flat.buffers();
            for (int k = 0; k < 20; k++) {
                double[] x = {rng.nextDouble(-3, 3), rng.nextDouble(-3, 3), rng.nextDouble(-3, 3)};
                flat.forward(x, a);
                double[][] expected = Backprop.forward(net, x).a();
                for (int l = 0; l <= net.layers(); l++) assertArrayEquals(expected[l], a[l], 1e-12, f + " layer " + l);
            }
        }
    }

    @Test
    void thePngEncoderIsLossless() throws Exception {
        SplittableRandom rng = new SplittableRandom(1);
        int w = 13, h = 7;
        int[] px = new int[w * h];
        for (int k = 0; k < px.length; k++) px[k] = rng.nextInt(1 << 24);
        Heatmap.Png png = new Heatmap.Png();
        try {
            for (int round = 0; round < 2; round++) { // a reused encoder gives the same result
                BufferedImage image = decode(png.dataUri(w, h, px));
                assertEquals(w, image.getWidth());
                assertEquals(h, image.getHeight());
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) assertEquals(px[y * w + x], image.getRGB(x, y) & 0xffffff);
                }
            }
        } finally {
            png.end();
        }
        BufferedImage viaImageIo = ImageIO.read(new ByteArrayInputStream(Heatmap.imageIoPng(w, h, px)));
        assertEquals(px[5], viaImageIo.getRGB(5, 0) & 0xffffff);
    }

    @Test
    void theScaleRunsFromOrangeThroughNeutralToBlue() {
        assertEquals(0xe66101, Heatmap.unit(0));
        assertEquals(0x2166ac, Heatmap.unit(1));
        assertEquals(0xf7f7f5, Heatmap.unit(0.5));
        assertEquals(0xe66101, Heatmap.signed(-7), "clamped");
        assertEquals(0xf7f7f5, Heatmap.signed(Double.NaN));
        assertEquals(Heatmap.signed(0.3), Heatmap.unit(0.65));
        assertEquals(Scale.UNIT, Heatmap.scaleOf(Activation.SIGMOID));
        assertEquals(Scale.UNIT, Heatmap.scaleOf(Activation.SOFTMAX));
        assertEquals(Scale.SIGNED, Heatmap.scaleOf(Activation.TANH));
    }

    static final Pattern CIRCLE =
            Pattern.compile("<circle cx=\"([-0-9.]+)\" cy=\"([-0-9.]+)\" r=\"3.5\" fill=\"(#[0-9a-f]{6})\"/>");

    @Test
    void onePointPerSampleWhereItsCoordinatesSay() throws Exception {
        Samples train = new Samples(3, 2, 1, new double[] {-5, 5, 5, -5, 0, 0}, new double[] {0, 1, 1});
        Samples test = new Samples(2, 2, 1, new double[] {2.5, 2.5, -2.5, -2.5}, new double[] {1, 0});
        Heatmap.Overlay o = Heatmap.points(train, test, Plane.square(5), Scale.UNIT);
        assertEquals(5, o.count());
        NetworkDiagramTest.wellFormed(o.svg());
        Matcher m = CIRCLE.matcher(o.svg());
        StringBuilder all = new StringBuilder();
        int circles = 0;
        while (m.find()) {
            circles++;
            all.append(m.group(1))
                    .append(',')
                    .append(m.group(2))
                    .append(' ')
                    .append(m.group(3))
                    .append(';');
        }
        assertEquals(5, circles);
        assertEquals("0,0 #e66101;300,300 #2166ac;150,150 #2166ac;225,75 #2166ac;75,225 #e66101;", all.toString());
        assertTrue(o.svg().indexOf("<g class=\"tr\">") < o.svg().indexOf("<g class=\"te\">"));
        assertEquals(1, NetworkDiagramTest.count(o.svg(), "<g class=\"te\">(<circle[^>]*>){2}</g>"));
        assertTrue(o.svg().contains("viewBox=\"0 0 300 300\""));
        assertTrue(o.svg().contains(">−5</text>") && o.svg().contains(">5</text>"), "ticks");
        assertEquals("sw neg", o.legend().get(0).cls());
    }

    @Test
    void pointsOfOneHotAndRegressionLabels() {
        Samples classes = new Samples(2, 2, 3, new double[] {0, 0, 1, 1}, new double[] {0, 0, 1, 0, 1, 0});
        Heatmap.Overlay o = Heatmap.points(classes, null, Plane.square(5), Scale.UNIT);
        assertTrue(o.svg().contains("fill=\"#009e73\""), "class 2: bluish green");
        assertTrue(o.svg().contains("fill=\"#e66101\""), "class 1: orange");
        assertEquals(3 + 2, o.legend().size());
        Samples regression = new Samples(2, 2, 1, new double[] {0, 0, 1, 1}, new double[] {0.05, -0.9});
        String svg =
                Heatmap.points(null, regression, Plane.square(5), Scale.SIGNED).svg();
        Matcher m = CIRCLE.matcher(svg);
        assertTrue(m.find());
        int faint = Integer.parseInt(m.group(3).substring(1), 16);
        assertTrue((faint & 255) > (faint >> 16), "a small positive value is blue, visibly so");
        assertTrue(faint != Heatmap.signed(0), "and never the neutral of the picture under it");
    }
}
