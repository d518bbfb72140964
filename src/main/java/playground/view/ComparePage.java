package playground.view;

import java.util.List;
import playground.training.Snapshot;

/**
 * The compare page ({@code /compare?a=QUERY&b=QUERY}): run A and run B side by side, and B's form.
 *
 * @param a run A's latest snapshot (null when the page cannot show the runs)
 * @param b run B's
 * @param aQuery the query of A's own link (as the main page writes it)
 * @param bQuery B's
 * @param link this comparison's link
 * @param formB B's parameters as the main page's form shows them (the same fields and messages)
 * @param changes what B changes, e.g. "lr 0.03 → 0.3"
 * @param error a message about the link as a whole (which side, which parameter), or null
 * @param busy why the runs could not be made now, or null
 * @param view names this page's streams (see the main page's)
 */
public record ComparePage(
        Snapshot a,
        Snapshot b,
        String aQuery,
        String bQuery,
        String link,
        PageView formB,
        List<String> changes,
        String error,
        String busy,
        String view) {

    /** The output heatmaps are shown (2-D sets), else the diagrams alone. */
    public boolean planar() {
        return a != null && a.data().features() != null;
    }

    public String aLink() {
        return "/?" + aQuery;
    }

    public String bLink() {
        return "/?" + bQuery;
    }
}
