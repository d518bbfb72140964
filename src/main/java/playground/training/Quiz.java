package playground.training;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import playground.nn.Trace;

/** Predict, then reveal: which value the next phase shows, for a learner's guess to be graded against. */
final class Quiz {
    private static final Pattern DELTA = Pattern.compile("d(\\d{1,2})-0");
    private static final Pattern WEIGHT = Pattern.compile("W(\\d{1,2})-0-0");

    private Quiz() {}

    /**
     * The value the next phase reveals, if it is {@code what} ({@code d{l}-0} for delta^(l)_0, {@code W{l}-0-0} for
     * w^(l)_00 after the update); else a message that says what can be predicted now.
     *
     * @param phased the sample being shown phase by phase (null when none is)
     * @param phase how far it is shown
     */
    static double revealed(String what, Trace phased, int phase, Config config, Training training) {
        Trace p = phased;
        if (p == null) throw new ConfigException("what", "press Phase first: predictions are for the next sample");
        int L = config.layers().length - 1;
        int next = phase + 1;
        Matcher d = DELTA.matcher(what);
        Matcher w = WEIGHT.matcher(what);
        if (d.matches() && Integer.parseInt(d.group(1)) >= 1 && Integer.parseInt(d.group(1)) <= L) {
            int l = Integer.parseInt(d.group(1));
            int reveals = 2 * L + 2 - l;
            if (next != reveals) {
                throw new ConfigException(
                        "what",
                        "δ of layer " + l + " is " + (next > reveals ? "already shown" : "not next")
                                + ": the next phase is " + Moment.phaseName(next, L));
            }
            return p.delta()[l][0];
        }
        if (w.matches() && Integer.parseInt(w.group(1)) >= 1 && Integer.parseInt(w.group(1)) <= L) {
            int l = Integer.parseInt(w.group(1));
            if (next != Moment.phases(L)) {
                throw new ConfigException(
                        "what",
                        "the weights change only in the update phase; the next phase is " + Moment.phaseName(next, L));
            }
            if (!p.updated()) {
                throw new ConfigException(
                        "what",
                        "no update follows this sample: it is sample " + training.nextInBatch() + " of a mini-batch of "
                                + config.batch() + ", and the weights change once, after the batch's last sample"
                                + " (until then they stay as they are)");
            }
            return p.wAfter()[l][0][0];
        }
        throw new ConfigException("what", "must be d{l}-0 (a delta) or W{l}-0-0 (a weight after the update)");
    }
}
