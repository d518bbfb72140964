package playground.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lesson files: the built-in ones load; a bad one fails with a message naming the file and the fault. */
class LessonTest {
    static final String GOOD = """
            ---
            title: A lesson
            preset: dataset=xor&layers=2,1
            task: Reach 95 %.
            check: testAccuracy >= 95% and hiddenLayers == 0
            ---
            First paragraph,
            on two lines.

            Second.
            """;

    @Test
    void theBuiltInLessonsLoad() {
        var all = Lesson.builtIn();
        assertTrue(all.size() >= 6);
        assertEquals("one-step-by-hand", all.get(0).id(), "ordered by file name, the number left out of the id");
    }

    @Test
    void aGoodFileReadsAsWritten() {
        Lesson l = Lesson.parse("07-a-lesson.md", GOOD);
        assertEquals("a-lesson", l.id());
        assertEquals("/?dataset=xor&layers=2,1&lesson=a-lesson", l.link());
        assertEquals(2, l.paragraphs().size());
        assertEquals("First paragraph, on two lines.", l.paragraphs().get(0));
        assertEquals(2, l.check().clauses().size());
        assertEquals(0.95, l.check().clauses().get(0).number(), 1e-12);
    }

    @Test
    void aBadFileFailsNamingTheFileAndTheFault(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("01-fine.md"), GOOD);
        Files.writeString(dir.resolve("02-bad.md"), GOOD.replace("hiddenLayers == 0", "hiddenNeurons == 0"));
        var e = assertThrows(IllegalStateException.class, () -> Lesson.load(dir));
        assertTrue(
                e.getMessage().startsWith("lessons/02-bad.md: check: unknown field \"hiddenNeurons\""), e.getMessage());
    }

    @Test
    void eachKindOfMistakeIsSaid() {
        assertFault(GOOD.replace("layers=2,1", "layers=2,1&lr=-1"), "preset: lr:");
        assertFault(GOOD.replace("layers=2,1", "layers=2,1&lock=speeed"), "preset: lock:");
        assertFault(GOOD.replace("layers=2,1", "layers=2,1&colour=red"), "preset: \"colour\" is not a parameter");
        assertFault(GOOD.replace("task: Reach 95 %.\n", ""), "task: is missing");
        assertFault(GOOD.replace(">= 95%", ">= lots"), "check: testAccuracy is a number, and \"lots\" is not");
        assertFault(GOOD.replace("testAccuracy >= 95%", "dataset > xor"), "check: dataset is a word");
        assertFault(GOOD.replace("testAccuracy >= 95%", "state == finished"), "check: state is idle, running");
        assertFault(
                GOOD.replace("testAccuracy >= 95%", "testAccuracy"), "check: \"testAccuracy\" is not FIELD OP VALUE");
        assertFault(GOOD.replace("title: A lesson", "titel: A lesson"), "line 2: unknown key \"titel\"");
        assertFault(GOOD.substring(4), "must start with a front matter");
        assertFault(GOOD.replaceAll("(?s)---\\n[^-]*$", "---\n"), "the text after the front matter is empty");
        var e = assertThrows(IllegalArgumentException.class, () -> Lesson.parse("Bad Name.md", GOOD));
        assertTrue(e.getMessage().contains("file name"), e.getMessage());
    }

    private static void assertFault(String text, String start) {
        var e = assertThrows(IllegalArgumentException.class, () -> Lesson.parse("09-x.md", text));
        assertTrue(e.getMessage().startsWith(start), "expected \"" + start + "...\", got: " + e.getMessage());
    }
}
