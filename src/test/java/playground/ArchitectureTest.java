package playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Which package may use which: the math and the data know nothing of the web, JSON or templates (so they can be read,
 * tested and reused alone); only http knows Javalin and jte; the web and the command line are two faces that share
 * training and json but never each other. A name counts whether it is imported or written out in full.
 */
class ArchitectureTest {
    static final Path MAIN = Path.of("src/main/java/playground");

    /** A package's allowed project packages and library prefixes (java. is always allowed). */
    record Rule(Set<String> packages, List<String> libraries) {}

    static final Map<String, Rule> RULES = Map.of(
            "nn", new Rule(Set.of(), List.of("org.ejml.")),
            // the CSV reader stands on Jackson's CSV module only, not on its JSON
            "data", new Rule(Set.of(), List.of("com.fasterxml.jackson.dataformat.csv.")),
            "training", new Rule(Set.of("nn", "data"), List.of()),
            // lessons and teacher links: what a lesson presets, locks and checks, over the runs' reported figures
            "lesson", new Rule(Set.of("nn", "data", "training"), List.of()),
            "view", new Rule(Set.of("nn", "data", "training", "lesson"), List.of("javax.imageio.")),
            "export", new Rule(Set.of("nn", "training"), List.of()),
            "json", new Rule(Set.of("training"), List.of("com.fasterxml.jackson.")),
            "cli", new Rule(Set.of("nn", "data", "training", "json"), List.of()),
            "http",
                    new Rule(
                            Set.of("nn", "data", "training", "view", "export", "json", "lesson"),
                            List.of(
                                    "com.fasterxml.jackson.",
                                    "io.javalin.",
                                    "gg.jte.",
                                    "io.micrometer.",
                                    "jakarta.servlet.",
                                    "org.eclipse.jetty.",
                                    "org.slf4j.",
                                    "javax.crypto.")));

    static final Pattern PROJECT = Pattern.compile("\\bplayground\\.([a-z]\\w*)\\.");
    static final Pattern LIBRARY =
            Pattern.compile("(?<![\\w.])((?:com|org|io|gg|jakarta|javax)\\.[a-z]\\w*(?:\\.[a-z]\\w*)*)");

    /** The code of a file, without comments and literals (a metric named "playground.runs..." is no use). */
    static String code(Path f) throws IOException {
        String s = Files.readString(f);
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                i = s.indexOf('\n', i) < 0 ? s.length() : s.indexOf('\n', i);
            } else if (s.startsWith("/*", i)) {
                i = s.indexOf("*/", i + 2) + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                i = s.indexOf("\"\"\"", i + 3) + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (s.charAt(j) != c) j += s.charAt(j) == '\\' ? 2 : 1;
                i = j + 1;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString().replaceFirst("(?m)^package .*$", "");
    }

    static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void everyPackageUsesOnlyWhatItsRuleAllows() throws IOException {
        List<String> faults = new java.util.ArrayList<>();
        for (var e : RULES.entrySet()) {
            String pkg = e.getKey();
            Rule rule = e.getValue();
            for (Path f : javaFiles(MAIN.resolve(pkg))) {
                String code = code(f);
                Matcher m = PROJECT.matcher(code);
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && !rule.packages().contains(used))
                        faults.add(f + " uses playground." + used + "; " + pkg + " may use only " + rule.packages());
                }
                Matcher l = LIBRARY.matcher(code);
                while (l.find()) {
                    String used = l.group(1) + ".";
                    if (rule.libraries().stream().noneMatch(used::startsWith))
                        faults.add(
                                f + " uses " + l.group(1) + "; " + pkg + " may use only java. and " + rule.libraries());
                }
            }
        }
        assertEquals(List.of(), faults);
    }

    @Test
    void everyPackageHasARule() throws IOException {
        Set<String> packages;
        try (Stream<Path> dirs = Files.list(MAIN)) {
            packages = dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(RULES.keySet()), packages);
    }

    @Test
    void theWebAndTheCommandLineNeverUseEachOther() {
        assertTrue(!RULES.get("http").packages().contains("cli"));
        assertTrue(!RULES.get("cli").packages().contains("http"));
        assertTrue(!RULES.get("view").packages().contains("http"));
    }
}
