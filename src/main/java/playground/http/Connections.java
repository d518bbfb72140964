package playground.http;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/** The connections of the server: their limits, and who is at the other end. */
final class Connections {
    private Connections() {}

    /** Calls {@code onFailure} if Jetty finds the request failed (its client gone) before it is answered. */
    static void onFailure(Context ctx, Runnable onFailure) {
        try {
            ServletContextRequest r = ServletContextRequest.getServletContextRequest(ctx.req());
            if (r != null) r.addFailureListener(t -> onFailure.run());
        } catch (RuntimeException | LinkageError e) {
            // best effort: the check's own deadline bounds it anyway
        }
    }
}
