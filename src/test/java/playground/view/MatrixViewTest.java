package playground.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import playground.training.CellId;

class MatrixViewTest {

    static double[][] random(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int j = 0; j < cols; j++) row[j] = r.nextDouble(-1, 1);
        return m;
    }

    static int hex(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xffffff;
    }

    @Test
    void upTo200NumbersAreATableAsBefore() {
        MatrixView t = MatrixView.matrix("W", 2, "", random(10, 20, 1), null, CellId.Kind.W);
        assertFalse(t.isPicture());
        assertNull(t.picture());
        assertEquals(10, t.rows().size());
        assertEquals(16, t.colLabels().size(), "a table still shows its first 16 columns");
        assertEquals("first 10 × 16 of 10 × 20", t.note());
        assertEquals("W2-3-4", t.rows().get(3).get(4).id());

        MatrixView v = MatrixView.vector("b", 1, "", new double[200], null, CellId.Kind.B);
        assertFalse(v.isPicture());
        assertTrue(v.isVector());
        assertEquals(16, v.rows().size());
    }

    @Test
    void moreThan200NumbersAreAPicture() {
        MatrixView p = MatrixView.matrix("W", 2, "", random(67, 3, 2), null, CellId.Kind.W);
        assertTrue(p.isPicture());
        assertTrue(p.rows().isEmpty(), "no cells");
        assertEquals(67, p.picture().rows());
        assertEquals(3, p.picture().cols());
        assertFalse(p.isVector());
        assertEquals("W2", p.picture().refPrefix());
        assertEquals("mx-W2", p.picture().id());
        assertTrue(p.note().startsWith("67 × 3, scale ±"), p.note());

        MatrixView v = MatrixView.vector("b", 3, "", new double[201], null, CellId.Kind.B);
        assertTrue(v.isPicture());
        assertTrue(v.isVector());
        assertEquals(201, v.picture().rows());
        assertEquals(1, v.picture().cols());
        assertTrue(v.picture().width() >= MatrixView.MIN_PICTURE_PX, "a thin vector is still wide enough to point at");
    }

    @Test
    void aPictureIsShownAtAReadableSize() {
        var big = MatrixView.matrix("W", 2, "", random(64, 64, 3), null, CellId.Kind.W)
                .picture();
        assertEquals(256, big.width(), "4 px per cell");
        assertEquals(256, big.height());
        var huge = MatrixView.matrix("W", 2, "", random(256, 256, 3), null, CellId.Kind.W)
                .picture();
        assertEquals(256, huge.width());
        var thin = MatrixView.matrix("W", 1, "", random(256, 2, 3), null, CellId.Kind.W)
                .picture();
        assertEquals(256, thin.height());
        assertEquals(MatrixView.MIN_PICTURE_PX, thin.width());
    }

    @Test
    void thePictureHasOnePixelPerNumberOnTheDivergingScale() throws Exception {
        double[][] m = new double[20][30]; // 600 numbers
        m[0][0] = 0.5; // the largest |value|: strongest blue
        m[1][2] = -0.5; // strongest orange
        m[3][4] = 0.25; // halfway to blue (step 2.5 of 5 rounds to 3)
        m[5][6] = -0.1; // step 1 of 5 towards orange
        m[7][8] = Double.NaN; // neutral
        m[19][29] = 0.01; // rounds to neutral
        MatrixView v = MatrixView.matrix("∂E/∂W", 1, "", m, null, CellId.Kind.GW);
        assertEquals("20 × 30, scale ±0.5", v.note());
        BufferedImage image = HeatmapTest.decode(v.picture().src());
        assertEquals(30, image.getWidth(), "one pixel per column");
        assertEquals(20, image.getHeight(), "one pixel per row");
        assertEquals(Heatmap.signed(1), hex(image, 0, 0), "x = j, y = i");
        assertEquals(0x2166ac, hex(image, 0, 0), "the app's blue");
        assertEquals(Heatmap.signed(-1), hex(image, 2, 1));
        assertEquals(0xe66101, hex(image, 2, 1), "the app's orange");
        assertEquals(Heatmap.signed(3 / 5.0), hex(image, 4, 3));
        assertEquals(Heatmap.signed(-1 / 5.0), hex(image, 6, 5));
        assertEquals(Heatmap.signed(0), hex(image, 8, 7));
        assertEquals(Heatmap.signed(0), hex(image, 29, 19));
        assertEquals(Heatmap.signed(0), hex(image, 10, 10), "zero is neutral");
    }

    @Test
    void aVectorPictureIsOneColumnAndAllZerosAreNeutral() throws Exception {
        double[] b = new double[300];
        b[299] = Double.NEGATIVE_INFINITY;
        BufferedImage image = HeatmapTest.decode(
                MatrixView.vector("b", 1, "", b, null, CellId.Kind.B).picture().src());
        assertEquals(1, image.getWidth());
        assertEquals(300, image.getHeight());
        assertEquals(Heatmap.signed(0), hex(image, 0, 0));
        assertEquals(Heatmap.signed(-1), hex(image, 0, 299), "an infinity is the strongest colour of its sign");
    }

    @Test
    void aWholeLargeMatrixStaysSmall() {
        String src = MatrixView.matrix("W", 2, "", random(256, 256, 4), null, CellId.Kind.W)
                .picture()
                .src();
        // 4 bits a number at most: 32 kB of pixels, ~44 kB once base64-coded
        assertTrue(src.length() < 45_000, "256 × 256 random weights in " + src.length() + " characters");
    }

    @Test
    void theIndexedEncoderChecksItsPalette() {
        Heatmap.Png png = new Heatmap.Png();
        try {
            assertThrows(IllegalArgumentException.class, () -> png.encodeIndexed(1, 1, new byte[1], new int[17]));
        } finally {
            png.end();
        }
    }
}
