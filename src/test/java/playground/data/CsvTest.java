package playground.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import playground.nn.Network;

class CsvTest {
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Csv parse(String s) {
        return Csv.parse(bytes(s), null, null);
    }

    static CsvException refused(String s) {
        return refused(bytes(s), null, null);
    }

    static CsvException refused(byte[] body, String inputs, String targets) {
        return assertThrows(CsvException.class, () -> Csv.parse(body, inputs, targets));
    }

    /** The message, the line and the column all point at the same place. */
    static void assertFault(CsvException e, String message, int line, String column) {
        assertEquals(message, e.getMessage());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
    }

    @Test
    void aGoodFileBecomesSamplesInFileOrder() {
        Csv c = parse("a,b,y\n1,2,3\n4.5,-6,7e1\n+.5, 1e-2 ,0.\n");
        assertEquals(List.of("a", "b"), c.inputs());
        assertEquals(List.of("y"), c.targets());
        assertEquals(3, c.rows());
        Samples s = c.samples();
        assertEquals(3, s.count());
        assertEquals(2, s.inputs());
        assertEquals(1, s.outputs());
        assertArrayEquals(new double[] {1, 2, 4.5, -6, 0.5, 0.01}, s.x());
        assertArrayEquals(new double[] {3, 70, 0}, s.t());
        assertEquals("your data: 3 rows, inputs a, b → targets y", c.describe());
    }

    @Test
    void columnsAreChosenByNameInTheOrderAsked() {
        String file = "a,b,c,d\n1,2,3,4\n5,6,7,8\n";
        Csv c = Csv.parse(bytes(file), " c , a", "b,d");
        assertEquals(List.of("c", "a"), c.inputs());
        assertEquals(List.of("b", "d"), c.targets());
        assertArrayEquals(new double[] {3, 1, 7, 5}, c.samples().x());
        assertArrayEquals(new double[] {2, 4, 6, 8}, c.samples().t());

        // targets only: every other column is an input
        Csv t = Csv.parse(bytes(file), "", "b");
        assertEquals(List.of("a", "c", "d"), t.inputs());
        assertArrayEquals(new double[] {1, 3, 4, 5, 7, 8}, t.samples().x());

        // inputs only: the last column is the target, the columns left over are unused
        Csv i = Csv.parse(bytes(file), "a", null);
        assertEquals(List.of("a"), i.inputs());
        assertEquals(List.of("d"), i.targets());
        assertArrayEquals(new double[] {4, 8}, i.samples().t());
    }

    @Test
    void byDefaultTheLastColumnIsTheTargetAndUnusedColumnsMayHoldText() {
        Csv c = parse("x1,x2,y\n1,2,0\n3,4,1\n");
        assertEquals(List.of("x1", "x2"), c.inputs());
        assertEquals(List.of("y"), c.targets());

        Csv iris =
                Csv.parse(bytes("sepal_length,species,setosa\n5.1,setosa,1\n7.0,versicolor,0\n"), "sepal_length", "");
        assertArrayEquals(new double[] {5.1, 7.0}, iris.samples().x());
    }

