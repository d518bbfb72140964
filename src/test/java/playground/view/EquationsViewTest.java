package playground.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import playground.nn.Trace;
import playground.training.Config;
import playground.training.RunState;
import playground.training.Snapshot;
import playground.training.Training;

/**
 * The equations' numbers point at the table cells they stand for: every {@code data-ref} in the equations is the id of
 * a cell in the sample's or the weights' tables, and shows that cell's text when both show the same value.
 */
class EquationsViewTest {
    private static final Pattern MN = Pattern.compile("<mn([^>]*)>([^<]*)</mn>");
    private static final Pattern ATTR = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");

    /** One table number: its text and its full value (the cell's title). */
    record Shown(String text, String title) {}

    @ParameterizedTest
    @ValueSource(
            strings = {
                "dataset=notebook-example",
                "dataset=notebook-example&bias=true",
                "dataset=exp-sin&layers=2,4,4,2",
                "dataset=circle&batch=1",
                "dataset=three-classes&batch=1&optimizer=adam&regularization=l2&regRate=0.01",
                "dataset=three-classes&batch=1&loss=mse&optimizer=momentum&regularization=l1&regRate=0.001"
            })
    void everyEquationRefIsATableCellWithTheSameText(String query) {
        Snapshot s = stepped(query);
        Map<String, Shown> cells = tableCells(s);
        List<String[]> refs = equationRefs(EquationsView.of(s)); // {ref, text, title}
        assertFalse(refs.isEmpty(), "the equations' numbers have data-ref ids");

        int L = s.layers();
        Set<String> seen = new java.util.HashSet<>();
        int compared = 0;
        for (String[] r : refs) {
            String ref = r[0];
            seen.add(ref);
            Shown cell = cells.get(ref);
            assertNotNull(cell, "data-ref " + ref + " is a table cell's id; the tables have " + cells.keySet());
            boolean weight = ref.startsWith("W") || ref.startsWith("b");
            // the equations show the weights before the update; the table shows them now
            if (!weight) assertEquals(cell.title(), r[2], ref + " stands for the same value as its cell");
            if (cell.title().equals(r[2])) {
                assertEquals(cell.text(), r[1], ref + " is written as in its cell");
                compared++;
            }
        }
        assertTrue(compared > 0);
        List<String> expected = new ArrayList<>(List.of("x-0", "t-0", "E", "gW1-0-0"));
        for (int l = 1; l <= L; l++) {
            expected.addAll(
                    List.of("W" + l + "-0-0", "z" + l + "-0", "a" + l + "-0", "d" + l + "-0", "gW" + l + "-0-0"));
            if (s.config().bias()) expected.add("b" + l + "-0");
        }
        for (String e : expected) assertTrue(seen.contains(e), "the equations point at " + e + ": " + seen);

        // the update's result is the weight the table shows now, so the two read the same
        String w = "W" + L + "-0-0";
        assertTrue(
                refs.stream()
                        .anyMatch(
                                r -> r[0].equals(w) && r[1].equals(cells.get(w).text())),
                "the updated " + w + " reads as in the weights table");
    }

    /**
     * The notebook comparison and the live tables write the same numbers the same way: on the worked example, the
     * correct column's z, a, y and E read exactly as the sample's cells (6 significant digits, as every live value).
     */
    @org.junit.jupiter.api.Test
    void theLiveTablesReadAsTheNotebookComparison() {
        Snapshot s = stepped("dataset=notebook-example");
        assertEquals(List.of(1.0, 3.0), List.of(s.trace().x()[0], s.trace().x()[1]), "the worked example's x");
        SampleView sv = SampleView.of(s);
        NotebookView nb = NotebookView.of(s.config().lr());
        Map<String, String> correct = new HashMap<>();
        for (NotebookView.Row r : nb.rows()) correct.putIfAbsent(r.symbol() + r.layer(), r.correct());
        assertEquals(correct.get("z1"), vec(sv.forward().get(0).z()));
        assertEquals(correct.get("a1"), vec(sv.forward().get(0).a()));
        assertEquals(correct.get("y0"), vec(sv.forward().get(1).a()));
        assertEquals(correct.get("E0"), sv.loss().text());
        assertEquals("(2.22511, 2.02202)", correct.get("y0"), "6 significant digits");
        // and the equations write the output as the table does
        assertTrue(
                equationRefs(EquationsView.of(s)).stream().anyMatch(r -> r[0].equals("a2-0") && r[1].equals("2.22511")),
                "y_0 in the equations");
    }

