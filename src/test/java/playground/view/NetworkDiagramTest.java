package playground.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import playground.nn.Activation;
import playground.nn.Network;
import playground.view.NetworkDiagram.Highlight;

class NetworkDiagramTest {

    static final Pattern EDGE = Pattern.compile(
            "<g class=\"edge (pos|neg|zero)\" data-ref=\"W(\\d+)-(\\d+)-(\\d+)\" tabindex=\"0\"><title>([^<]*)</title>"
                    + "<path class=\"hit\" d=\"[^\"]*\"/><path class=\"w\" d=\"[^\"]*\""
                    + " stroke=\"([^\"]*)\" stroke-width=\"([0-9.]+)\"/></g>");

    static Network net(int... sizes) {
        Network net =
                new Network(sizes, Network.activations(sizes.length - 1, Activation.TANH, Activation.SIGMOID), true);
        SplittableRandom rng = new SplittableRandom(7);
        for (int l = 1; l < sizes.length; l++) {
            for (int i = 0; i < sizes[l]; i++) {
                for (int j = 0; j < sizes[l - 1]; j++) net.setW(l, i, j, rng.nextDouble(-2, 2));
                net.setB(l, i, rng.nextDouble(-1, 1));
            }
        }
        return net;
    }

    static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int k = 0;
        while (m.find()) k++;
        return k;
    }

    /** The SVG is well-formed XML (so every text was escaped) and its root is an svg element. */
    static void wellFormed(String svg) throws Exception {
        var doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
    }

    @Test
    void oneEdgePerWeightWithItsRefColourAndExactValue() throws Exception {
        Network net = net(2, 8, 8, 1);
        NetworkDiagram d = NetworkDiagram.of(net);
        wellFormed(d.svg());
        Matcher m = EDGE.matcher(d.svg());
        int edges = 0;
        while (m.find()) {
            edges++;
            int l = Integer.parseInt(m.group(2)), i = Integer.parseInt(m.group(3)), j = Integer.parseInt(m.group(4));
            double w = net.w(l, i, j);
            assertEquals(w > 0 ? "pos" : "neg", m.group(1));
            assertEquals(w > 0 ? "rgb(33,102,172)" : "rgb(230,97,1)", m.group(6));
            assertEquals("w" + Notation.sup(l) + Notation.sub(i, j) + " = " + w, m.group(5));
        }
        assertEquals(88, edges);
        assertEquals(88, count(d.svg(), "data-ref=\"W\\d"));
        assertEquals("network 2-8-8-1, 88 weights, 17 biases", d.summary());
        assertTrue(d.svg().contains("role=\"img\" aria-label=\"network 2-8-8-1, 88 weights, 17 biases\""));
        assertTrue(d.svg().contains("viewBox=\"0 0 " + d.width() + " " + d.height() + "\" width=\"100%\""));
    }

    @Test
    void titlesUseTheTablesIndicesAndShowTheFullValue() {
        Network net = net(2, 3, 1);
        net.setW(2, 0, 1, -0.41234567);
        String svg = NetworkDiagram.of(net).svg();
        assertTrue(svg.contains("data-ref=\"W2-0-1\" tabindex=\"0\"><title>w⁽²⁾₀₁ = -0.41234567</title>"), svg);
        assertTrue(svg.contains("data-ref=\"b1-2\""));
        assertTrue(svg.contains("<title>b⁽¹⁾₂ = " + net.b(1, 2) + "</title>"));
        assertEquals("₁₂,₃", Notation.sub(12, 3));
    }

    @Test
    void widthGrowsWithTheSizeOfTheWeight() {
        Network net = new Network(new int[] {4, 1}, new Activation[] {Activation.LINEAR}, false);
        double[] w = {0.0, -0.1, 0.5, -2.0};
        for (int j = 0; j < 4; j++) net.setW(1, 0, j, w[j]);
        String svg = NetworkDiagram.of(net).svg();
        double[] width = new double[4];
        Matcher m = EDGE.matcher(svg);
        while (m.find()) width[Integer.parseInt(m.group(4))] = Double.parseDouble(m.group(7));
        assertEquals(NetworkDiagram.MIN_WIDTH, width[0]);
        assertTrue(width[0] < width[1] && width[1] < width[2] && width[2] < width[3], java.util.Arrays.toString(width));
        assertEquals(NetworkDiagram.MAX_WIDTH, width[3]);
        assertTrue(svg.contains("class=\"edge zero\""));
        assertFalse(svg.contains("data-ref=\"b"), "no biases drawn for a network without them");
        for (double v : new double[] {0, 0.1, 0.3, 0.7, 1, 2}) {
            assertTrue(NetworkDiagram.edgeWidth(v, 2) <= NetworkDiagram.edgeWidth(v + 0.05, 2));
        }
        assertEquals(NetworkDiagram.MIN_WIDTH, NetworkDiagram.edgeWidth(1, 0), "an all-zero network");
    }

    @Test
    void wideLayersShowSixteenNeuronsAndSayHowManyMore() throws Exception {
        Network net = net(2, 40, 1);
        NetworkDiagram d = NetworkDiagram.of(net);
        wellFormed(d.svg());
        assertEquals(16, count(d.svg(), "<g class=\"node [a-z0-9]+\" data-ref=\"a1-"));
        assertTrue(d.svg().contains(">+24 more</text>"));
        assertEquals(2 * 16 + 16, count(d.svg(), "data-ref=\"W"), "edges only between drawn neurons");
        assertFalse(d.svg().contains("data-ref=\"a1-16\""));
        assertFalse(d.svg().contains("data-ref=\"W2-0-16\""));
        assertTrue(d.summary().startsWith("network 2-40-1, 120 weights"), d.summary());
    }

    @Test
    void namesAreEscaped() throws Exception {
        Network net = net(2, 2, 1);
        String[] inputs = {"<b>x₁</b>", "a & \"b\" 'c'"};
        String svg = NetworkDiagram.of(net, inputs, new String[] {"<y>"}, Highlight.NONE, null, null, null)
                .svg();
        wellFormed(svg);
        assertFalse(svg.contains("<b>"));
        assertFalse(svg.contains("<y>"));
        assertTrue(svg.contains("&lt;b&gt;x₁&lt;/b&gt;"));
        assertTrue(svg.contains("a &amp; &quot;b&quot; &#39;c&#39;"));
        assertTrue(svg.contains("&lt;y&gt;</text>"));
    }

    @Test
    void defaultNamesAndLayerCaptions() {
        String svg = NetworkDiagram.of(net(2, 3, 1)).svg();
        assertTrue(svg.contains(">x₀</text>") && svg.contains(">x₁</text>"));
        assertTrue(svg.contains("class=\"name out\"") && svg.contains(">y</text>"));
        assertTrue(svg.contains(">input</text>"));
        assertTrue(svg.contains(">layer 1 · tanh</text>"));
        assertTrue(svg.contains(">output · sigmoid</text>"));
    }

    @Test
    void forwardTintsNeuronsByActivationAndBackwardByDelta() throws Exception {
        Network net = net(2, 3, 1);
        double[][] a = {{0.5, -1}, {0.2, -0.4, 0}, {0.9}};
        double[][] delta = {null, {-0.01, 0.02, 0}, {0.3}};
        String fwd = NetworkDiagram.of(net, null, null, Highlight.FORWARD, a, delta, null)
                .svg();
        wellFormed(fwd);
        assertTrue(fwd.contains("<g class=\"node pos\" data-ref=\"a1-0\""));
        assertTrue(fwd.contains("<g class=\"node neg\" data-ref=\"a1-1\""));
        assertTrue(fwd.contains("<g class=\"node zero\" data-ref=\"a1-2\""));
        assertTrue(fwd.contains("<g class=\"node neg\" data-ref=\"x-1\""));
        assertTrue(fwd.contains("<title>a⁽¹⁾₁ = -0.4, tanh; δ⁽¹⁾₁ = 0.02</title>"), fwd);
        assertTrue(fwd.contains("<title>x₀ = 0.5</title>"));
        // the largest |a| of a layer gets the strongest tint
        assertEquals(
                1,
                count(
                        fwd,
                        "data-ref=\"a1-1\"[^>]*><title>[^<]*</title><circle r=\"10\" fill=\"rgb\\(230,97,1\\)\""
                                + " fill-opacity=\"0.85\"/>"));
        assertEquals(
                1,
                count(
                        fwd,
                        "data-ref=\"a1-0\"[^>]*><title>[^<]*</title><circle r=\"10\" fill=\"rgb\\(33,102,172\\)\""
                                + " fill-opacity=\"0.50\"/>"));

        String bwd = NetworkDiagram.of(net, null, null, Highlight.BACKWARD, a, delta, null)
                .svg();
        wellFormed(bwd);
        assertTrue(bwd.contains("<g class=\"node neg\" data-ref=\"d1-0\""));
        assertTrue(bwd.contains("<g class=\"node pos\" data-ref=\"d2-0\""));
        assertTrue(bwd.contains("<g class=\"node n0\" data-ref=\"x-0\""), "inputs have no delta");
        assertFalse(bwd.contains("data-ref=\"a1-"));

        String plain = NetworkDiagram.of(net).svg();
        assertEquals(0, count(plain, "<circle r=\"10\" fill="), "no tint without values");
        assertEquals(2 + 3 + 1, count(plain, "<circle r=\"10\"/>"));
    }

    @Test
    void neuronImagesAreDrawnInsideSquareNodes() throws Exception {
        Network net = net(2, 3, 1);
        String png = "data:image/png;base64,iVBORw0KGgo=";
        String[][] images = {{png, null}, {png, png, png}, {png}};
        NetworkDiagram d = NetworkDiagram.of(net, null, null, Highlight.NONE, null, null, images);
        wellFormed(d.svg());
        assertEquals(5, count(d.svg(), "<image "));
        assertEquals(6, count(d.svg(), "<rect class=\"frame\""));
        assertTrue(d.svg().contains("href=\"" + png + "\""));
        String[][] hostile = {{"javascript:alert(1)", null}, {null, null, null}, {null}};
        String svg = NetworkDiagram.of(net, null, null, Highlight.NONE, null, null, hostile)
                .svg();
        assertFalse(svg.contains("javascript:"), "only data:image URIs are drawn");
    }

    @Test
    void aHeatmapsNeuronsFitTheDiagram() {
        Network net = net(2, 4, 1);
        Heatmap h = Heatmap.render(net, p -> p, Heatmap.Plane.square(5), 8, 4, Heatmap.Scale.UNIT);
        String svg = NetworkDiagram.of(net, null, null, Highlight.NONE, null, null, h.neurons())
                .svg();
        assertEquals(2 + 4 + 1, count(svg, "<image "));
        assertNotNull(h.neurons()[2][0]);
    }

    /**
     * The budget of a drawing (the largest net a link may ask for): a 10x256 net (459,776 weights) is drawn with at most MAX_EDGES edges and
     * allocates a few MB, not the 2048 + 260 x weights chars (about 240 MB) it once reserved up front.
     */
    @Test
    void aHugeNetworkIsDrawnWithinItsBudget() {
        int[] sizes = {2, 256, 256, 256, 256, 256, 256, 256, 256, 2};
        Network big = net(sizes);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        NetworkDiagram.of(net(2, 3, 2)); // warm up
        long before = threads.getThreadAllocatedBytes(id);
        NetworkDiagram d = NetworkDiagram.of(big);
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        int edges = count(d.svg(), "<g class=\"edge ");
        System.out.println("DIAGRAM 10x256: allocated " + allocated / 1024 + " kB, svg "
                + d.svg().length() / 1024 + " kB, " + edges + " edges; " + d.summary());
        assertTrue(edges <= NetworkDiagram.MAX_EDGES, edges + " edges");
        assertTrue(allocated < 16L << 20, "allocated " + allocated + " bytes");
        assertTrue(d.summary().contains("of 459776 weights drawn"), d.summary());
    }
}
