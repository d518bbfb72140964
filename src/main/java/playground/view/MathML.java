package playground.view;

import java.util.regex.Pattern;

/** Tiny builders for MathML Core markup. Every argument is our own text or a number, never a visitor's input. */
final class MathML {
    private MathML() {}

    static String mi(String name) {
        return "<mi>" + esc(name) + "</mi>";
    }

    /** An upright identifier (a function name such as f or σ'). */
    static String fn(String name) {
        return "<mi mathvariant=\"normal\">" + esc(name) + "</mi>";
    }

    static String mo(String op) {
        return "<mo>" + esc(op) + "</mo>";
    }

    /**
     * An operator that opens a piece of an equation split for wrapping ("= 0.25", "+ w·a"): infix, as it is in the
     * whole equation, so that it keeps its spacing (first in a row, it would otherwise be read as a prefix).
     */
    static String lead(String op) {
        return "<mo form=\"infix\">" + esc(op) + "</mo>";
    }

    static String mn(double v) {
        return mn(v, null);
    }

    /**
     * A number that stands for a table value: {@code ref} is the {@code data-ref} id of that value's table cell (e.g.
     * "W2-0-1"), so that the page can highlight both together; null for none.
     */
    static String mn(double v, String ref) {
        return num(Num.sig(v, Cell.DIGITS), v, ref);
    }

    /** A number, in parentheses when negative (so that a product reads right). */
    static String factor(double v) {
        return factor(v, null);
    }

    static String factor(double v, String ref) {
        return v < 0 ? row(mo("("), mn(v, ref), mo(")")) : mn(v, ref);
    }

    /** Our own table ids only: letters, digits and dashes (see {@link Cell#id()}). */
    private static final Pattern REF = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,31}");

    private static String num(String text, double v, String ref) {
        String attr = "";
        if (ref != null) {
            if (!REF.matcher(ref).matches()) throw new IllegalArgumentException("not a table id: " + ref);
            attr = " data-ref=\"" + esc(ref) + "\" tabindex=\"0\"";
        }
        return "<mn title=\"" + esc(Num.full(v)) + "\"" + attr + ">" + esc(text) + "</mn>";
    }

    static String row(String... parts) {
        return "<mrow>" + String.join("", parts) + "</mrow>";
    }

    /** base_name, a subscript that is a letter (the i of t_i, a sum's index). */
    static String subSym(String base, String name) {
        return "<msub>" + base + mi(name) + "</msub>";
    }

    static String sub(String base, String index) {
        return "<msub>" + base + "<mn>" + esc(index) + "</mn></msub>";
    }

    /** base^(l)_index, the notebook's notation: layer in the superscript, unit(s) in the subscript. */
    static String layered(String base, int layer, String index) {
        String sup = "<mrow><mo>(</mo><mn>" + layer + "</mn><mo>)</mo></mrow>";
        if (index == null || index.isEmpty()) return "<msup>" + mi(base) + sup + "</msup>";
        return "<msubsup>" + mi(base) + "<mn>" + esc(index) + "</mn>" + sup + "</msubsup>";
    }

    static String layeredSym(String base, String layer, String index) {
        String sup = "<mrow><mo>(</mo>" + layer + "<mo>)</mo></mrow>";
        if (index == null || index.isEmpty()) return "<msup>" + mi(base) + sup + "</msup>";
        return "<msubsup>" + mi(base) + "<mi>" + esc(index) + "</mi>" + sup + "</msubsup>";
    }

    static String sup(String base, String s) {
        return "<msup>" + base + s + "</msup>";
    }

    static String frac(String num, String den) {
        return "<mfrac>" + num + den + "</mfrac>";
    }

    static String math(String... parts) {
        return "<math display=\"block\">" + row(parts) + "</math>";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
