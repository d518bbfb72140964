package playground.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class NumTest {

    @Test
    void fixedRoundsToTheGivenDecimals() {
        assertEquals("2.2251", Num.fixed(2.2251123, 4));
        assertEquals("2.2300", Num.fixed(2.23, 4));
        assertEquals("0.13", Num.fixed(0.125, 2));
        assertEquals("3", Num.fixed(2.5, 0));
        assertEquals("0.0000", Num.fixed(0, 4));
    }

    @Test
    void sigShowsSignificantDigitsWithTheirTrailingZeros() {
        assertEquals("2.22511", Num.sig(2.2251123, 6));
        assertEquals("21.1824", Num.sig(21.18236, 6));
        assertEquals("1.00000", Num.sig(1, 6));
        assertEquals("0.500000", Num.sig(0.5, 6));
        assertEquals("\u22120.0123457", Num.sig(-0.0123456789, 6));
        assertEquals("123457", Num.sig(123456.7, 6));
        assertEquals("0.000805623", Num.sig(8.056234e-4, 6));
        assertEquals("0.000100000", Num.sig(0.00009999999, 6), "rounding up to the plain range");
        assertEquals("2.3", Num.sig(2.25, 2), "half-up on the shortest decimal, not on the binary value");
    }

    @Test
    void sigGoesScientificBelowATenThousandthAndFromAMillion() {
        assertEquals("9.99999e\u22125", Num.sig(0.0000999999, 6));
        assertEquals("1.23457e\u22127", Num.sig(1.234567e-7, 6));
        assertEquals("\u22121.00000e6", Num.sig(-999_999.7, 6));
        assertEquals("1.23457e300", Num.sig(1.234567e300, 6));
    }

    @Test
    void sigNamesZeroNaNAndInfinities() {
        assertEquals("0", Num.sig(0, 6));
        assertEquals("0", Num.sig(-0.0, 6));
        assertEquals("NaN", Num.sig(Double.NaN, 6));
        assertEquals("\u221e", Num.sig(Double.POSITIVE_INFINITY, 6));
        assertEquals("\u2212\u221e", Num.sig(Double.NEGATIVE_INFINITY, 6));
        assertThrows(IllegalArgumentException.class, () -> Num.sig(1, 0));
    }

    @Test
    void sigIsTheSameInEveryLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("1.50000", Num.sig(1.5, 6));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void fixedUsesATrueMinusSign() {
        assertEquals("\u22122.2251", Num.fixed(-2.2251123, 4));
        assertFalse(Num.fixed(-1.5, 2).contains("-"));
    }

    @Test
    void fixedNeverShowsANegativeZero() {
        assertEquals("0.0000", Num.fixed(-0.00001, 4));
        assertEquals("0.0000", Num.fixed(-0.0, 4));
        assertEquals("0", Num.fixed(-0.4, 0));
        assertEquals("\u22120.0001", Num.fixed(-0.00009, 4));
    }

    @Test
    void fixedIsTheSameInEveryLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("1.5000", Num.fixed(1.5, 4));
            assertEquals("1.5", Num.compact(1.5));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void fixedGoesScientificFromAMillion() {
        assertEquals("999999.0000", Num.fixed(999_999, 4));
        assertEquals("1.2346e+06", Num.fixed(1_234_567, 4));
        assertEquals("\u22121.235e+06", Num.fixed(-1_234_567, 3));
        assertEquals("1.0000e+300", Num.fixed(1e300, 4));
    }

    @Test
    void fixedNamesNaNAndInfinities() {
        assertEquals("NaN", Num.fixed(Double.NaN, 4));
        assertEquals("\u221e", Num.fixed(Double.POSITIVE_INFINITY, 4));
        assertEquals("\u2212\u221e", Num.fixed(Double.NEGATIVE_INFINITY, 4));
    }

    @Test
    void fixedRejectsBadDecimals() {
        assertThrows(IllegalArgumentException.class, () -> Num.fixed(1, -1));
        assertThrows(IllegalArgumentException.class, () -> Num.fixed(1, 16));
    }

    @Test
    void fullRoundTrips() {
        for (double v : new double[] {2.2251123, -0.00001, 0.1 + 0.2, 1e-300, Double.MIN_VALUE, 1234567.0}) {
            assertEquals(v, Double.parseDouble(Num.full(v)));
        }
        assertEquals("NaN", Num.full(Double.NaN));
        assertEquals("Infinity", Num.full(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", Num.full(Double.NEGATIVE_INFINITY));
    }

    @Test
    void compactKeepsThreeSignificantDigits() {
        assertEquals("0", Num.compact(0));
        assertEquals("0", Num.compact(-0.0));
        assertEquals("0.00123", Num.compact(0.00123));
        assertEquals("0.00123", Num.compact(0.0012345));
        assertEquals("12.3", Num.compact(12.3456));
        assertEquals("0.5", Num.compact(0.5));
        assertEquals("100", Num.compact(100));
        assertEquals("1234", Num.compact(1234.4));
        assertEquals("\u221212.3", Num.compact(-12.3456));
    }

    @Test
    void compactGoesScientificOutsideTheReadableRange() {
        assertEquals("1.23e6", Num.compact(1_234_567));
        assertEquals("1e4", Num.compact(9999.7));
        assertEquals("1e4", Num.compact(10_000));
        assertEquals("1.5e\u22125", Num.compact(0.000015));
        assertEquals("1e\u22124", Num.compact(0.0001));
        assertEquals("\u22122.5e\u22127", Num.compact(-2.5e-7));
        assertEquals("1.8e308", Num.compact(Double.MAX_VALUE));
    }

    @Test
    void compactNamesNaNAndInfinities() {
        assertEquals("NaN", Num.compact(Double.NaN));
        assertEquals("\u221e", Num.compact(Double.POSITIVE_INFINITY));
        assertEquals("\u2212\u221e", Num.compact(Double.NEGATIVE_INFINITY));
    }

    @Test
    void rateUsesSiPrefixesWithThreeSignificantDigits() {
        assertEquals("0", Num.rate(0));
        assertEquals("0", Num.rate(Double.NaN));
        assertEquals("0", Num.rate(-5));
        assertEquals("0.5", Num.rate(0.5));
        assertEquals("950", Num.rate(950));
        assertEquals("950", Num.rate(949.6));
        assertEquals("1.00 k", Num.rate(999.6));
        assertEquals("1.20 k", Num.rate(1200));
        assertEquals("12.3 k", Num.rate(12_345));
        assertEquals("123 k", Num.rate(123_456));
        assertEquals("1.00 M", Num.rate(999_999));
        assertEquals("4.56 M", Num.rate(4_560_000));
        assertEquals("7.89 G", Num.rate(7.89e9));
        assertEquals("\u221e", Num.rate(Double.POSITIVE_INFINITY));
    }
}
