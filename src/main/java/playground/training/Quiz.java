package playground.training;

import playground.nn.Trace;

/** Predict, then reveal: which value the next phase shows, for a learner's guess to be graded against. */
public final class Quiz {
    private static final String EXPECTED = "d{l}-0 (a delta) or W{l}-0-0 (a weight after the update)";

    private Quiz() {}

    /**
     * What a learner predicts: {@code d{l}-0} (a delta, kind D) or {@code W{l}-0-0} (a weight after the update, kind W).
     *
     * @throws ConfigException (field "what") for anything else
     */
    public static CellId asked(String what) {
        CellId c = CellId.parse("what", what, EXPECTED, CellId.Kind.D, CellId.Kind.W);
        if (c.i() != 0 || c.j() != 0) throw new ConfigException("what", "must be " + EXPECTED);
        return c;
    }

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
        CellId c = asked(what);
        int l = c.layer();
        if (l > L) throw new ConfigException("what", "must be " + EXPECTED);
        if (c.kind() == CellId.Kind.D) {
            int reveals = 2 * L + 2 - l;
            if (next != reveals) {
                throw new ConfigException(
                        "what",
                        "δ of layer " + l + " is " + (next > reveals ? "already shown" : "not next")
                                + ": the next phase is " + Moment.phaseName(next, L));
            }
            return p.delta()[l][0];
        }
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
}
