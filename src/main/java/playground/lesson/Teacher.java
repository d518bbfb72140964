package playground.lesson;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import playground.training.Config;
import playground.training.ConfigException;

/**
 * A teacher's link: parameters the page shows but does not let change ({@code lock=lr,layers}) and controls or panels
 * it leaves out ({@code hide=optimizer,gradcheck}). Both are kept by every link and form the page writes. They are the
 * page's: the API validates every value as usual.
 *
 * @param lock parameter names (from {@link Config#NAMES}) shown read-only
 * @param hide parameter names, panel names ({@link PageView#PANELS}) or {@link #PARTS}, absent from the page
 */
public record Teacher(Set<String> lock, Set<String> hide) {

    public static final Teacher NONE = new Teacher(Set.of(), Set.of());

    /**
     * The page's panels of numbers (its {@code <details data-panel>}), which a link may hide like any part of the page;
     * the page and its stream take them from here.
     */
    public static final List<String> PANELS = List.of("sample", "equations", "weights", "flow", "gradcheck");

    /** The other parts of the page a link may hide: the CSV upload and the weights import. */
    public static final List<String> PARTS = List.of("upload", "import");

    /** What a locked field says under it. */
    public static final String LOCKED = "fixed by this link";

    /** Every name {@code hide} accepts. */
    public static List<String> hideable() {
        List<String> all = new ArrayList<>(Config.NAMES);
        all.addAll(PANELS);
        all.addAll(PARTS);
        return all;
    }

    /** Parses the two lists (null or blank: none); an unknown name is a {@link ConfigException} naming the list. */
    public static Teacher parse(String lock, String hide) {
        return new Teacher(names("lock", lock, Config.NAMES), names("hide", hide, hideable()));
    }

    private static Set<String> names(String field, String text, List<String> allowed) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null || text.isBlank()) return out;
        for (String part : text.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) continue;
            if (!allowed.contains(name)) {
                throw new ConfigException(
                        field,
                        "\"" + (name.length() > 40 ? name.substring(0, 40) + "…" : name)
                                + "\" is not a name it knows; the names are " + String.join(", ", allowed));
            }
            out.add(name);
        }
        return Set.copyOf(out);
    }

    public boolean locked(String name) {
        return lock.contains(name);
    }

    public boolean hidden(String name) {
        return hide.contains(name);
    }

    /** Whether the visitor may change this parameter on the page (neither locked nor hidden). */
    public boolean free(String name) {
        return !lock.contains(name) && !hide.contains(name);
    }

    /** Whether any of these is shown (a group of fields with none shown is left out). */
    public boolean anyShown(String... names) {
        for (String n : names) if (!hide.contains(n)) return true;
        return false;
    }

    public boolean none() {
        return lock.isEmpty() && hide.isEmpty();
    }

    /** The lists as the link writes them, in a fixed order. */
    public String lockText() {
        return ordered(lock, Config.NAMES);
    }

    public String hideText() {
        return ordered(hide, hideable());
    }

    private static String ordered(Set<String> names, List<String> order) {
        List<String> out = new ArrayList<>();
        for (String n : order) if (names.contains(n)) out.add(n);
        return String.join(",", out);
    }

    /** {@code &lock=...&hide=...} for a link (empty when there is neither). */
    public String query() {
        StringBuilder sb = new StringBuilder();
        if (!lock.isEmpty()) sb.append("&lock=").append(encode(lockText()));
        if (!hide.isEmpty()) sb.append("&hide=").append(encode(hideText()));
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2C", ",");
    }
}
