package playground.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TypedTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"0.5|0.5", " -1.25e-2 |-0.0125", "−3|-3", "−2.5E1|-25", "+4|4", "7.|7", ".5|0.5"})
    void readsWhatAPersonWrites(String text, double expected) {
        assertEquals(expected, Typed.number(text), 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "abc", "NaN", "-Infinity", "Infinity", "0x1p3", "1d", "2f", "1,5", "e", "1e"})
    void turnsDownWhatIsNotANumber(String text) {
        assertThrows(NumberFormatException.class, () -> Typed.number(text));
    }

    @Test
    void turnsDownNullAndTheOverlong() {
        assertThrows(NumberFormatException.class, () -> Typed.number(null));
        String longest = "0." + "1".repeat(Typed.MAX_LENGTH - 2);
        assertEquals(Double.parseDouble(longest), Typed.number(longest), 0);
        assertThrows(NumberFormatException.class, () -> Typed.number(longest + "1"));
    }

    @Test
    void tooLargeForADoubleIsInfiniteForTheCallerToTurnDown() {
        assertTrue(Double.isInfinite(Typed.number("1e999")));
        assertTrue(Double.isInfinite(Typed.number("−1e999")));
    }
}