    private static String vec(MatrixView m) {
        List<String> texts = new ArrayList<>();
        for (List<Cell> row : m.rows()) texts.add(row.get(0).text());
        return "(" + String.join(", ", texts) + ")";
    }

    @ParameterizedTest
    @ValueSource(strings = {"dataset=notebook-example"})
    void refsOnlyOnNumbers(String query) {
        EquationsView v = EquationsView.of(stepped(query));
        for (EquationsView.Block b : v.blocks()) {
            assertFalse(
                    b.general().markup().contains("data-ref"), "the general equations have no numbers of this sample");
            for (String inst :
                    b.instances().stream().map(EquationsView.Line::markup).toList()) {
                int all = count(inst, "data-ref=");
                int onMn = count(inst, "\" data-ref=\"");
                assertEquals(all, onMn, inst);
                assertEquals(count(inst, "<mn"), count(inst, "</mn>"), inst);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void refsAreOurOwnIds() {
        assertTrue(MathML.mn(0.5, "gW2-0-1").contains("data-ref=\"gW2-0-1\""));
        assertFalse(MathML.mn(0.5).contains("data-ref"));
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> MathML.mn(0.5, "x\" onclick=\"alert(1)"));
    }

    /** A number element holds a number; a letter (the i of t_i, a sum's index, L) is an identifier. */
    @ParameterizedTest
    @ValueSource(strings = {"dataset=notebook-example", "dataset=circle&batch=1", "dataset=three-classes&batch=1"})
    void lettersAreIdentifiersAndNumbersAreNumbers(String query) {
        StringBuilder all = new StringBuilder();
        for (EquationsView.Block b : EquationsView.of(stepped(query)).blocks()) {
            all.append(b.general().markup());
            for (EquationsView.Line line : b.instances()) all.append(line.markup());
        }
        Matcher m = MN.matcher(all);
        int numbers = 0;
        while (m.find()) {
            numbers++;
            assertTrue(m.group(2).matches("[−-]?[0-9][0-9.,]*(e[−-]?[0-9]+)?"), "<mn> holds a number: " + m.group());
        }
        assertTrue(numbers > 10, numbers + " numbers");
        assertTrue(all.indexOf("<msub><mi>t</mi><mi>i</mi></msub>") >= 0, "t_i, with i an identifier");
    }

    // ---- helpers ----

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }

    /** One traced and updated sample of a fresh run, as the run would publish it. */
    static Snapshot stepped(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String kv : query.split("&"))
            params.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        Training t = new Training(Config.parse(params));
        int L = t.network().layers();
        double[][][] before = new double[L + 1][][];
        double[][] beforeB = new double[L + 1][];
        for (int l = 1; l <= L; l++) {
            before[l] = t.network().weights(l);
            beforeB[l] = t.network().biases(l);
        }
        Trace tr = t.traceStep();
        assertNotNull(tr);
        assertTrue(tr.updated(), "batch size 1 updates after every sample");
        double[][][] w = new double[L + 1][][];
        double[][] b = new double[L + 1][];
        for (int l = 1; l <= L; l++) {
            w[l] = t.network().weights(l);
            b[l] = t.network().biases(l);
        }
        Map<String, Object> v = new HashMap<>();
        v.put("runId", "test");
        v.put("version", 1L);
        v.put("config", t.config());
        v.put("state", RunState.PAUSED);
        v.put("epoch", t.epoch());
        v.put("sample", t.position());
        v.put("trainCount", t.trainCount());
        v.put("testCount", t.data().test().count());
        v.put("samplesDone", t.samplesDone());
        v.put("trace", tr);
        v.put("weights", w);
        v.put("biases", b);
        v.put("previousWeights", before);
        v.put("previousBiases", beforeB);
        v.put("trainLoss", t.trainLoss());
        v.put("testLoss", t.testLoss());
        return snapshot(v);
    }

