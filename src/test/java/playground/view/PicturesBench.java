package playground.view;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import playground.nn.Activation;
import playground.nn.Backprop;
import playground.nn.Network;
import playground.view.Heatmap.Plane;
import playground.view.Heatmap.Scale;

/**
 * The cost of one frame of pictures for a 2-8-8-1 tanh network: the output heatmap, the 19 neuron images and the
 * diagram with them inside. Median over 200 frames after warm-up. Not a test: it runs only when asked,
 *
 * <pre>mvn -B -o test -Dtest=PicturesBench -Dbench.pictures=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * or as a main().
 */
class PicturesBench {

    static final int FRAMES = 200, WARMUP = 300;

    /** The wall-time median of the last {@link #median} call. */
    static final double[] WALL = new double[1];

    @Test
    @EnabledIfSystemProperty(named = "bench.pictures", matches = "true")
    void frameCost() {
        main(new String[0]);
    }

    public static void main(String[] args) {
        Network net =
                new Network(new int[] {2, 8, 8, 1}, Network.activations(3, Activation.TANH, Activation.SIGMOID), true);
        SplittableRandom rng = new SplittableRandom(42);
        for (int l = 1; l <= 3; l++) {
            for (int i = 0; i < net.size(l); i++) {
                for (int j = 0; j < net.size(l - 1); j++) net.setW(l, i, j, rng.nextDouble(-1, 1));
                net.setB(l, i, rng.nextDouble(-0.3, 0.3));
            }
        }
        Plane plane = Plane.square(6);
        // a caller's feature map: scale the raw point to about [-1, 1]
        java.util.function.Function<double[], double[]> toInput = p -> new double[] {p[0] / 6, p[1] / 6};
        String[] names = {"x₁", "x₂"};
        System.out.println("pictures, 2-8-8-1 tanh/sigmoid, median CPU time of " + FRAMES + " frames after " + WARMUP
                + " warm-up frames, " + Runtime.getRuntime().availableProcessors() + " cores");
        int[][] grids = {{48, 24}, {48, 16}, {40, 20}, {32, 16}, {64, 32}};
        for (int[] g : grids) median(() -> Heatmap.render(net, toInput, plane, g[0], g[1], Scale.UNIT)); // JIT
        for (int[] g : grids) {
            int grid = g[0], neuronGrid = g[1];
            Heatmap[] last = new Heatmap[1];
            double heat = median(() -> last[0] = Heatmap.render(net, toInput, plane, grid, neuronGrid, Scale.UNIT));
            Heatmap h = last[0];
            double outOnly = median(() -> Heatmap.render(net, toInput, plane, grid, 0, Scale.UNIT));
            double[] x = toInput.apply(new double[] {1, 2});
            double[][] a = Backprop.forward(net, x).a();
            NetworkDiagram[] d = new NetworkDiagram[1];
            double diagram = median(() ->
                    d[0] = NetworkDiagram.of(net, names, null, NetworkDiagram.Highlight.FORWARD, a, null, h.neurons()));
            double frameWall = median(() -> {
                Heatmap f = Heatmap.render(net, toInput, plane, grid, neuronGrid, Scale.UNIT);
                NetworkDiagram.of(net, names, null, NetworkDiagram.Highlight.FORWARD, a, null, f.neurons());
            });
            int bytes = h.output().length();
            for (String[] layer : h.neurons()) for (String s : layer) bytes += s.length();
            System.out.printf(
                    Locale.ROOT,
                    "grid %2d, neurons %2d: output only %.3f ms; output + %d neuron images %.3f ms; diagram %.3f ms;"
                            + " frame %.3f ms (wall %.3f ms); %d B of data URIs (output %d B), diagram SVG %d B%n",
                    grid,
                    neuronGrid,
                    outOnly,
                    h.neuronImageCount(),
                    heat,
                    diagram,
                    frameWall,
                    WALL[0],
                    bytes,
                    h.output().length(),
                    d[0].svg().length());
        }
        // the encoders alone, on a 48 x 48 output picture
        int[] px = new int[48 * 48];
        for (int k = 0; k < px.length; k++) px[k] = Heatmap.unit((k % 48) / 47.0 * (k / 48) / 47.0);
        Heatmap.Png png = new Heatmap.Png();
        double own = median(() -> png.dataUri(48, 48, px));
        png.end();
        double imageIo = median(() -> java.util.Base64.getEncoder().encodeToString(Heatmap.imageIoPng(48, 48, px)));
        System.out.printf(Locale.ROOT, "48x48 PNG + base64: own encoder %.3f ms, ImageIO %.3f ms%n", own, imageIo);
        // the allocating trace path, for comparison with the flat forward pass used by render
        double[] point = new double[2];
        double trace = median(() -> {
            for (int k = 0; k < 48 * 48; k++) {
                point[0] = k % 48;
                point[1] = k / 48;
                Backprop.forward(net, toInput.apply(point));
            }
        });
        System.out.printf(Locale.ROOT, "2304 forward passes by Backprop.forward: %.3f ms%n", trace);
    }

    /**
     * The median CPU time of the calling thread per frame, in ms: on a shared machine wall time mostly measures the
     * neighbours; the wall-time median is printed beside it.
     */
    static double median(Runnable frame) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        for (int k = 0; k < WARMUP; k++) frame.run();
        double[] cpu = new double[FRAMES];
        double[] wall = new double[FRAMES];
        for (int k = 0; k < FRAMES; k++) {
            long c0 = bean.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            frame.run();
            wall[k] = (System.nanoTime() - t0) / 1e6;
            cpu[k] = (bean.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        WALL[0] = wall[FRAMES / 2];
        return cpu[FRAMES / 2];
    }
}
