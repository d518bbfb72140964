package playground.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one writer and the one reader of the ids of a run's numbers. */
class CellIdTest {
    private static final CellId.Kind[] ALL = CellId.Kind.values();

    @Test
    void everyIdWrittenIsReadBackAsTheSameCell() {
        int n = 0;
        for (CellId.Kind k : ALL) {
            for (int l : new int[] {1, 2, 10, 99}) {
                for (int i : new int[] {0, 7, 12, 999}) {
                    for (int j : new int[] {0, 3, 255}) {
                        CellId c = k.at(l, i, j);
                        String id = c.toString();
                        assertEquals(c, CellId.parse("ref", id, "an id", ALL), id);
                        assertTrue(id.startsWith(k.prefix(l)), id);
                        n++;
                    }
                }
            }
        }
        assertEquals(ALL.length * 48, n);
        assertEquals("W2-0-1", CellId.w(2, 0, 1).toString());
        assertEquals("b1-3", CellId.Kind.B.at(1, 3).toString());
        assertEquals("x-4", CellId.activation(0, 4).toString(), "a⁽⁰⁾ is the input x");
        assertEquals("a2-4", CellId.activation(2, 4).toString());
        assertEquals("d3-0", CellId.delta(3, 0).toString());
        assertEquals("gW1-2-3", CellId.Kind.GW.at(1, 2, 3).toString());
        assertEquals("t-1", CellId.Kind.T.at(5, 1, 9).toString(), "a target has no layer and one index");
        assertEquals("E", CellId.Kind.E.at(5, 1, 9).toString());
    }

    @Test
    void badIdsAreRefusedInWordsOnTheFieldNamed() {
        for (String bad : List.of(
                "W",
                "W0-0-0",
                "W2",
                "W2-",
                "W2--1-0",
                "W2-0-0-0",
                "W2-0-0 ",
                " W2-0-0",
                "w2-0-0",
                "x1-0",
                "x-",
                "E-0",
                "Q1-0",
                "W100-0-0",
                "W2-1000-0",
                "W99999999999-0-0",
                "<script>",
                "x".repeat(5000))) {
            ConfigException e = assertThrows(ConfigException.class, () -> CellId.parse("ref", bad, "a cell id", ALL));
            assertEquals("ref", e.field(), bad);
            assertEquals("must be a cell id", e.getMessage().replaceFirst("^ref: ", ""), bad);
        }
        for (String blank : new String[] {null, "", " "}) {
            ConfigException missing =
                    assertThrows(ConfigException.class, () -> CellId.parse("what", blank, "a δ", ALL));
            assertEquals("what", missing.field());
            assertEquals("is missing: give a δ", missing.getMessage());
        }
        assertEquals(
                "W needs two indices, W{l}-i-j",
                message(() -> CellId.parse("ref", "W2-1", "x", ALL)),
                "a weight with one index");
        assertEquals("b needs one index, b{l}-i", message(() -> CellId.parse("ref", "b1-0-0", "x", ALL)));
        assertEquals("gW needs two indices, gW{l}-i-j", message(() -> CellId.parse("ref", "gW1-0", "x", ALL)));
        assertEquals(
                "must be a weight or a bias",
                message(() -> CellId.parse("ref", "d1-0", "a weight or a bias", CellId.Kind.W, CellId.Kind.B)),
                "a δ where only weights and biases are taken");
    }

    private static String message(Runnable r) {
        return assertThrows(ConfigException.class, r::run).getMessage().replaceFirst("^ref: ", "");
    }
}
