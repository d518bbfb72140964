package playground.view;

/** The notebook's notation in plain text: the layer as a superscript in parentheses, indices as subscripts. */
final class Notation {
    private static final String SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    private static final String SUB = "₀₁₂₃₄₅₆₇₈₉";

    private Notation() {}

    /** ⁽ˡ⁾: "⁽²⁾". */
    static String sup(int l) {
        return "⁽" + digits(l, SUP) + "⁾";
    }

    /** An index as subscript digits: "₃". */
    static String sub(int i) {
        return digits(i, SUB);
    }

    /** Two indices, ᵢⱼ: "₃₄", with a subscript comma between them when either has two digits ("₁₂,₃"). */
    static String sub(int i, int j) {
        return i < 10 && j < 10 ? sub(i) + sub(j) : sub(i) + "," + sub(j);
    }

    private static String digits(int n, String set) {
        StringBuilder sb = new StringBuilder();
        for (char c : String.valueOf(n).toCharArray()) sb.append(set.charAt(c - '0'));
        return sb.toString();
    }
}
