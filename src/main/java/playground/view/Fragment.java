package playground.view;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import playground.training.Snapshot;

/**
 * The live parts of the page. Each is one element of the page (its id and its {@code sse-swap} are the name), one SSE
 * event of the page's stream, one jte template ({@code NAME.jte}) and the view it draws from a snapshot. The page
 * template, the stream, the route of a fragment alone and the out-of-band swaps of a moment all name them from here.
 */
public enum Fragment {
    STATUS("status", null, StatusView::of),
    CONTROLS("controls", null, StatusView::of),
    /** What a screen reader hears when the run's state changes. */
    ANNOUNCE("announce", null, StatusView::of),
    CHART("chart", null, ChartView::of),
    DIAGRAM("diagram", null, s -> PicturesView.of(s, false).diagram()),
    /** The output heatmap, on the 2-D sets only (null elsewhere). */
    HEATMAP("heatmap", null, s -> PicturesView.of(s, false).heatmap()),
    /**
     * The training and test points over the output heatmap, on the 2-D sets only (null elsewhere): sent when the
     * learner's edits change (a point added or deleted, or Reset).
     */
    POINTS("points", null, PicturesView::points),
    TIMELINE("timeline", "sample", TimelineView::of),
    STATE("state", "sample", SampleView::of),
    EQUATIONS("equations", "equations", EquationsView::of),
    WEIGHTS("weights", "weights", WeightsView::of),
    /** The gradient's size per layer and epoch. */
    FLOW("flow", "flow", FlowView::of),
    /** The compare page's: both runs' status, with the controls that act on both. */
    COMPARE_STATUS("compare_status", CompareView::status),
    /** The compare page's: one loss chart overlaying both runs. */
    COMPARE_CHART("compare_chart", CompareView::chart),
    /** The compare page's: W_B − W_A per layer where the shapes match. */
    COMPARE_DIFF("compare_diff", CompareView::diff);

    /** The parts that show the moment chosen on the timeline, not the run as it is, while the page is rewound. */
    public static final List<Fragment> AT_MOMENT = List.of(STATE, EQUATIONS, WEIGHTS, DIAGRAM, HEATMAP);

    /** {@link #AT_MOMENT}'s ids, space-separated, for the page's script. */
    public static final String AT_MOMENT_IDS =
            AT_MOMENT.stream().map(Fragment::id).collect(java.util.stream.Collectors.joining(" "));

    /**
     * The panels of numbers the page may skip a frame of while a run trains, when its main thread is over its budget
     * for them (the next frame brings them again; a change of state always does).
     */
    public static final List<Fragment> NUMBERS = List.of(STATE, EQUATIONS, WEIGHTS);

    /** {@link #NUMBERS}' ids, space-separated, for the page's script. */
    public static final String NUMBERS_IDS =
            NUMBERS.stream().map(Fragment::id).collect(java.util.stream.Collectors.joining(" "));

    private final String id;
    private final String panel;
    private final Function<Snapshot, Object> view;
    private final java.util.function.BiFunction<Snapshot, Snapshot, Object> pair;

    Fragment(String id, String panel, Function<Snapshot, Object> view) {
        this.id = id;
        this.panel = panel;
        this.view = view;
        this.pair = null;
    }

    /** A part of the compare page, drawn from run A's and run B's snapshots (asked for alone: a run beside itself). */
    Fragment(String id, java.util.function.BiFunction<Snapshot, Snapshot, Object> pair) {
        this.id = id;
        this.panel = null;
        this.view = s -> pair.apply(s, s);
        this.pair = pair;
    }

    /** Whether it is the compare page's (drawn from two runs, see {@link #view(Snapshot, Snapshot)}). */
    public boolean compare() {
        return pair != null;
    }

    /** What a compare page's fragment draws from run A's and run B's snapshots. */
    public Object view(Snapshot a, Snapshot b) {
        if (pair == null) throw new IllegalStateException(id + " is drawn from one run");
        return pair.apply(a, b);
    }

    /** The element's id, its sse-swap and the event's name. */
    public String id() {
        return id;
    }

    public String template() {
        return id + ".jte";
    }

    /** The panel of numbers ({@link PageView#PANELS}) that must be open for the stream to send it; null if always. */
    public String panel() {
        return panel;
    }

    /** What its template draws, at this snapshot (null: nothing to draw). */
    public Object view(Snapshot s) {
        return view.apply(s);
    }

    public static Optional<Fragment> named(String name) {
        return Arrays.stream(values()).filter(f -> f.id.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
