package playground.view;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Number formatting for the page: significant digits for live values (tables and equations), fixed decimals where a
 * column needs them, the full value for hover titles, a compact form for axis labels and status, and a rate. Display forms use a true minus sign (U+2212) and never show a
 * rounded zero as negative; all formatting is in {@link Locale#ROOT}.
 */
public final class Num {

    /** The minus sign of display forms, U+2212. */
    public static final String MINUS = "\u2212";

    /** The infinity sign, U+221E. */
    public static final String INFINITY = "\u221e";

    /** The largest number of decimals {@link #fixed} accepts. */
    public static final int MAX_DECIMALS = 15;

    private static final double SCIENTIFIC_FROM = 1e6;

    private Num() {}

    /**
     * A table cell: {@code decimals} digits after the point, e.g. fixed(2.2251123, 4) = "2.2251". A value that rounds to
     * zero shows as "0.0000", never "−0.0000". Values with |v| &gt;= 1e6 are scientific with {@code decimals} digits
     * after the point ("1.2346e+06"); NaN is "NaN", infinities are "∞" and "−∞".
     *
     * @throws IllegalArgumentException unless 0 &lt;= decimals &lt;= {@link #MAX_DECIMALS}
     */
    public static String fixed(double v, int decimals) {
        if (decimals < 0 || decimals > MAX_DECIMALS) {
            throw new IllegalArgumentException("decimals must be in 0.." + MAX_DECIMALS + ", was " + decimals);
        }
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? INFINITY : MINUS + INFINITY;
        String pattern = Math.abs(v) >= SCIENTIFIC_FROM ? "%." + decimals + "e" : "%." + decimals + "f";
        String s = String.format(Locale.ROOT, pattern, v);
        if (s.startsWith("-") && isZero(s)) s = s.substring(1);
        return s.replace("-", MINUS);
    }

    /**
     * A live value, in tables and equations alike: {@code digits} significant digits, trailing zeros kept so that a
     * column's figures keep their width, e.g. sig(2.2251123, 6) = "2.22511", sig(1, 6) = "1.00000", sig(−0.0123456789,
     * 6) = "−0.0123457". Plain from 0.0001 up to a million, scientific outside ("1.23457e−5", "1.23457e6"); 0 (and −0)
     * is "0", NaN is "NaN", infinities are "∞" and "−∞". Rounding is half-up on the shortest decimal that reads back
     * as the same double, so the same value reads the same in every table, equation and the notebook comparison.
     *
     * @throws IllegalArgumentException unless 1 &lt;= digits &lt;= 17
     */
    public static String sig(double v, int digits) {
        if (digits < 1 || digits > 17) throw new IllegalArgumentException("digits must be in 1..17, was " + digits);
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? INFINITY : MINUS + INFINITY;
        if (v == 0) return "0";
        BigDecimal r = round(v, digits);
        int exponent = r.precision() - r.scale() - 1;
        double a = r.abs().doubleValue();
        String s;
        if (a >= 1e-4 && a < SCIENTIFIC_FROM) {
            s = r.setScale(Math.max(0, digits - 1 - exponent), RoundingMode.HALF_UP)
                    .toPlainString();
        } else {
            s = r.movePointLeft(exponent)
                            .setScale(digits - 1, RoundingMode.HALF_UP)
                            .toPlainString() + "e" + exponent;
        }
        return s.replace("-", MINUS);
    }

    /**
     * The full value for a hover title: the shortest decimal that reads back as the same double ({@link
     * Double#toString}), with "NaN", "Infinity" and "-Infinity" as they are.
     */
    public static String full(double v) {
        return String.valueOf(v);
    }

    /**
     * A short form for axis labels and status: 3 significant digits (4 for 1000..9999), plain from 0.001 to 9999 and
     * scientific outside, trailing zeros dropped: 0.00123 = "0.00123", 12.3456 = "12.3", 1234 = "1234", 1234567 =
     * "1.23e6", 0.000015 = "1.5e−5", 0 = "0", NaN = "NaN", infinities "∞" and "−∞".
     */
    public static String compact(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? INFINITY : MINUS + INFINITY;
        if (v == 0) return "0";
        BigDecimal r3 = round(v, 3);
        double a = r3.abs().doubleValue();
        String s;
        if (a < 1e-3 || a >= 1e4) {
            s = scientific(r3);
        } else if (a >= 1e3) {
            BigDecimal r4 = round(v, 4);
            s = r4.abs().doubleValue() >= 1e4 ? scientific(r3) : plain(r4);
        } else {
            s = plain(r3);
        }
        return s.replace("-", MINUS);
    }

    /**
     * Samples per second, without the unit: "0", "0.5" (one decimal below 10), "950", then 3 significant digits with
     * an SI prefix after a space: "1.20 k", "12.3 k", "4.56 M", "7.89 G". NaN and values &lt;= 0 give "0", +∞ gives
     * "∞".
     */
    public static String rate(double samplesPerSecond) {
        double v = samplesPerSecond;
        if (Double.isNaN(v) || v <= 0) return "0";
        if (Double.isInfinite(v)) return INFINITY;
        if (Math.round(v * 10) < 100) {
            String s = String.format(Locale.ROOT, "%.1f", v);
            return s.equals("0.0") ? "0" : s;
        }
        if (Math.round(v) < 1000) return Long.toString(Math.round(v));
        String[] prefixes = {"k", "M", "G", "T", "P", "E"};
        double unit = 1e3;
        for (int i = 0; i < prefixes.length; i++, unit *= 1e3) {
            BigDecimal x = round(v / unit, 3);
            if (x.doubleValue() < 1000 || i == prefixes.length - 1) {
                int intDigits = x.precision() - x.scale();
                String s = x.setScale(Math.max(0, 3 - intDigits), RoundingMode.HALF_UP)
                        .toPlainString();
                return s + " " + prefixes[i];
            }
        }
        throw new AssertionError("unreachable");
    }

    private static boolean isZero(String formatted) {
        for (int i = 0; i < formatted.length(); i++) {
            char c = formatted.charAt(i);
            if (c == 'e') return true; // a mantissa of zeros: the exponent does not matter
            if (c >= '1' && c <= '9') return false;
        }
        return true;
    }

    /** v rounded half-up to {@code digits} significant digits, from its shortest decimal form. */
    private static BigDecimal round(double v, int digits) {
        return BigDecimal.valueOf(v).round(new MathContext(digits, RoundingMode.HALF_UP));
    }

    private static String plain(BigDecimal r) {
        String s = r.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** "1.23e6", "1e-5": the mantissa without trailing zeros, the exponent without sign padding. */
    private static String scientific(BigDecimal r) {
        BigDecimal s = r.stripTrailingZeros();
        int exponent = s.precision() - s.scale() - 1;
        return s.movePointLeft(exponent).toPlainString() + "e" + exponent;
    }
}
