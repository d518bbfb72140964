package playground.training;

/**
 * How fast a run is shown: {@code max} trains at full speed and refreshes the screen about 10 times a second; 1 to 50
 * trains that many samples a second, each one traced and shown.
 *
 * @param perSecond samples per second, or 0 for max
 */
public record Speed(int perSecond) {
    public static final Speed MAX = new Speed(0);
    public static final int MAX_PER_SECOND = 50;

    public boolean isMax() {
        return perSecond == 0;
    }

    public String id() {
        return isMax() ? "max" : String.valueOf(perSecond);
    }

    /** "max" or a whole number from 1 to 50; null or absent means max. */
    public static Speed parse(String s) {
        if (s == null || s.trim().equalsIgnoreCase("max")) return MAX;
        try {
            int v = Integer.parseInt(s.trim());
            if (v >= 1 && v <= MAX_PER_SECOND) return new Speed(v);
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new ConfigException("speed", "must be max or a whole number of samples a second from 1 to 50");
    }
}
