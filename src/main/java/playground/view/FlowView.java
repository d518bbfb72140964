package playground.view;

import java.util.List;
import playground.training.Snapshot;

/**
 * The gradient flow panel: per weight layer, the gradient's size and the update's size relative to the weights, per
 * epoch; and which hidden units were saturated or dead in the last completed epoch.
 */
public record FlowView(FlowChart gradients, FlowChart updates, List<String> units, boolean empty) {

    public static FlowView of(Snapshot s) {
        int L = s.layers(), epochs = s.config().epochs();
        List<String> units = new java.util.ArrayList<>();
        for (int l = 1; l < L; l++) {
            int[] sat = s.saturatedUnits()[l - 1], dead = s.deadUnits()[l - 1];
            if (sat.length == 0 && dead.length == 0) continue;
            StringBuilder line = new StringBuilder("layer ").append(l).append(':');
            if (dead.length > 0) line.append(' ').append(count(dead, "dead"));
            if (sat.length > 0)
                line.append(dead.length > 0 ? ";" : "").append(' ').append(count(sat, "saturated"));
            units.add(line.toString());
        }
        return new FlowView(
                FlowChart.of("mean ‖∂E/∂W⁽ˡ⁾‖ per epoch", s.gradientNorms(), L, epochs),
                FlowChart.of("mean ‖ΔW⁽ˡ⁾‖ / ‖W⁽ˡ⁾‖ per epoch", s.updateRatios(), L, epochs),
                List.copyOf(units),
                s.gradientNorms().isEmpty());
    }

    private static String count(int[] units, String what) {
        StringBuilder sb = new StringBuilder()
                .append(units.length)
                .append(' ')
                .append(what)
                .append(" (");
        for (int i = 0; i < units.length; i++) sb.append(i == 0 ? "" : ", ").append(units[i]);
        return sb.append(')').toString();
    }
}
