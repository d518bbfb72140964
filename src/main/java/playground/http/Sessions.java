package playground.http;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import playground.training.Runs;

/**
 * The visitor's session: an id in an HttpOnly, SameSite=Lax cookie (Secure when the request came over HTTPS). The
 * server accepts only ids it issued: an id is 128 random bits and an HMAC-SHA256 of them ({@code RANDOM.MAC}, 22
 * base64url characters each) under a secret, {@code SESSION_SECRET} from the environment or else 256 random bits drawn
 * at start. Any other cookie value gets a fresh session.
 */
final class Sessions {
    private static final Logger LOG = Logger.getLogger(Sessions.class.getName());
    static final String COOKIE = "bp_session";
    private static final String FORM = "[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22}";
    private static final byte[] SECRET = secret(System.getenv("SESSION_SECRET"));

    private Sessions() {}

    /** The session id of this request, or null if it has none (or one this server did not issue). */
    static String existing(Context ctx) {
        Object made = ctx.attribute(COOKIE); // a session made earlier in this request
        if (made instanceof String s) return s;
        String id = ctx.cookie(COOKIE);
        if (id != null && issued(id)) return id;
        // in a page another site frames (the embed view), only the embed's own cookie comes
        String embedded = ctx.cookie(EMBED_COOKIE);
        return embedded != null && issued(embedded) ? embedded : null;
    }

    /**
     * The embed view's cookie: the same session id, in a cookie a framed page keeps. A browser neither sends nor keeps
     * SameSite=Lax cookies in a frame of another site, so this one is {@code SameSite=None; Secure; Partitioned}: kept
     * apart per site that frames it (CHIPS), so that it follows no one across sites and works where third-party cookies
     * are blocked. Secure needs HTTPS (or localhost); over plain HTTP elsewhere it is SameSite=Lax, and the embed then
     * keeps its session only on pages of its own site.
     */
    static final String EMBED_COOKIE = "bp_embed";

    /** The session id for the embed view: {@link #ensure}, and the embed's cookie with it. */
    static String ensureEmbedded(Context ctx) {
        String id = existing(ctx);
        if (id == null || !id.equals(ctx.cookie(COOKIE))) {
            // a first visit, or one in a frame (where only the embed's cookie comes): the page's cookie too, which a
            // frame of another site will not keep
            if (id == null) id = ensure(ctx);
            else ctx.attribute(COOKIE, id);
        }
        if (!id.equals(ctx.cookie(EMBED_COOKIE))) {
            boolean secure = secure(ctx) || local(ctx);
            ctx.res()
                    .addHeader(
                            "Set-Cookie",
                            EMBED_COOKIE + "=" + id + "; Path=/; HttpOnly"
                                    + (secure ? "; Secure; SameSite=None; Partitioned" : "; SameSite=Lax"));
        }
        return id;
    }

    /** Whether the request came to this machine by its own name (a browser takes Secure cookies from it over HTTP). */
    static boolean local(Context ctx) {
        String host = String.valueOf(ctx.header("Host")).replaceFirst(":[0-9]+$", "");
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }

    /** The session id, creating the session (and its cookie) when the request has none. */
    static String ensure(Context ctx) {
        String id = existing(ctx);
        if (id != null) return id;
        id = issue();
        Cookie c = new Cookie(COOKIE, id, "/", -1, false, true, null, SameSite.LAX);
        c.setPath("/");
        c.setHttpOnly(true);
        c.setSameSite(SameSite.LAX);
        c.setSecure(secure(ctx));
        ctx.cookie(c);
        ctx.attribute(COOKIE, id);
        return id;
    }

    /** A new session id: random bits and their signature. */
    static String issue() {
        String random = Runs.newId();
        return random + "." + sign(random);
    }

    /** Whether this server issued the id (checked in constant time). */
    static boolean issued(String id) {
        if (!id.matches(FORM)) return false;
        String random = id.substring(0, 22);
        return MessageDigest.isEqual(
                sign(random).getBytes(StandardCharsets.US_ASCII),
                id.substring(23).getBytes(StandardCharsets.US_ASCII));
    }

    private static String sign(String random) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
            byte[] h = mac.doFinal(random.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(h, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configured secret, or 256 random bits (sessions then last as long as the process, as runs do). */
    static byte[] secret(String configured) {
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < 32) LOG.warning("event=weak-session-secret length=" + configured.length());
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }

    static boolean secure(Context ctx) {
        String proto = ctx.header("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(proto) || "https".equalsIgnoreCase(ctx.scheme());
    }
}
