package io.slurmops.commands.reply;

/**
 * Makes an error line safe to show: error messages quote what the user typed, and chat lines carry
 * control characters (a terminal escape on the console), bidi overrides, line separators and lone
 * surrogates, or run to 100 kB. Those are shown as {@code U+XXXX} and the line is clipped, so a
 * rejection stays one readable line that cannot rewrite the screen or the thread it is posted in.
 */
public final class OneLine {

    /** Longest error line kept: enough for the problem and the quoted word, short enough to read. */
    public static final int MAX = 300;

    private OneLine() {
    }

    /** A quoted word longer than this is shortened, so the words around it (the problem) stay in the line. */
    static final int LONGEST_WORD = 64;

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        return clip(shortWords(text));
    }

    private static String shortWords(String text) {
        StringBuilder out = new StringBuilder();
        for (String w : text.split(" ", -1)) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            if (w.length() <= LONGEST_WORD) {
                out.append(w);
                continue;
            }
            int keep = Character.isHighSurrogate(w.charAt(47)) ? 47 : 48;
            char last = w.charAt(w.length() - 1);
            out.append(w, 0, keep).append("…(").append(w.length()).append(" chars)");
            if (last == '`' || last == '"' || last == '\'') {
                out.append(last);
            }
        }
        return out.toString();
    }

    private static String clip(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX + 16));
        for (int i = 0; i < text.length() && b.length() <= MAX; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (hidden(c)) {
                b.append(String.format("U+%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        }
        if (b.length() > MAX) {
            int cut = Character.isLowSurrogate(b.charAt(MAX - 1)) ? MAX - 2 : MAX - 1;
            b.setLength(cut);
            b.append('…');
        }
        return b.toString();
    }

    /** Characters that do not show as themselves: controls, format (bidi, zero-width), separators, broken pairs. */
    public static boolean hidden(int c) {
        int t = Character.getType(c);
        return Character.isISOControl(c) || t == Character.FORMAT || t == Character.SURROGATE
                || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR || t == Character.UNASSIGNED
                || t == Character.PRIVATE_USE;
    }
}
