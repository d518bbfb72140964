package playground.training;

/** A bad configuration value: names the field and says, in words, what is wrong. */
public final class ConfigException extends IllegalArgumentException {
    private final String field;

    public ConfigException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The parameter at fault, as named in URLs, JSON and on the command line. */
    public String field() {
        return field;
    }

    /** "lr: must be ..." */
    public String describe() {
        return field + ": " + getMessage();
    }
}
