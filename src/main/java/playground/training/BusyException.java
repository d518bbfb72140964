package playground.training;

/** The server (or this session) has as many runs as it may hold: try again later. */
public final class BusyException extends RuntimeException {
    public BusyException(String message) {
        super(message);
    }
}
