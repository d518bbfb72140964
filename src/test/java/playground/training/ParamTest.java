package playground.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import playground.data.DatasetKind;

/** The table of parameters against the README's table and against the parser it drives. */
class ParamTest {
    /** The README's rows of the URL parameters: name, values, default. */
    static List<String[]> readmeRows() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("## URL parameters"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        List<String[]> rows = new ArrayList<>();
        for (String line : section.split("\n")) {
            if (!line.startsWith("| `")) continue;
            String[] cells = line.substring(2, line.length() - 2).split(" \\| ", -1);
            String name = cells[0].substring(1, cells[0].length() - 1);
            rows.add(new String[] {name, cells[1], cells[cells.length - 1]});
        }
        return rows;
    }

    @Test
    void theReadmeListsExactlyTheParametersWithTheirLimitsAndDefaults() throws IOException {
        List<String[]> rows = readmeRows();
        List<String> names = rows.stream().map(r -> r[0]).toList();
        assertEquals(Param.NAMES, names.subList(0, Param.NAMES.size()), "the README lists the parameters in order");
        for (String other : names.subList(Param.NAMES.size(), names.size())) {
            assertNull(Param.named(other), other + " is listed twice");
        }
        for (Param p : Param.values()) {
            String[] row = rows.get(p.ordinal());
            assertEquals(p.defaults(), row[2], p.id() + ": the README's default");
            if (p.limits() != null) {
                assertTrue(row[1].contains(p.limits()), p.id() + ": the README says its limits " + p.limits());
            }
        }
    }

    @Test
    void everyParameterHasItsPlaceInTheForm() throws IOException {
        String page = Files.readString(Path.of("web/templates/page.jte"), StandardCharsets.UTF_8);
        for (Param p : Param.values()) {
            String place = p.control().type().equals("own")
                    ? "name=\"" + p.id() + "\""
                    : "@template.param(p = p, param = Param." + p.name() + ")";
            assertTrue(page.contains(place), p.id() + " has no place in page.jte: " + place);
        }
    }

    @Test
    void everyDatasetsDefaultsAreValidAndReadBack() {
        for (DatasetKind k : DatasetKind.values()) {
            Config c = Config.parse(Map.of("dataset", k.id()));
            Param.Preset preset = new Param.Preset(k, c.features());
            for (Param p : Param.values()) {
                if (p != Param.DATASET) {
                    assertEquals(p.defaultFor(preset), c.toParams().get(p.id()), k.id() + " " + p.id());
                }
            }
            assertEquals(c, Config.parse(c.toParams()));
            assertEquals(c.toParams().keySet(), c.toJson().keySet());
        }
    }

    @Test
    void eachLimitIsCheckedWithItsMessage() {
        for (Param p : Param.values()) {
            if (p.limits() == null || p == Param.LAYERS) continue;
            Param.Range r = p.range();
            String below = Param.fmt(r.above() ? r.min() : r.min() - 1);
            String above = Param.fmt(r.max() + 1);
            for (String bad : List.of(below, above)) {
                ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                        ConfigException.class, () -> Config.parse(Map.of(p.id(), bad)), p.id() + "=" + bad);
                assertEquals(p.id(), e.field());
                String m = e.getMessage();
                assertTrue(m.contains(Param.fmt(r.min())) && m.contains(Param.fmt(r.max())), m);
            }
        }
    }
}
