package playground.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import playground.data.DatasetKind;
import playground.nn.Activation;
import playground.nn.Init;
import playground.training.Config;
import playground.training.Snapshot;

/**
 * Everything the page needs: the form as the visitor gave it (with an error under each bad field), and, when the
 * configuration is valid, the run's snapshot.
 *
 * @param values every form field by name, as text (given or default)
 * @param errors a message per bad field
 * @param snapshot the run's latest snapshot, or null when the configuration is invalid
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
        String busy,
        NotebookView notebook,
        TimelineView timeline) {

    public record Option(String value, String label, boolean selected) {}

    /** A hidden layer chip: its index (1-based), width, and the link that removes it. */
    public record HiddenLayer(int index, String width, String removeUrl) {}

    public static final int MAX_HIDDEN = 8;

    public static PageView of(
            Map<String, String> given,
            Map<String, String> errors,
            String speed,
            Snapshot snapshot,
            long newSeed,
            String busy,
            boolean asWritten,
            String weights) {
        Map<String, String> values = new LinkedHashMap<>();
        Config defaults = defaultsFor(given.get("dataset"));
        Map<String, String> d = defaults.toParams();
        for (String name : Config.NAMES) values.put(name, given.getOrDefault(name, d.get(name)));
        if (snapshot != null) values.putAll(snapshot.config().toParams());
        if (asWritten) values.put("notebook", "as-written");
        if (weights != null) values.put("weights", weights);
        DatasetKind kind = kindOr(values.get("dataset"));
        int inputs = kind.inputs();
        int outputs = kind.outputs();
        String[] parts = values.get("layers").split(",", -1);
        List<String> widths = new ArrayList<>();
        for (int i = 1; i < parts.length - 1; i++) widths.add(parts[i].trim());
        List<HiddenLayer> hidden = new ArrayList<>();
        for (int i = 0; i < widths.size(); i++) {
            List<String> rest = new ArrayList<>(widths);
            rest.remove(i);
            hidden.add(new HiddenLayer(
                    i + 1, widths.get(i), url(with(values, "layers", layers(inputs, rest, outputs)), speed)));
        }
        String add = null;
        if (widths.size() < MAX_HIDDEN) {
            List<String> more = new ArrayList<>(widths);
            more.add(widths.isEmpty() ? "3" : widths.get(widths.size() - 1));
            add = url(with(values, "layers", layers(inputs, more, outputs)), speed);
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
                url(with(values, "seed", String.valueOf(newSeed)), speed),
                kind.id() + ": " + kind.description(),
                busy,
                asWritten && snapshot != null
                        ? NotebookView.of(snapshot.config().lr())
                        : null,
                snapshot == null ? null : TimelineView.of(snapshot));
    }

    private static Config defaultsFor(String dataset) {
        try {
            return Config.parse(dataset == null ? Map.of() : Map.of("dataset", dataset));
        } catch (IllegalArgumentException e) {
            return Config.defaults();
        }
    }

    private static DatasetKind kindOr(String name) {
        try {
            return DatasetKind.parse(name);
        } catch (IllegalArgumentException e) {
            return DatasetKind.EXP_SIN;
        }
    }

    private static String layers(int in, List<String> hidden, int out) {
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
        sb.append("&speed=").append(URLEncoder.encode(speed == null ? "max" : speed, StandardCharsets.UTF_8));
        if (values.containsKey("notebook")) sb.append("&notebook=as-written");
        if (values.containsKey("weights")) {
            sb.append("&weights=").append(URLEncoder.encode(values.get("weights"), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    public String value(String name) {
        return values.getOrDefault(name, "");
    }

    public String error(String name) {
        return errors.get(name);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public List<Option> datasets() {
        List<Option> o = new ArrayList<>();
        for (DatasetKind k : DatasetKind.values()) o.add(new Option(k.id(), k.id(), k.id().equals(value("dataset"))));
        return o;
    }

    public List<Option> activations(String field) {
        List<Option> o = new ArrayList<>();
        for (Activation a : Activation.values()) o.add(new Option(a.id(), a.id(), a.id().equals(value(field))));
        return o;
    }

    public List<Option> inits() {
        List<Option> o = new ArrayList<>();
        o.add(new Option(Init.XAVIER.id(), "xavier (uniform ±√(6/(n_in+n_out)))", "xavier".equals(value("init"))));
        o.add(new Option(Init.UNIFORM.id(), "uniform U[0,1) (the notebook)", "uniform".equals(value("init"))));
        return o;
    }

    public List<Option> onOff(String field) {
        boolean on = "true".equalsIgnoreCase(value(field));
        return List.of(new Option("true", "on", on), new Option("false", "off", !on));
    }

    public List<Option> speeds() {
        List<Option> o = new ArrayList<>();
        o.add(new Option("max", "full speed", "max".equals(speed)));
        for (String s : new String[] {"1", "2", "5", "10", "20", "50"}) {
            o.add(new Option(s, s + " sample" + (s.equals("1") ? "" : "s") + "/s", s.equals(speed)));
        }
        if (o.stream().noneMatch(Option::selected)) o.add(new Option(speed, speed + " samples/s", true));
        return o;
    }
}
