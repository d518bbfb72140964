package playground.http;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.resolve.DirectoryCodeResolver;
import java.io.File;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jte templates of web/templates: precompiled into the jar in production; with {@code DEV=true} and the source
 * folder present, compiled on the fly and reloaded when they change.
 */
public final class Templates {
    private final TemplateEngine engine;

    private Templates(TemplateEngine engine) {
        this.engine = engine;
    }

    public static Templates create() {
        Path source = Path.of("web", "templates");
        boolean dev = "true".equalsIgnoreCase(System.getenv("DEV")) && Files.isDirectory(source);
        if (!dev) return new Templates(TemplateEngine.createPrecompiled(ContentType.Html));
        Path classes = Path.of("target", "jte-live");
        TemplateEngine engine = TemplateEngine.create(new DirectoryCodeResolver(source), classes, ContentType.Html);
        engine.setClassPath(classPath());
        return new Templates(engine);
    }

    private static List<String> classPath() {
        List<String> cp = new ArrayList<>();
        if (Templates.class.getClassLoader() instanceof URLClassLoader u) {
            for (var url : u.getURLs()) cp.add(url.getPath());
        }
        for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) cp.add(p);
        return cp;
    }

    /** Renders a template with its one parameter. */
    public String render(String name, Object model) {
        StringOutput out = new StringOutput(8192);
        engine.render(name, model, out);
        return out.toString();
    }

    /** Renders a fragment for an SSE event: one line, since every line would become its own data: field. */
    public String renderLine(String name, Object model) {
        LineOutput out = new LineOutput();
        engine.render(name, model, out);
        return out.toString();
    }

    /**
     * Template output on one line, as it is written: a line break becomes a space, a carriage return nothing (one
     * pass over each piece, instead of two over the whole fragment afterwards).
     */
    static final class LineOutput extends StringOutput {
        LineOutput() {
            super(8192);
        }

        @Override
        public void writeContent(String value) {
            writeContent(value, 0, value.length());
        }

        @Override
        public void writeContent(String value, int begin, int end) {
            int from = begin;
            for (int i = begin; i < end; i++) {
                char c = value.charAt(i);
                if (c != '\n' && c != '\r') continue;
                if (i > from) super.writeContent(value, from, i);
                if (c == '\n') super.writeContent(" ");
                from = i + 1;
            }
            if (end > from) super.writeContent(value, from, end);
        }
    }
}
