package playground.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import playground.data.Csv;
import playground.data.DatasetKind;
import playground.data.Source;
import playground.nn.Network;

/** How a kind of {@link Param} value reads from text and writes to text (URLs, forms) and to JSON. */
final class Codec<T> {
    /** Reads a value; {@code uploads} finds a learner's own datasets by name. */
    interface Reader<T> {
        T read(String text, Function<String, Source> uploads);
    }

    static final Codec<Source> DATASET = new Codec<>(Source.class, Codec::source, Source::id, Source::id, List.of());
    static final Codec<int[]> LAYERS = new Codec<>(
            int[].class,
            (s, u) -> parseLayers(s),
            Codec::layersText,
            l -> {
                List<Integer> ls = new ArrayList<>();
                for (int w : l) ls.add(w);
                return ls;
            },
            List.of());
    static final Codec<Boolean> BOOLEAN = new Codec<>(
            Boolean.class,
            (s, u) -> parseBoolean(s),
            String::valueOf,
            b -> b,
            List.of(new Param.Choice("true", "on"), new Param.Choice("false", "off")));
    static final Codec<Double> DOUBLE =
            new Codec<>(Double.class, (s, u) -> parseDouble(s), Param::fmt, d -> d, List.of());
    static final Codec<Integer> INT =
            new Codec<>(Integer.class, (s, u) -> parseInt(s), String::valueOf, i -> i, List.of());
    static final Codec<Long> LONG = new Codec<>(Long.class, (s, u) -> parseLong(s), String::valueOf, l -> l, List.of());

    final Class<T> type;
    final Reader<T> reader;
    final Function<T, String> text;
    final Function<T, Object> json;
    final List<Param.Choice> choices;

    Codec(
            Class<T> type,
            Reader<T> reader,
            Function<T, String> text,
            Function<T, Object> json,
            List<Param.Choice> choices) {
        this.type = type;
        this.reader = reader;
        this.text = text;
        this.json = json;
        this.choices = choices;
    }

    static <T> Codec<T> of(Class<T> type, Function<String, T> parse, Function<T, String> text) {
        return new Codec<>(type, (s, u) -> parse.apply(s), text, text::apply, List.of());
    }

    /** One of a list: written as its id, offered as {@code label}. */
    static <T> Codec<T> choice(
            Class<T> type,
            Function<String, T> parse,
            Function<T, String> id,
            List<T> offered,
            Function<T, String> label) {
        List<Param.Choice> choices = offered.stream()
                .map(v -> new Param.Choice(id.apply(v), label.apply(v)))
                .toList();
        return new Codec<>(type, (s, u) -> parse.apply(s), id, id::apply, choices);
    }

    String text(Object value) {
        return text.apply(type.cast(value));
    }

    Object json(Object value) {
        return json.apply(type.cast(value));
    }

    static String layersText(int[] layers) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < layers.length; i++) sb.append(i == 0 ? "" : ",").append(layers[i]);
        return sb.toString();
    }

    /** A built-in dataset by name, or a learner's own one from {@code uploads}. */
    private static Source source(String name, Function<String, Source> uploads) {
        String n = name.trim();
        if (Csv.isName(n)) {
            Source s = uploads.apply(n);
            if (s == null) {
                throw new ConfigException(
                        "dataset",
                        n + " is someone's own data (a CSV file), and it is not uploaded in this session: upload the"
                                + " same file, with the same input and target columns, to open this link");
            }
            return s;
        }
        return DatasetKind.parse(n);
    }

    static int[] parseLayers(String s) {
        String[] parts = s.split(",", -1);
        int max = Network.MAX_WEIGHT_LAYERS + 1;
        if (parts.length < 2 || parts.length > max) {
            throw new IllegalArgumentException(
                    "needs 2 to " + max + " sizes separated by commas, input and output included, e.g. 2,3,2");
        }
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            int v;
            try {
                v = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "needs whole numbers separated by commas, e.g. 2,3,2; \"" + Param.clip(p) + "\" is not one");
            }
            if (v < Network.MIN_WIDTH || v > Network.MAX_WIDTH) {
                throw new IllegalArgumentException(
                        "each layer must be " + Network.MIN_WIDTH + " to " + Network.MAX_WIDTH + " wide; got " + v);
            }
            sizes[i] = v;
        }
        return sizes;
    }

    static boolean parseBoolean(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "on", "1", "yes":
                return true;
            case "false", "off", "0", "no":
                return false;
            default:
                throw new IllegalArgumentException("must be true or false");
        }
    }

    static double parseDouble(String s) {
        double v;
        try {
            v = Typed.number(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number");
        }
        if (!Double.isFinite(v)) throw new IllegalArgumentException("must be a finite number");
        return v;
    }

    static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number");
        }
    }

    static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "must be a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
        }
    }
}
