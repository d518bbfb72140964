package playground.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import playground.data.Csv;
import playground.data.CsvException;
import playground.data.Uploaded;

/** A learner's own data: a CSV file sent by a script (POST /api/datasets) or by the page's form (POST /datasets). */
final class Datasets {
    /** The body types a CSV file may come as; none at all is fine too. */
    static final Set<String> CSV_TYPES = Set.of(
            "text/csv", "text/plain", "application/octet-stream", "application/csv", "text/comma-separated-values");
    /** Room in a form's body for the text fields and the part headers, beside the file. */
    static final int FORM_SLACK = 64 * 1024;
    /** The servlet container's multipart limits for the form: the file and the whole body, parts kept in memory. */
    private static final MultipartConfigElement MULTIPART = new MultipartConfigElement(
            System.getProperty("java.io.tmpdir"), Csv.MAX_BYTES, Csv.MAX_BYTES + FORM_SLACK, Csv.MAX_BYTES + 1);
    /** Jetty reads a request's multipart limits from this attribute, which Javalin sets only when it is absent. */
    private static final String MULTIPART_ATTRIBUTE = "org.eclipse.jetty.multipartConfig";

    private final Uploads uploads;

    Datasets(Uploads uploads) {
        this.uploads = uploads;
    }

    /** POST /api/datasets?inputs=a,b&targets=c with the file as the body: 201 with the dataset's name and shape. */
    void api(Context ctx) throws IOException {
        String type = mime(ctx.contentType());
        if (type != null && !CSV_TYPES.contains(type)) {
            ctx.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .json(Json.error("send the file as text/csv (this request is " + clip(type, 80) + ")"));
            return;
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > Csv.MAX_BYTES) {
            ctx.status(HttpStatus.CONTENT_TOO_LARGE).json(Json.error(tooLarge(declared)));
            return;
        }
        // one byte over the limit is enough to know; the rest is never read
        byte[] body = ctx.req().getInputStream().readNBytes(Csv.MAX_BYTES + 1);
        if (body.length > Csv.MAX_BYTES) {
            ctx.status(HttpStatus.CONTENT_TOO_LARGE).json(Json.error(tooLarge(-1)));
            return;
        }
        Csv csv;
        try {
            csv = Csv.parse(body, ctx.queryParam("inputs"), ctx.queryParam("targets"));
        } catch (CsvException e) {
            ctx.status(HttpStatus.BAD_REQUEST).json(error(e));
            return;
        }
        Uploaded u = uploads.put(Sessions.ensure(ctx), Connections.clientAddress(ctx), csv);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", u.id());
        m.put("rows", csv.rows());
        m.put("inputs", csv.inputs().size());
        m.put("outputs", csv.targets().size());
        m.put("inputNames", csv.inputs());
        m.put("targetNames", csv.targets());
        m.put("classification", csv.classification());
        m.put("url", "/?dataset=" + u.id());
        ctx.status(HttpStatus.CREATED).json(m);
    }

    /**
     * POST /datasets from the page's form (multipart: the file in "file", the columns in "inputs" and "targets"): 303
     * to the playground on the data, or back to the page with the reason in {@code uploadError}. A form opened from a
     * shared link sends that link in "link"; when the file is the one it names, the link opens as shared.
     */
    void form(Context ctx) {
        String session = Sessions.ensure(ctx);
        Form form = null;
        String to;
        try {
            form = readForm(ctx);
            Uploaded u = uploads.put(
                    session, Connections.clientAddress(ctx), Csv.parse(form.file(), form.inputs(), form.targets()));
            String link = form.link();
            to = link != null && link.matches(".*[?&]dataset=" + u.id() + "(&.*)?") ? link : "/?dataset=" + u.id();
        } catch (CsvException | playground.training.BusyException e) {
            String why = clip(e.getMessage(), 400);
            // back to what the visitor had (its dataset and settings): the form's link, else the page it came from
            String back = form != null && form.link() != null ? form.link() : referer(ctx);
            if (back == null) back = "/?dataset=upload";
            to = back + (back.endsWith("?") ? "" : "&") + "uploadError="
                    + URLEncoder.encode(why, StandardCharsets.UTF_8);
        }
        ctx.redirect(to, HttpStatus.SEE_OTHER);
    }