    @Test
    void crlfBomSemicolonsAndTabsAreAccepted() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] rest = bytes("a;b;y\r\n1;2;3\r\n4;5;6\r\n");
        byte[] body = Arrays.copyOf(bom, bom.length + rest.length);
        System.arraycopy(rest, 0, body, bom.length, rest.length);
        Csv c = Csv.parse(body, null, null);
        assertEquals(List.of("a", "b"), c.inputs());
        assertArrayEquals(new double[] {1, 2, 4, 5}, c.samples().x());
        assertArrayEquals(new double[] {3, 6}, c.samples().t());

        Csv tab = parse("a\tb\ty\n1\t2\t3\n4\t5\t6");
        assertArrayEquals(new double[] {3, 6}, tab.samples().t());

        Csv cr = parse("a,y\r1,2\r3,4\r");
        assertArrayEquals(new double[] {2, 4}, cr.samples().t());
    }

    @Test
    void quotedNamesAndValuesAreRead() {
        Csv c = Csv.parse(
                bytes("\"height, cm\",\"say \"\"hi\"\"\",y\n\"1.5\", \"2\" ,3\n4,5,\"6\"\n"), "say \"hi\"", "y");
        assertEquals(List.of("say \"hi\""), c.inputs());
        assertArrayEquals(new double[] {2, 5}, c.samples().x());
        // a quoted comma in the header does not make the separator a comma by itself
        Csv semi = parse("\"a,1\";y\n1;2\n3;4\n");
        assertEquals(List.of("a,1"), semi.inputs());
    }

    @Test
    void blankLinesAreSkippedButMessagesCountThem() {
        Csv c = parse("\n  \na,y\n\n1,2\n   \n3,4\n\n\n");
        assertEquals(2, c.rows());
        assertFault(refused("a,y\n\n1,2\n\n3,x\n"), "line 5, column 'y': \"x\" is not a number", 5, "y");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertFault(refused(""), "the file is empty", 0, null);
        assertFault(refused(" \n\r\n"), "the file is empty", 0, null);
        assertFault(refused(null, null, null), "the file is empty", 0, null);
    }

    @Test
    void aFileNeedsTwoDataRows() {
        assertFault(refused("a,b,y\n\n"), "the file has a header but no data rows; it needs at least 2", 1, null);
        assertFault(
                refused("a,b,y\n1,2,3\n"),
                "the file has only 1 data row; it needs at least 2 (some to train on, some to test on)",
                2,
                null);
    }

    @Test
    void everyRowHasAValueForEveryColumn() {
        String file = "a,b,c\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3,4\n";
        assertFault(refused(file), "line 7 has 4 values but the header has 3 columns", 7, null);
        assertFault(refused("a,b,c\n1,2,3\n1\n"), "line 3 has 1 value but the header has 3 columns", 3, null);
    }

    @Test
    void aValueThatIsNotANumberIsNamedByLineAndColumn() {
        StringBuilder file = new StringBuilder("x1,x2,y\n");
        for (int i = 2; i < 12; i++) file.append("1,2,3\n");
        file.append("1,abc,3\n");
        assertFault(refused(file.toString()), "line 12, column 'x2': \"abc\" is not a number", 12, "x2");
    }

    @Test
    void numbersAreOnlyPlainDecimals() {
        for (String v : new String[] {"0x1p3", "1d", "1f", "1.5F", "1,000.5", "--1", "1e", "e5", "."}) {
            String file = "x,y\n1,2\n1,\"" + v + "\"\n";
            assertFault(refused(file), "line 3, column 'y': \"" + v + "\" is not a number", 3, "y");
        }
        assertFault(
                refused("x;y\n1;2\n1;2,5\n"),
                "line 3, column 'y': \"2,5\" is not a number (write the decimal mark as a point, as in 1.5)",
                3,
                "y");
    }

    @Test
    void nanAndInfinityAreRefused() {
        for (String v : new String[] {"NaN", "Infinity", "-Infinity", "inf", "1e999"}) {
            assertFault(
                    refused("x,y\n" + v + ",2\n1,2\n"),
                    "line 2, column 'x': \"" + v + "\" is not allowed; each value must be a finite number",
                    2,
                    "x");
        }
    }

    @Test
    void anEmptyCellIsNamed() {
        assertFault(refused("x,y\n1,2\n3,4\n5,6\n7, \n"), "line 5, column 'y' is empty", 5, "y");
        assertFault(refused("x,y\n1,2\n\"\",4\n"), "line 3, column 'x' is empty", 3, "x");
    }

    @Test
    void headerNamesArePresentAndUnique() {
        assertFault(
                refused("a,b,a\n1,2,3\n4,5,6\n"),
                "line 1: the header names column 'a' twice (columns 1 and 3)",
                1,
                "a");
        assertFault(
                refused("a, ,b\n1,2,3\n4,5,6\n"),
                "line 1: column 2 of the header has no name; every column needs one",
                1,
                null);
        assertFault(
                refused("\n\nonly\n1\n2\n"),
                "the header has only one column ('only'); the file needs at least an input column and a target column,"
                        + " separated by commas, semicolons or tabs",
                3,
                "only");
    }

    @Test
    void aQuoteMustCloseOnItsLine() {
        assertFault(
                refused("a,b\n1,\"2\n3\",4\n"),
                "line 2, column 'b': a quoted value has no closing quote (a value cannot span lines)",
                2,
                "b");
        assertFault(refused("a,\"b\"c\n1,2\n"), "line 1, column 2: there is text after the closing quote", 1, null);
    }

    @Test
    void chosenColumnsMustExistOnceInOneRole() {
        byte[] file = bytes("a,b,c\n1,2,3\n4,5,6\n");
        assertFault(refused(file, "a,B", null), "no column named 'B'; the columns are a, b, c", 1, "B");
        assertFault(refused(file, null, "z"), "no column named 'z'; the columns are a, b, c", 1, "z");
        assertFault(refused(file, "a,b", "b"), "column 'b' cannot be both an input and a target", 1, "b");
        assertFault(
                refused(file, "a,c", null),
                "column 'c' cannot be both an input and a target (with no targets chosen, the last column is the"
                        + " target)",
                1,
                "c");
        assertFault(refused(file, "a,a", "c"), "column 'a' is chosen twice as an input", 1, "a");
        assertFault(refused(file, "a", "c,c"), "column 'c' is chosen twice as a target", 1, "c");
    }

    @Test
    void aNetworkTakesAtMostMaxWidthInputs() {
        assertEquals(Network.MAX_WIDTH, Csv.MAX_WIDTH);
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (int k = 0; k <= Csv.MAX_WIDTH; k++) {
            header.append("x").append(k).append(',');
            row.append("1,");
        }
        String file = header + "y\n" + row + "0\n" + row + "1\n";
        assertFault(
                refused(file), "there are 257 input columns; a network takes at most 256, so choose fewer", 1, null);
        Csv c = Csv.parse(bytes(file), "x1,x2,x3,x4,x5,x6", "y");
        assertEquals("your data: 2 rows, inputs x1, x2, x3, x4 and 2 more → targets y", c.describe());
    }

    @Test
    void aFileHasAtMostMaxColumns() {
        String header = String.join(",", Collections.nCopies(Csv.MAX_COLUMNS + 1, "c"));
        assertFault(refused(header + "\n"), "the file has 301 columns; the limit is 300", 1, null);
    }

    @Test
    void aFileOfMaxBytesIsReadAndOneByteMoreIsRefused() {
        String start = "a,y\n1,2\n3,4\n";
        byte[] body = new byte[Csv.MAX_BYTES];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(bytes(start), 0, body, 0, start.length());
        body[body.length - 1] = '\n';
        assertEquals(2, Csv.parse(body, null, null).rows());

        byte[] over = Arrays.copyOf(body, Csv.MAX_BYTES + 1);
        assertFault(refused(over, null, null), "the file is 1,048,577 bytes; the limit is 1 MB", 0, null);
        assertFault(
                refused(new byte[(int) (2.3 * Csv.MAX_BYTES)], null, null),
                "the file is 2.3 MB; the limit is 1 MB",
                0,
                null);
    }

    @Test
    void aFileOfMaxRowsIsReadAndOneRowMoreIsRefused() {
        String rows = "1,0\n".repeat(Csv.MAX_ROWS);
        assertEquals(Csv.MAX_ROWS, parse("a,y\n" + rows).rows());
        assertFault(
                refused("a,y\n" + rows + "\n2,1\n"),
                "the file has more than 10000 data rows (line 10003 is row 10001); the limit is 10000",
                10003,
                null);
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() {
        byte[] body = {'a', ',', 'y', '\n', '1', ',', (byte) 0xC3, (byte) 0x28, '\n', '3', ',', '4', '\n'};
        assertFault(
                refused(body, null, null),
                "the file is not UTF-8 text (bad byte at offset 6); save it as UTF-8 CSV",
                2,
                null);
        // Latin-1 "é" in the header
        byte[] latin = {'c', (byte) 0xE9, ',', 'y', '\n', '1', ',', '2', '\n', '3', ',', '4', '\n'};
        assertEquals(
                "the file is not UTF-8 text (bad byte at offset 1); save it as UTF-8 CSV",
                refused(latin, null, null).getMessage());
        // UTF-8 names are fine
        assertEquals(
                List.of("größe"),
                Csv.parse(bytes("größe,y\n1,2\n3,4\n"), null, null).inputs());
    }

    @Test
    void theNameIsStableAndFollowsTheBodyAndTheColumns() {
        byte[] file = bytes("a,b,y\n1,2,3\n4,5,6\n");
        String name = Csv.parse(file, null, null).name();
        assertTrue(Csv.isName(name), name);
        assertEquals(name, Csv.parse(file.clone(), "a,b", "y").name());
        assertEquals(Csv.name(file, List.of("a", "b"), List.of("y")), name);
        assertNotEquals(name, Csv.parse(file, "b,a", "y").name());
        assertNotEquals(name, Csv.parse(file, "a", "y").name());
        assertNotEquals(name, Csv.parse(file, "a,y", "b").name());
        assertNotEquals(
                name, Csv.parse(bytes("a,b,y\n1,2,3\n4,5,7\n"), null, null).name());
        assertNotEquals(
                name,
                Csv.parse(bytes("a,b,y\r\n1,2,3\r\n4,5,6\r\n"), null, null).name());

        assertFalse(Csv.isName(null));
        assertFalse(Csv.isName("csv-0123456789AB"));
        assertFalse(Csv.isName("csv-0123456789a"));
        assertFalse(Csv.isName("xor"));
        assertTrue(Csv.isName("csv-0123456789ab"));
    }

    @Test
    void classificationIsBinaryOrOneHotTargets() {
        assertTrue(parse("x,y\n1,0\n2,1\n3,1\n").classification());
        assertTrue(parse("x,y\n1,0.0\n2,1.0\n").classification());
        assertFalse(parse("x,y\n1,0\n2,0.5\n").classification());
        assertFalse(parse("x,y\n1,0\n2,2\n").classification());
        byte[] oneHot = bytes("x,a,b,c\n1,1,0,0\n2,0,0,1\n3,0,1,0\n");
        assertTrue(Csv.parse(oneHot, "x", "a,b,c").classification());
        byte[] twoHot = bytes("x,a,b,c\n1,1,1,0\n2,0,0,1\n");
        assertFalse(Csv.parse(twoHot, "x", "a,b,c").classification());
        byte[] noHot = bytes("x,a,b,c\n1,0,0,0\n2,0,0,1\n");
        assertFalse(Csv.parse(noHot, "x", "a,b,c").classification());
    }

    @Test
    void noInputsLeftIsRefused() {
        assertFault(
                refused(bytes("a,y\n1,2\n3,4\n"), " , ", "a,y"), "there must be at least one input column", 1, null);
    }
}
