package playground.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import playground.training.RunState;
import playground.training.Snapshot;

/**
 * A lesson's check: clauses joined by {@code and}, each {@code FIELD OP VALUE}, over the numbers the run reports (its
 * snapshot: what the status line and the API show). OP is one of {@code == != < <= > >=}; a number may end in {@code %}
 * (95% is 0.95). Word fields (state, dataset, activation, ...) take {@code ==} and {@code !=} only. Example: {@code
 * dataset == xor and testAccuracy >= 95% and hiddenUnits <= 4}.
 */
public record Check(String text, List<Clause> clauses) {

    /** A field of the run: a number or a word, read from a snapshot. */
    public record Field(String name, boolean numeric, String meaning, Function<Snapshot, Object> read) {}

    /** Every field a check may name, in the order the README lists them. */
    public static final Map<String, Field> FIELDS = fields(
            number("epoch", "epochs done (the header's epoch)", s -> s.epoch()),
            number("epochs", "the epochs the run is set to", s -> s.config().epochs()),
            number("samples", "samples trained in all", s -> s.samplesDone()),
            word(
                    "state",
                    "idle, running, paused, done or diverged",
                    s -> s.state().id()),
            word(
                    "diverged",
                    "true once the run diverged, else false",
                    s -> String.valueOf(s.state() == RunState.DIVERGED)),
            number(
                    "trainLoss",
                    "the last epoch's training loss (the initial one before any epoch)",
                    s -> last(s.trainLoss(), s.initialTrainLoss())),
            number(
                    "testLoss",
                    "the last epoch's test loss (the initial one before any epoch)",
                    s -> last(s.testLoss(), s.initialTestLoss())),
            number(
                    "testAccuracy",
                    "the last test accuracy, 0 to 1 (classification only; NaN otherwise)",
                    s -> s.config().classification() ? last(s.testAccuracy(), s.initialTestAccuracy()) : Double.NaN),
            number(
                    "gradientRatio",
                    "how much of the gradient reaches the first layer: the last epoch's mean ‖∂E/∂W⁽¹⁾‖ over that of"
                            + " the output layer's weights (the gradient flow panel; NaN before the first epoch)",
                    Check::gradientRatio),
            number(
                    "hiddenLayers",
                    "the number of hidden layers",
                    s -> s.config().layers().length - 2),
            number("hiddenUnits", "the neurons of all hidden layers together", s -> {
                int[] l = s.config().layers();
                int n = 0;
                for (int i = 1; i < l.length - 1; i++) n += l[i];
                return n;
            }),
            number(
                    "inputs",
                    "the input layer's size (the features on)",
                    s -> s.config().layers()[0]),
            number("lr", "the learning rate", s -> s.config().lr()),
            number("batch", "the batch size", s -> s.config().batch()),
            number("regRate", "λ", s -> s.config().regRate()),
            word("dataset", "the dataset's name", s -> s.config().dataset().id()),
            word("activation", "the hidden layers' activation", s -> param(s, "activation")),
            word("output", "the output layer's activation", s -> param(s, "output")),
            word("loss", "mse or cross-entropy", s -> param(s, "loss")),
            word("optimizer", "sgd, momentum or adam", s -> param(s, "optimizer")),
            word("init", "xavier or uniform", s -> param(s, "init")),
            word("regularization", "none, l1 or l2", s -> param(s, "regularization")));

    /** One comparison, and how the run stands against it. */
    public record Clause(Field field, String op, String value, double number) {
        boolean test(Snapshot s) {
            Object v = field.read().apply(s);
            if (!field.numeric()) {
                boolean same = value.equals(String.valueOf(v));
                return op.equals("==") == same;
            }
            double x = ((Number) v).doubleValue();
            if (Double.isNaN(x)) return false;
            return switch (op) {
                case "==" -> x == number;
                case "!=" -> x != number;
                case "<" -> x < number;
                case "<=" -> x <= number;
                case ">" -> x > number;
                default -> x >= number;
            };
        }

        /** "test accuracy ≥ 95%: now 87.3%". */
        public String words(Snapshot s) {
            return field.name() + " " + op + " " + value + " (now "
                    + show(field.read().apply(s), value) + ")";
        }
    }

    /** A clause as it stands now. */
    public record Standing(String words, boolean met) {}