    /** What the page's form sends: the file's bytes, the chosen columns, and the shared link it was opened from. */
    private record Form(byte[] file, String inputs, String targets, String link) {}

    /** The form's fields; anything wrong with the request is a CsvException too, in words. */
    private static Form readForm(Context ctx) {
        if (!ctx.isMultipartFormData()) {
            throw new CsvException("send the form with the file (multipart/form-data, the file in 'file')", 0, null);
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > Csv.MAX_BYTES + FORM_SLACK) {
            throw new CsvException(tooLarge(declared), 0, null);
        }
        ctx.req().setAttribute(MULTIPART_ATTRIBUTE, MULTIPART);
        UploadedFile file;
        String inputs, targets, link;
        try {
            file = ctx.uploadedFile("file");
            inputs = ctx.formParam("inputs");
            targets = ctx.formParam("targets");
            link = link(ctx.formParam("link"));
        } catch (Exception e) { // Jetty's ServletException, undeclared through Kotlin
            String why = overLimit(e) ? tooLarge(-1) : "the form could not be read as a file upload";
            throw new CsvException(why, 0, null);
        }
        if (file == null || (file.size() == 0 && file.filename().isEmpty())) {
            throw new CsvException("choose a CSV file first", 0, null);
        }
        if (file.size() > Csv.MAX_BYTES) {
            throw new CsvException(tooLarge(file.size()), 0, null);
        }
        byte[] body;
        try (InputStream in = file.content()) {
            body = in.readNBytes(Csv.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new CsvException("the file could not be read: " + e.getMessage(), 0, null);
        }
        if (body.length > Csv.MAX_BYTES) {
            throw new CsvException(tooLarge(-1), 0, null);
        }
        return new Form(body, inputs, targets, link);
    }

    /** Whether Jetty refused the form for its size ("max file size exceeded", "max length exceeded"). */
    private static boolean overLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.startsWith("max ") && m.contains(" exceeded")) return true;
        }
        return false;
    }

    /** The page of this site a form was sent from ("/?..."), or null (another site, none, or not the playground). */
    static String referer(Context ctx) {
        String r = ctx.header("Referer");
        if (r == null) return null;
        try {
            java.net.URI u = java.net.URI.create(r);
            String host = ctx.header("Host");
            if (u.getRawAuthority() == null
                    || host == null
                    || !u.getRawAuthority().equalsIgnoreCase(host)) return null;
            return link(u.getRawPath() + (u.getRawQuery() == null ? "?" : "?" + u.getRawQuery()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A playground link of this site to return to ("/?..."), or null. */
    static String link(String s) {
        if (s == null || s.length() > 8000 || !s.startsWith("/?") || s.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return null;
        }
        return s.replaceAll("&uploadError=[^&]*", ""); // the reason of an earlier try
    }

    static Map<String, Object> error(CsvException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", e.getMessage());
        m.put("line", e.line());
        if (e.column() != null) m.put("column", e.column());
        return m;
    }

    /** "the file is 2.5 MB; the limit is 1 MB", for a size in bytes (negative when only "over the limit" is known). */
    static String tooLarge(long bytes) {
        if (bytes < 0) return "the file is over 1 MB; the limit is 1 MB";
        String mb = String.format(Locale.ROOT, "%.1f", bytes / (double) Csv.MAX_BYTES);
        String size = mb.equals("1.0") ? String.format(Locale.ROOT, "%,d bytes", bytes) : mb + " MB";
        return "the file is " + size + "; the limit is 1 MB";
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    /** "text/csv" of "Text/CSV; charset=utf-8"; null for none. */
    static String mime(String contentType) {
        if (contentType == null || contentType.isBlank()) return null;
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }
}
