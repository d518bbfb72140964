package playground;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** House rule 1: the math and the data know nothing of the web, JSON or templates. */
class ArchitectureTest {
    static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    static void assertImportsOnly(String pkg, List<String> allowed) throws IOException {
        Path dir = Path.of("src/main/java/playground", pkg);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    String imp = m.group(2);
                    assertTrue(
                            allowed.stream().anyMatch(imp::startsWith),
                            f + " imports " + imp + "; " + pkg + " may import only " + allowed);
                }
            }
        }
    }

    @Test
    void nnImportsOnlyJavaAndEjml() throws IOException {
        assertImportsOnly("nn", List.of("java.", "org.ejml.", "playground.nn."));
    }

    @Test
    void trainingAndViewKnowNoWebLibrary() throws IOException {
        assertImportsOnly("training", List.of("java.", "playground.nn.", "playground.data.", "playground.training."));
        assertImportsOnly("view", List.of("java.", "playground."));
    }

    @Test
    void dataImportsOnlyJava() throws IOException {
        assertImportsOnly("data", List.of("java.", "playground.data."));
    }
}
