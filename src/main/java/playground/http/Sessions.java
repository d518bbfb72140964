package playground.http;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import playground.training.Runs;

/** The visitor's session: an id in an HttpOnly, SameSite=Lax cookie (Secure when the request came over HTTPS). */
final class Sessions {
    static final String COOKIE = "bp_session";

    private Sessions() {}

    /** The session id of this request, or null if it has none (or an invalid one). */
    static String existing(Context ctx) {
        String id = ctx.cookie(COOKIE);
        return id != null && id.matches("[A-Za-z0-9_-]{22}") ? id : null;
    }

    /** The session id, creating the session (and its cookie) when the request has none. */
    static String ensure(Context ctx) {
        String id = existing(ctx);
        if (id != null) return id;
        id = Runs.newId();
        Cookie c = new Cookie(COOKIE, id, "/", -1, false, true, null, SameSite.LAX);
        c.setPath("/");
        c.setHttpOnly(true);
        c.setSameSite(SameSite.LAX);
        c.setSecure(secure(ctx));
        ctx.cookie(c);
        ctx.attribute(COOKIE, id);
        return id;
    }

    static boolean secure(Context ctx) {
        String proto = ctx.header("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(proto) || "https".equalsIgnoreCase(ctx.scheme());
    }
}
