package playground.data;

/**
 * An uploaded CSV file that cannot be used: the message says in words what is wrong, and names the line of the file
 * (1-based, the header is line 1) and the column at fault where there is one.
 */
public final class CsvException extends IllegalArgumentException {
    private final int line;
    private final String column;

    public CsvException(String message, int line, String column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    /** The line of the file at fault, 1-based as an editor counts them; 0 when the fault is the whole file. */
    public int line() {
        return line;
    }

    /** The header name of the column at fault, or null when no one column is. */
    public String column() {
        return column;
    }
}