    /** Whether the run meets every clause, with each clause as it stands. */
    public record Result(boolean met, List<Standing> clauses) {}

    private static final List<String> OPS = List.of("<=", ">=", "==", "!=", "<", ">");

    /** Parses a check; a {@link IllegalArgumentException} says what is wrong in words. */
    public static Check parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("check: is empty");
        List<Clause> clauses = new ArrayList<>();
        for (String part : text.trim().split("\\s+and\\s+")) {
            String c = part.trim();
            String op = null;
            int at = -1;
            for (String o : OPS) {
                int i = c.indexOf(o);
                if (i > 0 && (at < 0 || i < at || (i == at && o.length() > op.length()))) {
                    at = i;
                    op = o;
                }
            }
            if (op == null) {
                throw new IllegalArgumentException(
                        "check: \"" + c + "\" is not FIELD OP VALUE (OP one of " + String.join(" ", OPS) + ")");
            }
            String name = c.substring(0, at).trim();
            String value = c.substring(at + op.length()).trim();
            Field f = FIELDS.get(name);
            if (f == null) {
                throw new IllegalArgumentException(
                        "check: unknown field \"" + name + "\"; the fields are " + String.join(", ", FIELDS.keySet()));
            }
            if (value.isEmpty() || value.contains(" ")) {
                throw new IllegalArgumentException("check: \"" + c + "\" needs one value after " + op);
            }
            double number = Double.NaN;
            if (f.numeric()) {
                try {
                    number = value.endsWith("%")
                            ? Double.parseDouble(value.substring(0, value.length() - 1)) / 100
                            : Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("check: " + name + " is a number, and \"" + value + "\" is not");
                }
            } else {
                if (!op.equals("==") && !op.equals("!=")) {
                    throw new IllegalArgumentException("check: " + name + " is a word: compare it with == or !=");
                }
                if (name.equals("state")
                        && java.util.Arrays.stream(RunState.values()).noneMatch(r -> r.id().equals(value))) {
                    throw new IllegalArgumentException(
                            "check: state is idle, running, paused, done or diverged, not \"" + value + "\"");
                }
                if (name.equals("diverged") && !value.equals("true") && !value.equals("false")) {
                    throw new IllegalArgumentException("check: diverged is true or false, not \"" + value + "\"");
                }
            }
            clauses.add(new Clause(f, op, value, number));
        }
        return new Check(text.trim(), List.copyOf(clauses));
    }

    public Result test(Snapshot s) {
        List<Standing> out = new ArrayList<>();
        boolean all = true;
        for (Clause c : clauses) {
            boolean met = c.test(s);
            all &= met;
            out.add(new Standing(c.words(s), met));
        }
        return new Result(all, out);
    }

    /** A per-epoch figure's last value, or its value before the first epoch. */
    private static double last(List<Double> perEpoch, double initial) {
        return perEpoch.isEmpty() ? initial : perEpoch.get(perEpoch.size() - 1);
    }

    private static String param(Snapshot s, String name) {
        return s.config().toParams().getOrDefault(name, "");
    }

    private static String show(Object v, String like) {
        if (!(v instanceof Number n)) return String.valueOf(v);
        double x = n.doubleValue();
        if (Double.isNaN(x)) return "–";
        if (like.endsWith("%")) return String.format(Locale.ROOT, "%.1f%%", 100 * x);
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return String.valueOf((long) x);
        return String.format(Locale.ROOT, "%.4g", x);
    }

    private static Field number(String name, String meaning, Function<Snapshot, Object> read) {
        return new Field(name, true, meaning, read);
    }

    private static Field word(String name, String meaning, Function<Snapshot, Object> read) {
        return new Field(name, false, meaning, read);
    }

    private static Map<String, Field> fields(Field... all) {
        Map<String, Field> m = new java.util.LinkedHashMap<>();
        for (Field f : all) m.put(f.name(), f);
        return java.util.Collections.unmodifiableMap(m);
    }

    private static double gradientRatio(Snapshot s) {
        if (s.gradientNorms() == null || s.gradientNorms().isEmpty()) return Double.NaN;
        double[] norms = s.gradientNorms().get(s.gradientNorms().size() - 1);
        return norms[0] / norms[norms.length - 1];
    }
}