    /**
     * A Snapshot from named values, the rest zero, false, null or empty: by the record's components, so that the test
     * does not break when the record gains a field.
     */
    private static Snapshot snapshot(Map<String, Object> values) {
        RecordComponent[] cs = Snapshot.class.getRecordComponents();
        Class<?>[] types = new Class<?>[cs.length];
        Object[] args = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
            Class<?> type = cs[i].getType();
            types[i] = type;
            if (values.containsKey(cs[i].getName())) args[i] = values.get(cs[i].getName());
            else if (type == boolean.class) args[i] = false;
            else if (type == int.class) args[i] = 0;
            else if (type == long.class) args[i] = 0L;
            else if (type == double.class) args[i] = 0.0;
            else if (type == List.class) args[i] = List.of();
            else if (type.isEnum()) args[i] = type.getEnumConstants()[0];
            else args[i] = null;
        }
        try {
            return Snapshot.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every id the page's tables give their cells (the sample's, the weights', and the loss E), with what they show. */
    static Map<String, Shown> tableCells(Snapshot s) {
        SampleView sv = SampleView.of(s);
        WeightsView wv = WeightsView.of(s);
        List<MatrixView> tables = new ArrayList<>();
        tables.add(sv.x());
        tables.add(sv.t());
        for (SampleView.Column c : sv.forward()) {
            tables.add(c.z());
            tables.add(c.a());
        }
        tables.addAll(sv.deltas());
        for (SampleView.Gradient g : sv.gradients()) {
            tables.add(g.dW());
            if (sv.bias()) tables.add(g.db());
        }
        for (WeightsView.Layer l : wv.layers()) {
            tables.add(l.w());
            if (wv.bias()) tables.add(l.b());
        }
        Map<String, Shown> cells = new HashMap<>();
        for (MatrixView m : tables) {
            for (List<Cell> row : m.rows()) {
                for (Cell c : row) {
                    if (!c.id().isEmpty())
                        assertEquals(null, cells.put(c.id(), new Shown(c.text(), c.title())), c.id());
                }
            }
        }
        cells.put(sv.loss().id(), new Shown(sv.loss().text(), sv.loss().title()));
        return cells;
    }

    /** {ref, text, title} of every number with a data-ref in the equations. */
    static List<String[]> equationRefs(EquationsView v) {
        List<String[]> out = new ArrayList<>();
        for (EquationsView.Block b : v.blocks()) {
            for (EquationsView.Line line : b.instances()) {
                Matcher m = MN.matcher(line.markup());
                while (m.find()) {
                    Map<String, String> attrs = new HashMap<>();
                    Matcher a = ATTR.matcher(m.group(1));
                    while (a.find()) attrs.put(a.group(1), unescape(a.group(2)));
                    if (attrs.containsKey("data-ref")) {
                        out.add(new String[] {attrs.get("data-ref"), unescape(m.group(2)), attrs.get("title")});
                    }
                }
            }
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "dataset=circle&batch=1|Loss: cross-entropy, one yes/no per output|Update: sgd|f′ cancels",
                "dataset=three-classes&batch=1&optimizer=adam|Loss: cross-entropy over the softmax|Update: adam|f′ cancels",
                "dataset=three-classes&batch=1&loss=mse&optimizer=momentum&regularization=l2&regRate=0.1"
                        + "|Loss|Update: momentum, l2 regularisation|through the softmax"
            })
    void theLossAndTheUpdateAreWrittenForTheRunsChoices(String spec) {
        String[] p = spec.split("\\|");
        EquationsView v = EquationsView.of(stepped(p[0]));
        List<String> titles =
                v.blocks().stream().map(EquationsView.Block::title).toList();
        assertTrue(titles.contains(p[1]), titles.toString());
        assertTrue(titles.contains(p[2]), titles.toString());
        assertTrue(titles.stream().anyMatch(t -> t.contains(p[3])), titles.toString());
        EquationsView.Block update = v.blocks().get(v.blocks().size() - 1);
        assertFalse(update.instances().isEmpty(), "the update has its numbers");
        if (p[2].contains("adam")) assertTrue(update.general().markup().contains("<msqrt>"), "Adam's square root");
        if (p[2].contains("momentum"))
            assertTrue(update.general().markup().contains("<mi>v</mi>"), "momentum's velocity");
        if (p[2].contains("momentum"))
            assertTrue(update.general().markup().contains("<mn>0.9</mn>"), "μ as people write it");
        if (p[2].contains("adam"))
            assertTrue(update.general().markup().contains("<mn>0.999</mn>"), "β₂ as people write it");
        if (p[2].contains("l2")) assertTrue(update.general().markup().contains("λ"), "the penalty's rate");
    }
}
