package playground.view;

import playground.training.Run;

/** How close a learner's prediction was, in words; {@code exact} is the revealed value in full (its hover title). */
public record FeedbackView(
        String label, String guess, String actual, String exact, String error, String verdict, String tone) {
    public static FeedbackView of(String label, Run.Feedback f) {
        double rel = f.relativeError();
        String verdict;
        String tone;
        if (rel < 1e-3 || f.error() < 1e-6) {
            verdict = "Spot on.";
            tone = "ok";
        } else if (rel < 0.05) {
            verdict = "Close: within " + Num.compact(100 * rel) + "%.";
            tone = "ok";
        } else if (Math.signum(f.guess()) != Math.signum(f.actual()) && f.actual() != 0) {
            verdict = "The sign is wrong: check dE/dy = y − t, and that every layer steps against its gradient.";
            tone = "bad";
        } else {
            verdict = "Not quite: off by " + Num.compact(100 * rel) + "%. The equations show how it is made.";
            tone = "bad";
        }
        return new FeedbackView(
                label,
                Num.full(f.guess()),
                Num.fixed(f.actual(), 6),
                Num.full(f.actual()),
                Num.compact(f.error()),
                verdict,
                tone);
    }

    /** For a guess that is not a number. */
    public static FeedbackView notANumber() {
        return new FeedbackView("", "", "", "", "", "Type a number, e.g. -0.25 or 1.5e-3.", "bad");
    }
}
