package playground.view;

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

    static String mn(double v) {
        String s = Num.fixed(v, Cell.DECIMALS);
        return "<mn title=\"" + esc(Num.full(v)) + "\">" + esc(s) + "</mn>";
    }

    /** A number with its significant digits (for a loss that shrinks by orders of magnitude). */
    static String compact(double v) {
        return "<mn title=\"" + esc(Num.full(v)) + "\">" + esc(Num.compact(v)) + "</mn>";
    }

    /** A number, in parentheses when negative (so that a product reads right). */
    static String factor(double v) {
        return v < 0 ? row(mo("("), mn(v), mo(")")) : mn(v);
    }

    static String row(String... parts) {
        return "<mrow>" + String.join("", parts) + "</mrow>";
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
