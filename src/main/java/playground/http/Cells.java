package playground.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import playground.training.Run;
import playground.training.Runs;
import playground.view.CellRef;

/**
 * GET /runs/{id}/cell?ref=W2-3-4: one number of the run's tables, exactly, for the pictures of matrices too big to
 * show as cells (web/static/matrix.js asks as the pointer or the keyboard cursor moves) and for the editor of a weight
 * (web/static/edit.js: its name). Answers {"ref", "value", "text", "label"} from the run's latest snapshot (value null
 * when it is not finite; text "w⁽²⁾₃₄ = 0.1234..."; label "w⁽²⁾₃₄"), 400 for a bad ref, 404 for a run not in the
 * caller's session.
 */
final class Cells {
    private final Runs runs;

    Cells(Runs runs) {
        this.runs = runs;
    }

    void cell(Context ctx) {
        Run run = runs.find(Sessions.existing(ctx), ctx.pathParam("id"));
        if (run == null) throw new Api.NotFound("no run with this id in your session");
        CellRef c = CellRef.of(run.snapshot(), ctx.queryParam("ref"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ref", c.ref());
        m.put("value", c.value());
        m.put("text", c.text());
        m.put("label", c.label());
        ctx.header("Cache-Control", "no-store").json(m);
    }
}
