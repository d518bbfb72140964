package playground.training;

/**
 * What a run's controls do: the page's buttons and keys post to {@code /runs/{id}/ACTION}, the API to {@code
 * /api/runs/{id}/ACTION}, one route each, both from this list.
 */
public enum Action {
    START("start", true),
    PAUSE("pause", false),
    RESUME("resume", true),
    STEP("step", false),
    PHASE("phase", false),
    EPOCH("epoch", true),
    RESET("reset", false);

    private final String id;
    private final boolean trains;

    Action(String id, boolean trains) {
        this.id = id;
        this.trains = trains;
    }

    /** Its name in URLs. */
    public String id() {
        return id;
    }

    /**
     * Whether it sets the run training on the trainers' threads (and so counts in an address's share of them); a step
     * or a phase is worked out at once, on the request's thread.
     */
    public boolean trains() {
        return trains;
    }

    @Override
    public String toString() {
        return id;
    }
}
