package playground.data;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A learner's own data, uploaded as a CSV file with a header row: the columns chosen as inputs and as targets, and
 * every data row as a sample, in file order. {@link #parse} checks everything and says in words, naming the line and
 * the column, what is wrong with a file it refuses.
 *
 * @param name a stable name for this file with this column choice, {@code csv-} and 12 hex digits
 * @param inputs the header names of the input columns, in the order of the sample's x
 * @param targets the header names of the target columns, in the order of the sample's t
 * @param samples all data rows
 */
public record Csv(String name, List<String> inputs, List<String> targets, Samples samples) {
    public static final int MAX_BYTES = 1_048_576;
    public static final int MAX_ROWS = 10_000;
    public static final int MAX_COLUMNS = 300;
    /** A train/test split needs at least one row on each side. */
    public static final int MIN_ROWS = 2;
    /** The network's width limit, playground.nn.Network.MAX_WIDTH (data may not import nn; a test keeps them equal). */
    public static final int MAX_WIDTH = 256;

    private static final Pattern NAME = Pattern.compile("csv-[0-9a-f]{12}");
    /** A plain decimal number: no hex floats, no type suffixes like 1d or 1f, no NaN or Infinity. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private static final Pattern NOT_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d*,\\d+");
    private static final int LISTED = 4;

    public Csv {
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
    }

    /** True for a name that {@link #parse} could have given. */
    public static boolean isName(String s) {
        return s != null && NAME.matcher(s).matches();
    }

    /** The number of data rows. */
    public int rows() {
        return samples.count();
    }

    /**
     * True when every target is 0 or 1: one binary target column, or several target columns one-hot in each row
     * (exactly one 1).
     */
    public boolean classification() {
        int m = samples.outputs();
        double[] t = samples.t();
        for (int s = 0; s < samples.count(); s++) {
            int ones = 0;
            for (int k = s * m; k < s * m + m; k++) {
                if (t[k] == 1) {
                    ones++;
                } else if (t[k] != 0) {
                    return false;
                }
            }
            if (m > 1 && ones != 1) {
                return false;
            }
        }
        return true;
    }

    /** "your data: 150 rows, inputs sepal_length, sepal_width → targets setosa" */
    public String describe() {
        return "your data: " + rows() + (rows() == 1 ? " row" : " rows") + ", inputs " + list(inputs) + " → targets "
                + list(targets);
    }

    /**
     * Reads a CSV file with a header row. {@code inputs} and {@code targets} are comma-separated header names; with no
     * targets the last column is the target, with no inputs every column that is not a target is an input.
     *
     * @throws CsvException naming the line and column at fault
     */
    public static Csv parse(byte[] body, String inputs, String targets) {
        if (body == null || body.length == 0) {
            throw new CsvException("the file is empty", 0, null);
        }
        if (body.length > MAX_BYTES) {
            String mb = String.format(Locale.ROOT, "%.1f", body.length / (double) MAX_BYTES);
            String size = mb.equals("1.0") ? String.format(Locale.ROOT, "%,d bytes", body.length) : mb + " MB";
            throw new CsvException("the file is " + size + "; the limit is 1 MB", 0, null);
        }
        String text = decode(body);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = text.lines().toList(); // ends at \n, \r\n or \r
        int h = 0;
        while (h < lines.size() && lines.get(h).isBlank()) {
            h++;
        }
        if (h == lines.size()) {
            throw new CsvException("the file is empty", 0, null);
        }
        int headerLine = h + 1;
        char sep = separator(lines.get(h));
        List<String> header = header(split(lines.get(h), sep, headerLine, null), headerLine);

        List<Integer> rowLines = new ArrayList<>();
        for (int i = h + 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                if (rowLines.size() == MAX_ROWS) {
                    throw new CsvException(
                            "the file has more than " + MAX_ROWS + " data rows (line " + (i + 1) + " is row "
                                    + (MAX_ROWS + 1) + "); the limit is " + MAX_ROWS,
                            i + 1,
                            null);
                }
                rowLines.add(i + 1);
            }
        }
        if (rowLines.isEmpty()) {
            throw new CsvException(
                    "the file has a header but no data rows; it needs at least " + MIN_ROWS, headerLine, null);
        }
        if (rowLines.size() < MIN_ROWS) {
            throw new CsvException(
                    "the file has only 1 data row; it needs at least " + MIN_ROWS
                            + " (some to train on, some to test on)",
                    rowLines.get(0),
                    null);
        }

        List<String> t = names(targets);
        List<String> in = names(inputs);
        boolean lastIsTarget = t.isEmpty();
        if (lastIsTarget) {
            t = List.of(header.get(header.size() - 1));
        }
        int[] tCols = columns(t, "target", header, headerLine);
        if (in.isEmpty()) {
            in = new ArrayList<>(header);
            in.removeAll(t);
        }
        int[] xCols = columns(in, "input", header, headerLine);
        for (String c : in) {
            if (t.contains(c)) {
                String why = lastIsTarget ? " (with no targets chosen, the last column is the target)" : "";
                throw new CsvException("column '" + c + "' cannot be both an input and a target" + why, headerLine, c);
            }
        }

        int n = rowLines.size();
        double[] x = new double[n * xCols.length];
        double[] y = new double[n * tCols.length];
        for (int s = 0; s < n; s++) {
            int line = rowLines.get(s);
            List<String> cells = split(lines.get(line - 1), sep, line, header);
            if (cells.size() != header.size()) {
                throw new CsvException(
                        "line " + line + " has " + count(cells.size(), "value") + " but the header has "
                                + count(header.size(), "column"),
                        line,
                        null);
            }
            for (int k = 0; k < xCols.length; k++) {
                x[s * xCols.length + k] = number(cells.get(xCols[k]), line, header.get(xCols[k]));
            }
            for (int k = 0; k < tCols.length; k++) {
                y[s * tCols.length + k] = number(cells.get(tCols[k]), line, header.get(tCols[k]));
            }
        }
        return new Csv(name(body, in, t), in, t, new Samples(n, xCols.length, tCols.length, x, y));
    }

    /** Strict UTF-8: a malformed or unmappable byte is refused, with its offset. */
    private static String decode(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (body[i] == '\n') {
                    line++;
                }
            }
            throw new CsvException(
                    "the file is not UTF-8 text (bad byte at offset " + offset + "); save it as UTF-8 CSV", line, null);
        }
        return out.flip().toString();
    }

    /** A comma, or else a semicolon or tab if the header has one outside quotes and no comma. */
    private static char separator(String headerLine) {
        boolean quoted = false, semicolon = false, tab = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                return ',';
            } else if (!quoted && c == ';') {
                semicolon = true;
            } else if (!quoted && c == '\t') {
                tab = true;
            }
        }
        return semicolon ? ';' : tab ? '\t' : ',';
    }

    /** Checks the header's names: present, unique, and enough and not too many of them. */
    private static List<String> header(List<String> cells, int line) {
        if (cells.size() > MAX_COLUMNS) {
            throw new CsvException(
                    "the file has " + cells.size() + " columns; the limit is " + MAX_COLUMNS, line, null);
        }
        Map<String, Integer> seen = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < cells.size(); k++) {
            String name = cells.get(k).strip();
            if (name.isEmpty()) {
                throw new CsvException(
                        "line " + line + ": column " + (k + 1) + " of the header has no name; every column needs one",
                        line,
                        null);
            }
            Integer before = seen.putIfAbsent(name, k);
            if (before != null) {
                throw new CsvException(
                        "line " + line + ": the header names column '" + name + "' twice (columns " + (before + 1)
                                + " and " + (k + 1) + ")",
                        line,
                        name);
            }
            names.add(name);
        }
        if (names.size() < 2) {
            throw new CsvException(
                    "the header has only one column ('" + names.get(0) + "'); the file needs at least an input column"
                            + " and a target column, separated by commas, semicolons or tabs",
                    line,
                    names.get(0));
        }
        return names;
    }

    /** The comma-separated names of a request, trimmed; none for null or blank. */
    private static List<String> names(String list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (String s : list.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    /** The header positions of the chosen columns, which must exist, be distinct, and fit the network. */
    private static int[] columns(List<String> chosen, String role, List<String> header, int line) {
        if (chosen.isEmpty()) {
            throw new CsvException("there must be at least one " + role + " column", line, null);
        }
        if (chosen.size() > MAX_WIDTH) {
            throw new CsvException(
                    "there are " + chosen.size() + " " + role + " columns; a network takes at most " + MAX_WIDTH
                            + ", so choose fewer",
                    line,
                    null);
        }
        Set<String> seen = new HashSet<>();
        int[] cols = new int[chosen.size()];
        for (int k = 0; k < cols.length; k++) {
            String c = chosen.get(k);
            cols[k] = header.indexOf(c);
            if (cols[k] < 0) {
                throw new CsvException(
                        "no column named '" + c + "'; the columns are " + String.join(", ", clip(header, 20)), line, c);
            }
            if (!seen.add(c)) {
                throw new CsvException(
                        "column '" + c + "' is chosen twice as " + (role.equals("input") ? "an " : "a ") + role,
                        line,
                        c);
            }
        }
        return cols;
    }

    /** Reads one line at a time, so that a line number is always the file's and a value cannot span lines. */
    private static final CsvMapper CSV =
            CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES).build();

    /**
     * The values of one line: separated by {@code sep}; a value may be quoted ("a,b", with "" for a quote), but may
     * not span lines. {@code header} is null while reading the header itself.
     */
    private static List<String> split(String text, char sep, int line, List<String> header) {
        List<String> out = new ArrayList<>();
        try (CsvParser p = CSV.getFactory().createParser(text)) {
            p.setSchema(CsvSchema.emptySchema().withColumnSeparator(sep));
            p.nextToken(); // a row without a schema of named columns is an array
            for (String v = p.nextTextValue(); v != null; v = p.nextTextValue()) out.add(v);
            return out;
        } catch (IOException e) {
            // the value at fault is the one after those read; only two faults are possible within one line
            String what = e.getMessage().contains("closing quote")
                    ? "a quoted value has no closing quote (a value cannot span lines)"
                    : "there is text after the closing quote";
            throw cellError(what, line, out.size(), header);
        }
    }

    private static CsvException cellError(String what, int line, int index, List<String> header) {
        if (header != null && index < header.size()) {
            String column = header.get(index);
            return new CsvException("line " + line + ", column '" + column + "': " + what, line, column);
        }
        return new CsvException("line " + line + ", column " + (index + 1) + ": " + what, line, null);
    }

    /** One cell as a finite plain decimal number. */
    private static double number(String cell, int line, String column) {
        String v = cell.strip();
        String at = "line " + line + ", column '" + column + "'";
        if (v.isEmpty()) {
            throw new CsvException(at + " is empty", line, column);
        }
        if (NUMBER.matcher(v).matches()) {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) {
                return d;
            }
        } else if (!NOT_FINITE.matcher(v).matches()) {
            String hint = DECIMAL_COMMA.matcher(v).matches() ? " (write the decimal mark as a point, as in 1.5)" : "";
            throw new CsvException(at + ": " + quote(v) + " is not a number" + hint, line, column);
        }
        throw new CsvException(
                at + ": " + quote(v) + " is not allowed; each value must be a finite number", line, column);
    }

    private static String quote(String v) {
        return "\"" + (v.length() > 40 ? v.substring(0, 37) + "..." : v) + "\"";
    }

    private static String count(int k, String noun) {
        return k + " " + noun + (k == 1 ? "" : "s");
    }

    /** The first names, then how many more: "a, b, c, d and 6 more". */
    private static String list(List<String> names) {
        if (names.size() <= LISTED) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, LISTED)) + " and " + (names.size() - LISTED) + " more";
    }

    /** At most {@code max} names, the last replaced by "... (N more)" when some are left out. */
    private static List<String> clip(List<String> names, int max) {
        if (names.size() <= max) {
            return names;
        }
        List<String> out = new ArrayList<>(names.subList(0, max));
        out.add("... (" + (names.size() - max) + " more)");
        return out;
    }

    /** "csv-" + the first 12 hex digits of SHA-256(body, 0, inputs joined by ",", 0, targets joined by ","). */
    static String name(byte[] body, List<String> inputs, List<String> targets) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(body);
            sha.update((byte) 0);
            sha.update(String.join(",", inputs).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(String.join(",", targets).getBytes(StandardCharsets.UTF_8));
            return "csv-" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
