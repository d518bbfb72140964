package playground.training;

/**
 * How fast a run trains and is shown, as a link's {@code speed} gives it:
 *
 * <ul>
 *   <li>{@code auto} (the page's default): a pace that lets a learner watch it learn, {@link #AUTO_SECONDS} seconds
 *       for the whole run, whatever its number of epochs (as fast as the machine goes, if that is slower);
 *   <li>{@code Ne}, e.g. {@code 20e}: N epochs a second, 1 to {@value #MAX_EPOCHS_PER_SECOND};
 *   <li>{@code N}, 1 to {@value #MAX_PER_SECOND}: N samples a second, each one traced and shown;
 *   <li>{@code max}: as fast as it goes (the API's default).
 * </ul>
 *
 * Speed changes what is shown and when, never the numbers: the same link trains the same run at any speed.
 *
 * @param kind which of the four
 * @param value samples a second for {@link Kind#SAMPLES}, epochs a second for {@link Kind#EPOCHS}, else 0
 */
public record Speed(Kind kind, int value) {
    public enum Kind {
        MAX,
        AUTO,
        EPOCHS,
        SAMPLES
    }

    public static final Speed MAX = new Speed(Kind.MAX, 0);
    public static final Speed AUTO = new Speed(Kind.AUTO, 0);
    public static final int MAX_PER_SECOND = 50;
    public static final int MAX_EPOCHS_PER_SECOND = 1000;
    /** How long a whole run takes at the {@code auto} pace. */
    public static final double AUTO_SECONDS = 10;

    public Speed {
        if (kind == null) throw new IllegalArgumentException("kind");
    }

    public boolean isMax() {
        return kind == Kind.MAX;
    }

    /** Trained in bulk at a set number of samples a second (auto or N epochs a second). */
    public boolean paced() {
        return kind == Kind.AUTO || kind == Kind.EPOCHS;
    }

    /**
     * Samples a second: for a paced speed, of a run of {@code epochs} epochs of {@code trainCount} samples (auto:
     * the whole run in {@link #AUTO_SECONDS}); for per-sample speeds, {@link #value}; for max, infinity.
     */
    public double samplesPerSecond(int epochs, int trainCount) {
        return switch (kind) {
            case MAX -> Double.POSITIVE_INFINITY;
            case SAMPLES -> value;
            case EPOCHS -> (double) value * trainCount;
            case AUTO -> Math.max(1.0, (double) epochs * trainCount / AUTO_SECONDS);
        };
    }

    /** The form a link carries: max, auto, 20e or 5. */
    public String id() {
        return switch (kind) {
            case MAX -> "max";
            case AUTO -> "auto";
            case EPOCHS -> value + "e";
            case SAMPLES -> String.valueOf(value);
        };
    }

    /** For people: "full speed", "about 10 s a run", "20 epochs/s", "5 samples/s". */
    public String label() {
        return switch (kind) {
            case MAX -> "full speed";
            case AUTO -> "watch (about " + (int) AUTO_SECONDS + " s a run)";
            case EPOCHS -> value + (value == 1 ? " epoch/s" : " epochs/s");
            case SAMPLES -> value + (value == 1 ? " sample/s" : " samples/s");
        };
    }

    /** max, auto, Ne (1 to 1000 epochs a second) or N (1 to 50 samples a second); null means {@code otherwise}. */
    public static Speed parse(String s, Speed otherwise) {
        if (s == null || s.isBlank()) return otherwise;
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("max")) return MAX;
        if (t.equals("auto")) return AUTO;
        try {
            if (t.endsWith("e")) {
                int v = Integer.parseInt(t.substring(0, t.length() - 1));
                if (v >= 1 && v <= MAX_EPOCHS_PER_SECOND) return new Speed(Kind.EPOCHS, v);
            } else {
                int v = Integer.parseInt(t);
                if (v >= 1 && v <= MAX_PER_SECOND) return new Speed(Kind.SAMPLES, v);
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new ConfigException(
                "speed",
                "must be auto, max, a number of epochs a second from 1e to " + MAX_EPOCHS_PER_SECOND
                        + "e, or a whole number of samples a second from 1 to " + MAX_PER_SECOND);
    }

    /** As {@link #parse(String, Speed)}, with max when absent (the API's default). */
    public static Speed parse(String s) {
        return parse(s, MAX);
    }
}
