package playground.training;

import java.util.regex.Pattern;

/**
 * A number as a person types it, in a form, a link or a command: spaces around it are dropped and a typographic minus
 * (−, as the page prints negative numbers) is read as '-'. Java's own reader also takes "NaN", "Infinity", hex
 * ("0x1p3") and a trailing type letter ("1d"); a learner never means those, so no letter but the exponent's e is
 * allowed, and nothing longer than {@link #MAX_LENGTH} characters is read at all.
 */
public final class Typed {
    /** Longer than any double written out in full (Double.toString needs at most 24 characters). */
    public static final int MAX_LENGTH = 40;

    private static final Pattern NO_LETTER_BUT_E = Pattern.compile("[^a-df-zA-DF-Z]*");

    private Typed() {}

    /**
     * The number {@code text} says; infinite when it is too large for a double (1e999), which callers turn down with
     * their own words.
     *
     * @throws NumberFormatException when it is empty, too long, has a letter other than e, or is not a number
     */
    public static double number(String text) {
        String t = text == null ? "" : text.trim().replace('−', '-');
        if (t.isEmpty()
                || t.length() > MAX_LENGTH
                || !NO_LETTER_BUT_E.matcher(t).matches()) {
            throw new NumberFormatException("not a number: " + (t.length() > MAX_LENGTH ? "too long" : t));
        }
        return Double.parseDouble(t);
    }
}
