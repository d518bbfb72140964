package playground.training;

/** Where a run is: the status chip on the page and {@code state} in the API. */
public enum RunState {
    IDLE,
    RUNNING,
    PAUSED,
    DONE,
    DIVERGED;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
