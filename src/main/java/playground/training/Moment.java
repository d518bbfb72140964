package playground.training;

import playground.nn.Trace;

/**
 * One logged sample: the moment of the run right after it was trained (see {@link At}), and its trace.
 *
 * @param epoch the epochs done once this sample was trained
 * @param sample the samples of the next epoch done once it was trained (0 when it was the last of an epoch)
 */
public record Moment(int epoch, int sample, Trace trace, int epochLength) {
    /**
     * @param epochLength the samples of the epoch this sample was trained in (after a change of the data, an epoch's
     *     own length; -1: the run's n), for {@link #before}
     */
    public Moment {}

    public Moment(int epoch, int sample, Trace trace) {
        this(epoch, sample, trace, -1);
    }

    /**
     * A moment of a run, named the same way everywhere (the header, a link's {@code at=E:S}, Copy link, the panel of
     * the sample, the timeline, the exports and the API's {@code epoch} and {@code sample}): E epochs done and S samples
     * of the next, 0 ≤ S &lt; n for n training samples. The start is 0:0; the end of a run of N epochs is N:0, and the
     * loss chart's point at epoch E is the loss at E:0.
     */
    public record At(int epoch, int sample) {
        /** The moment {@code samples} samples into the run, with n samples an epoch. */
        public static At of(long samples, int n) {
            int per = Math.max(1, n);
            return new At((int) (samples / per), (int) (samples % per));
        }

        /** Samples into the run: E·n + S. */
        public long samples(int n) {
            return (long) epoch * n + sample;
        }

        /** "E:S", as a link's {@code at} reads. */
        @Override
        public String toString() {
            return epoch + ":" + sample;
        }

        /** "epoch E, sample S/n", as the header reads. */
        public String words(int n) {
            return "epoch " + epoch + ", sample " + sample + "/" + n;
        }

        /** "E:S" as a moment, or null if it is not two whole numbers of 0 or more. */
        public static At parse(String text) {
            String[] parts = text.trim().split(":", -1);
            if (parts.length != 2) return null;
            try {
                int e = Integer.parseInt(parts[0].trim());
                int s = Integer.parseInt(parts[1].trim());
                return e < 0 || s < 0 ? null : new At(e, s);
            } catch (NumberFormatException ex) {
                return null;
            }
        }

        /**
         * Why this moment is not one of a run of {@code epochs} epochs of {@code n} samples (null if it is): S must be
         * below n, and the moment no later than the end, N:0.
         */
        public String problem(int epochs, int n) {
            if (sample >= n) {
                return "at=" + this + ": an epoch has " + n + " samples, so S goes from 0 to " + (n - 1) + " (this is "
                        + At.of(samples(n), n) + ")";
            }
            if (samples(n) > (long) epochs * n) {
                return "at=" + this + " is past the end of this run of " + epochs + " epochs (at=" + epochs + ":0)";
            }
            return null;
        }
    }

    /** The moment right after this sample was trained. */
    public At after() {
        return new At(epoch, sample);
    }

    /** The moment right before this sample was trained (its weights before the update), with n samples an epoch. */
    public At before(int n) {
        if (sample > 0) return new At(epoch, sample - 1);
        if (epochLength > 0 && epoch > 0) return new At(epoch - 1, epochLength - 1);
        return At.of(Math.max(0, after().samples(n) - 1), n);
    }

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
