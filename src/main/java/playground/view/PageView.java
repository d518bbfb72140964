package playground.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import playground.data.DatasetKind;
import playground.data.Features;
import playground.data.Source;
import playground.lesson.Teacher;
import playground.training.Config;
import playground.training.Param;
import playground.training.Snapshot;
import playground.training.Speed;

/**
 * Everything the page needs: the form as the visitor gave it (with an error under each bad field), and, when the
 * configuration is valid, the run's snapshot.
 *
 * @param values every form field by name, as text (given or default)
 * @param errors a message per bad field
 * @param snapshot the run's latest snapshot, or null when the configuration is invalid
 * @param rejectedWeights weights given to start from that do not fit this network (shown again beside their error)
 */
public record PageView(
        Map<String, String> values,
        Map<String, String> errors,
        String speed,
        Snapshot snapshot,
        String shareUrl,
        int inputs,
        int outputs,
        List<HiddenLayer> hidden,
        String addLayerUrl,
        String newSeedUrl,
        String datasetDescription,
        List<FeatureChip> features,
        List<Source> uploads,
        String uploadError,
        String needsUpload,
        String busy,
        NotebookView notebook,
        TimelineView timeline,
        String rejectedWeights,
        Teacher teacher,
        playground.lesson.Lesson lesson) {

    public record Option(String value, String label, boolean selected) {}

    /** An input feature of the 2-D sets: whether it is on, and the link that toggles it (input layer adjusted). */
    public record FeatureChip(String id, String label, boolean on, String toggleUrl) {}

    /** A hidden layer chip: its index (1-based), width, and the link that removes it. */
    public record HiddenLayer(int index, String width, String removeUrl) {}

    public static final int MAX_HIDDEN = 8;

    /** The page's own parameters besides the configuration that its links and forms carry on. */
    public static final List<String> EXTRA = List.of("lock", "hide", "lesson");

    /**
     * The panels of numbers under the stage ({@code <details data-panel>}): the stream sends a panel's fragments only
     * while it is open. The page opens these until the learner chooses otherwise (kept in the browser).
     */
    public static final List<String> PANELS = Teacher.PANELS;

    public static final String DEFAULT_PANELS = "sample,equations";

    public static boolean openByDefault(String panel) {
        return List.of(DEFAULT_PANELS.split(",")).contains(panel);
    }

    /** The page, with a teacher's locks and hidden parts, and a lesson (or null); its links keep all three. */
    public static PageView of(
            Map<String, String> given,
            Map<String, String> errors,
            String speed,
            Snapshot snapshot,
            String busy,
            boolean asWritten,
            String weights,
            Function<String, Source> uploaded,
            List<Source> uploads,
            String uploadError,
            String rejectedWeights,
            Teacher teacher,
            playground.lesson.Lesson lesson) {
        Map<String, String> values = new LinkedHashMap<>();
        Config defaults = defaultsFor(given.get(Param.DATASET.id()), uploaded);
        Map<String, String> d = defaults.toParams();
        for (String name : Config.NAMES) values.put(name, given.getOrDefault(name, d.get(name)));
        if (snapshot != null) values.putAll(snapshot.config().toParams());
        if (asWritten) values.put("notebook", "as-written");
        if (weights != null) values.put("weights", weights);
        if (!teacher.lock().isEmpty()) values.put("lock", teacher.lockText());
        if (!teacher.hide().isEmpty()) values.put("hide", teacher.hideText());
        if (lesson != null) values.put("lesson", lesson.id());
        String needs = null;
        Source kind = sourceOr(values.get(Param.DATASET.id()), uploaded);
        if (kind == null) {
            needs = values.get(Param.DATASET.id());
            kind = DatasetKind.EXP_SIN;
        }
        Features features = null;
        if (kind.planar()) {
            try {
                features = Features.parse(values.getOrDefault(Param.FEATURES.id(), Features.PLAIN.text()));
            } catch (IllegalArgumentException e) {
                features = Features.PLAIN;
            }
        } else {
            values.remove(Param.FEATURES.id());
        }
        int inputs = features != null ? features.count() : kind.inputs();
        int outputs = kind.outputs();
        String[] parts = values.get(Param.LAYERS.id()).split(",", -1);
        List<String> widths = new ArrayList<>();
        for (int i = 1; i < parts.length - 1; i++) widths.add(parts[i].trim());
        List<HiddenLayer> hidden = new ArrayList<>();
        for (int i = 0; i < widths.size(); i++) {
            List<String> rest = new ArrayList<>(widths);
            rest.remove(i);
            hidden.add(new HiddenLayer(
                    i + 1, widths.get(i), url(with(values, Param.LAYERS.id(), layers(inputs, rest, outputs)), speed)));
        }
        String add = null;
        if (widths.size() < MAX_HIDDEN && teacher.free("layers")) {
            List<String> more = new ArrayList<>(widths);
            more.add(widths.isEmpty() ? "3" : widths.get(widths.size() - 1));
            add = url(with(values, Param.LAYERS.id(), layers(inputs, more, outputs)), speed);
        }
        List<FeatureChip> chips = new ArrayList<>();
        if (features != null) {
            for (Features.Feature f : Features.Feature.values()) {
                List<Features.Feature> next = new ArrayList<>(features.list());
                if (!next.remove(f)) next.add(f);
                if (next.isEmpty() || !teacher.free("features") || !teacher.free("layers")) {
                    chips.add(new FeatureChip(f.id(), f.label(), features.contains(f), null));
                    continue;
                }
                Features nf = new Features(next.stream().sorted().toList());
                Map<String, String> v = with(values, Param.FEATURES.id(), nf.text());
                v.put(Param.LAYERS.id(), layers(nf.count(), widths, outputs));
                chips.add(new FeatureChip(f.id(), f.label(), features.contains(f), url(v, speed)));
            }
        }
        return new PageView(
                values,
                errors,
                speed,
                snapshot,
                url(values, speed),
                inputs,
                outputs,
                hidden,
                add,
                teacher.free(Param.SEED.id())
                        ? url(with(values, Param.SEED.id(), nextSeed(values.get(Param.SEED.id()))), speed)
                        : null,
                kind.id() + ": " + kind.description(),
                chips,
                uploads,
                uploadError,
                needs,
                busy,
                asWritten && snapshot != null
                        ? NotebookView.of(snapshot.config().lr())
                        : null,
                snapshot == null ? null : TimelineView.of(snapshot),
                rejectedWeights,
                teacher,
                lesson);
    }

    private static Config defaultsFor(String dataset, Function<String, Source> uploaded) {
        try {
            return Config.parse(dataset == null ? Map.of() : Map.of(Param.DATASET.id(), dataset), uploaded);
        } catch (IllegalArgumentException e) {
            return Config.defaults();
        }
    }

    /** The dataset by name; null for someone's own data not uploaded here; exp-sin for anything else. */
    private static Source sourceOr(String name, Function<String, Source> uploaded) {
        if (name != null && playground.data.Csv.isName(name.trim())) return uploaded.apply(name.trim());
        try {
            return DatasetKind.parse(name);
        } catch (IllegalArgumentException e) {
            return DatasetKind.EXP_SIN;
        }
    }

    /** The next seed, for new initial weights (seed + 1); "43" when the seed is not a number. */
    private static String nextSeed(String seed) {
        try {
            long v = Long.parseLong(seed.trim());
            return String.valueOf(v == Long.MAX_VALUE ? Long.MIN_VALUE : v + 1);
        } catch (RuntimeException e) {
            return "43";
        }
    }

    private static String layers(int in, List<String> hidden, int out) {
        if (hidden.isEmpty()) return in + "," + out;
        List<String> all = new ArrayList<>();
        all.add(String.valueOf(in));
        all.addAll(hidden);
        all.add(String.valueOf(out));
        return String.join(",", all);
    }

    private static Map<String, String> with(Map<String, String> values, String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(name, value);
        return m;
    }

    /** The page URL of a configuration: every parameter, in a fixed order, then speed. */
    public static String url(Map<String, String> values, String speed) {
        StringBuilder sb = new StringBuilder("/?");
        for (String name : Config.NAMES) {
            String v = values.get(name);
            if (v == null) continue;
            if (sb.length() > 2) sb.append('&');
            sb.append(name)
                    .append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8).replace("%2C", ","));
        }
        sb.append("&speed=").append(URLEncoder.encode(speed == null ? "auto" : speed, StandardCharsets.UTF_8));
        if (values.containsKey("notebook")) sb.append("&notebook=as-written");
        if (values.containsKey("weights")) {
            sb.append("&weights=").append(URLEncoder.encode(values.get("weights"), StandardCharsets.UTF_8));
        }
        // a teacher's link and a lesson stay with every link the page writes
        for (String name : EXTRA) {
            if (values.containsKey(name)) {
                sb.append('&')
                        .append(name)
                        .append('=')
                        .append(URLEncoder.encode(values.get(name), StandardCharsets.UTF_8)
                                .replace("%2C", ","));
            }
        }
        return sb.toString();
    }

    /**
     * The compare page of this run ({@code /compare?a=QUERY}): its configuration (and given weights) as run A, and B
     * the same until the learner changes it there; null without a run.
     */
    public String compareUrl() {
        if (snapshot == null) return null;
        Map<String, String> a = new LinkedHashMap<>(snapshot.config().toParams());
        if (values.containsKey("weights")) a.put("weights", values.get("weights"));
        return "/compare?a=" + URLEncoder.encode(url(a, speed).substring(2), StandardCharsets.UTF_8);
    }

    public String value(String name) {
        return values.getOrDefault(name, "");
    }

    public String error(String name) {
        return errors.get(name);
    }

    /** Whether any of these parameters is bad (a group of the form opens to show it). */
    public boolean anyError(Param... params) {
        for (Param param : params) if (errors.containsKey(param.id())) return true;
        return false;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<Option> datasets() {
        List<Option> o = new ArrayList<>();
        for (DatasetKind k : DatasetKind.values())
            o.add(new Option(k.id(), k.id(), k.id().equals(value(Param.DATASET.id()))));
        for (Source u : uploads) {
            o.add(new Option(u.id(), u.id() + " (your data)", u.id().equals(value(Param.DATASET.id()))));
        }
        if (needsUpload != null) o.add(new Option(needsUpload, needsUpload + " (not uploaded)", true));
        return o;
    }

    /** The options of a parameter's select, as its table gives them; the dataset's include the visitor's uploads. */
    public List<Option> options(Param param) {
        if (param == Param.DATASET) return datasets();
        String v = value(param.id());
        boolean on = "true".equalsIgnoreCase(v);
        List<Option> o = new ArrayList<>();
        for (Param.Choice c : param.choices()) {
            o.add(new Option(
                    c.value(),
                    c.label(),
                    param.bool() ? on == c.value().equals("true") : c.value().equals(v)));
        }
        return o;
    }

    /**
     * The attributes of a parameter's field: a number field's limits and step, a text field's keyboard (numeric for
     * whole numbers).
     */
    public String attrs(Param param) {
        if (param.control().type().equals("text")) {
            return "inputmode=\"" + (param.whole() ? "numeric" : "decimal") + "\"";
        }
        List<String> a = new ArrayList<>();
        Param.Range r = param.range();
        if (r != null) {
            a.add("min=\"" + Param.fmt(r.min()) + "\"");
            if (r.max() != Double.POSITIVE_INFINITY) a.add("max=\"" + Param.fmt(r.max()) + "\"");
        }
        if (param.control().step() > 0)
            a.add("step=\"" + Param.fmt(param.control().step()) + "\"");
        return String.join(" ", a);
    }

    /** Whether the dataset is a 2-D one (features, pictures). */
    public boolean planar() {
        return !features.isEmpty();
    }

    public List<Option> speeds() {
        List<Option> o = new ArrayList<>();
        for (String id : new String[] {
            "auto", "1e", "2e", "5e", "10e", "20e", "50e", "100e", "max", "1", "2", "5", "10", "20", "50"
        }) {
            o.add(new Option(id, Speed.parse(id).label(), id.equals(speed)));
        }
        if (o.stream().noneMatch(Option::selected))
            o.add(new Option(speed, Speed.parse(speed).label(), true));
        return o;
    }
}
