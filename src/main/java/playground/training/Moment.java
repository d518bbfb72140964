package playground.training;

import playground.nn.Trace;

/**
 * One logged sample: where it was in the run, and its trace.
 *
 * @param epoch the epoch it belongs to, from 1
 * @param sample its place in that epoch, from 1
 */
public record Moment(int epoch, int sample, Trace trace) {
    /** The phases of a sample's step: forward through each layer, the loss, delta of each layer, the update. */
    public static int phases(int layers) {
        return 2 * layers + 2;
    }

    /** "forward, layer 2", "loss", "backward, δ⁽¹⁾", "update", for phase 1..phases(L). */
    public static String phaseName(int phase, int layers) {
        if (phase <= layers) return "forward, layer " + phase;
        if (phase == layers + 1) return "loss";
        if (phase <= 2 * layers + 1) return "backward, layer " + (2 * layers + 2 - phase);
        return "update";
    }
}
