package playground.data;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * TensorFlow Playground's input features for points (x₁, x₂) of the plane: the network's inputs are the chosen
 * features of each point, in the order listed here, whatever order they were asked for in.
 */
public record Features(List<Feature> list) {
    public enum Feature {
        X1("x1", "x₁"),
        X2("x2", "x₂"),
        X1_SQUARED("x1sq", "x₁²"),
        X2_SQUARED("x2sq", "x₂²"),
        X1_X2("x1x2", "x₁x₂"),
        SIN_X1("sinx1", "sin x₁"),
        SIN_X2("sinx2", "sin x₂");

        private final String id;
        private final String label;

        Feature(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        /** The name people read, e.g. "x₁²". */
        public String label() {
            return label;
        }

        /** The feature's value at (x1, x2). */
        public double of(double x1, double x2) {
            return switch (this) {
                case X1 -> x1;
                case X2 -> x2;
                case X1_SQUARED -> x1 * x1;
                case X2_SQUARED -> x2 * x2;
                case X1_X2 -> x1 * x2;
                case SIN_X1 -> Math.sin(x1);
                case SIN_X2 -> Math.sin(x2);
            };
        }
    }

    public Features {
        list = List.copyOf(list);
    }

    /** x₁ and x₂ as they are: the default. */
    public static final Features PLAIN = new Features(List.of(Feature.X1, Feature.X2));

    /** Parses a comma-separated list such as "x1,x2,x1sq"; throws IllegalArgumentException naming the choices. */
    public static Features parse(String s) {
        EnumSet<Feature> set = EnumSet.noneOf(Feature.class);
        for (String part : s.split(",", -1)) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            Feature found = null;
            for (Feature f : Feature.values()) if (f.id.equals(p)) found = f;
            if (found == null) {
                throw new IllegalArgumentException(
                        "needs features from x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2, separated by commas");
            }
            if (!set.add(found)) throw new IllegalArgumentException("lists " + found.id + " twice");
        }
        return new Features(new ArrayList<>(set));
    }

    public int count() {
        return list.size();
    }

    public boolean contains(Feature f) {
        return list.contains(f);
    }

    /** The ids joined by commas, as in URLs. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Feature f : list) sb.append(sb.length() == 0 ? "" : ",").append(f.id);
        return sb.toString();
    }

    /** The labels people read, in input order. */
    public String[] labels() {
        String[] out = new String[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = list.get(i).label;
        return out;
    }

    /** The feature vector of the point (x1, x2). */
    public double[] of(double x1, double x2) {
        double[] v = new double[list.size()];
        for (int i = 0; i < v.length; i++) v[i] = list.get(i).of(x1, x2);
        return v;
    }

    /** The samples with their points (x₁, x₂) turned into feature vectors. */
    public Samples apply(Samples plane) {
        if (this.equals(PLAIN)) return plane;
        int m = list.size();
        double[] x = new double[plane.count() * m];
        for (int k = 0; k < plane.count(); k++) {
            double x1 = plane.x()[2 * k], x2 = plane.x()[2 * k + 1];
            for (int i = 0; i < m; i++) x[k * m + i] = list.get(i).of(x1, x2);
        }
        return new Samples(plane.count(), m, plane.outputs(), x, plane.t());
    }
}
