package playground.lesson;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import playground.training.Config;

/**
 * A lesson: a short text, a preset (the page's query), one task and its check, read from one Markdown file with a
 * front matter (see the README, "Lessons"):
 *
 * <pre>
 * ---
 * title: xor needs a hidden layer
 * preset: dataset=xor&amp;layers=2,1&amp;epochs=200
 * task: Reach 95 % test accuracy with as few hidden neurons as you can (4 or fewer).
 * check: dataset == xor and testAccuracy &gt;= 95% and hiddenUnits &lt;= 4
 * example: dataset=xor&amp;layers=2,4,1&amp;epochs=200
 * ---
 * The text: paragraphs separated by blank lines.
 * </pre>
 *
 * @param id the file's name without its order prefix ({@code 03-}) and {@code .md}
 * @param example a query whose run, trained to its end, meets the check (for the tests and the teacher; not shown)
 */
public record Lesson(
        String id, String title, String preset, String task, Check check, String example, List<String> paragraphs) {

    /** The page's parameters a preset may give besides the configuration. */
    static final List<String> PAGE = List.of("speed", "lock", "hide", "notebook", "at");

    /** The page with this lesson: its preset and the lesson beside the form. */
    public String link() {
        return "/?" + preset + "&lesson=" + id;
    }

    /** The built-in lessons (src/main/resources/lessons), in the order of their file names. */
    public static List<Lesson> builtIn() {
        try {
            URI uri = Lesson.class.getClassLoader().getResource("lessons").toURI();
            if (!"jar".equals(uri.getScheme())) return load(Path.of(uri));
            FileSystem fs;
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(uri);
            }
            return load(fs.getPath("/lessons"));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("lessons: cannot be read: " + e, e);
        }
    }

    /** Every *.md file of a folder, each checked: a bad one is an exception naming the file and what is wrong. */
    public static List<Lesson> load(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .sorted((a, b) ->
                            a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        }
        List<Lesson> out = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            Lesson lesson;
            try {
                lesson = parse(name, Files.readString(f, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException | java.nio.charset.MalformedInputException e) {
                throw new IllegalStateException("lessons/" + name + ": " + e.getMessage(), e);
            }
            if (out.stream().anyMatch(l -> l.id().equals(lesson.id()))) {
                throw new IllegalStateException("lessons/" + name + ": another file has the id " + lesson.id());
            }
            out.add(lesson);
        }
        return List.copyOf(out);
    }

    /** One file's lesson; an {@link IllegalArgumentException} says what is wrong. */
    public static Lesson parse(String fileName, String text) {
        String id = fileName.replaceFirst("\\.md$", "").replaceFirst("^[0-9]+-", "");
        if (!id.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException(
                    "the file name must be lowercase letters, digits and dashes, e.g." + " 07-my-lesson.md");
        }
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        if (lines.length < 2 || !lines[0].trim().equals("---")) {
            throw new IllegalArgumentException("must start with a front matter: a line ---, key: value lines, ---");
        }
        Map<String, String> front = new LinkedHashMap<>();
        int i = 1;
        for (; i < lines.length && !lines[i].trim().equals("---"); i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) continue;
            int colon = line.indexOf(':');
            if (colon < 1) throw new IllegalArgumentException("line " + (i + 1) + ": not key: value");
            String key = line.substring(0, colon).trim();
            if (!List.of("title", "preset", "task", "check", "example").contains(key)) {
                throw new IllegalArgumentException("line " + (i + 1) + ": unknown key \"" + key
                        + "\"; the keys are title, preset, task, check, example");
            }
            front.put(key, line.substring(colon + 1).trim());
        }
        if (i >= lines.length) throw new IllegalArgumentException("the front matter has no closing ---");
        for (String key : List.of("title", "preset", "task", "check")) {
            if (front.getOrDefault(key, "").isEmpty()) throw new IllegalArgumentException(key + ": is missing");
        }
        Check check = Check.parse(front.get("check"));
        String preset = front.get("preset").replaceFirst("^/?\\?", "");
        validQuery("preset", preset);
        String example = front.getOrDefault("example", "").replaceFirst("^/?\\?", "");
        if (!example.isEmpty()) validQuery("example", example);
        List<String> paragraphs = new ArrayList<>();
        StringBuilder p = new StringBuilder();
        for (int k = i + 1; k < lines.length; k++) {
            String line = lines[k].trim();
            if (line.isEmpty()) {
                if (p.length() > 0) paragraphs.add(p.toString());
                p.setLength(0);
            } else {
                if (p.length() > 0) p.append(' ');
                p.append(line);
            }
        }
        if (p.length() > 0) paragraphs.add(p.toString());
        if (paragraphs.isEmpty()) throw new IllegalArgumentException("the text after the front matter is empty");
        return new Lesson(id, front.get("title"), preset, front.get("task"), check, example, List.copyOf(paragraphs));
    }

    /** The configuration parameters of a query (the page's own ones left out). */
    public static Map<String, String> config(String query) {
        Map<String, String> all = query(query);
        all.keySet().removeAll(PAGE);
        return all;
    }

    static Map<String, String> query(String query) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (m.put(k, v) != null) throw new IllegalArgumentException(k + " is given twice");
        }
        return m;
    }

    /** A query the page would take: its configuration valid, its page parameters known. */
    private static void validQuery(String key, String text) {
        try {
            Map<String, String> q = query(text);
            for (String k : q.keySet()) {
                if (!Config.NAMES.contains(k) && !PAGE.contains(k)) {
                    throw new IllegalArgumentException("\"" + k + "\" is not a parameter of the page");
                }
            }
            Teacher.parse(q.get("lock"), q.get("hide"));
            if (q.containsKey("speed")) playground.training.Speed.parse(q.get("speed"));
            Config.parse(config(text));
        } catch (IllegalArgumentException e) {
            String m = e instanceof playground.training.ConfigException c ? c.describe() : e.getMessage();
            throw new IllegalArgumentException(key + ": " + m, e);
        }
    }
}
