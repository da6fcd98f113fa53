package io.slurmops.adapters.chat;

import java.text.Normalizer;
import java.util.Locale;

/** Cutting text to a platform's size limit, where people expect it: at a line end, saying how much was left out. */
public final class TextCut {

    private TextCut() {
    }

    /**
     * The head of {@code text} in at most {@code max} characters, cut after the last whole line that
     * fits (mid-line only when a single line is longer than the limit). Never splits a surrogate pair.
     */
    public static String head(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = text.lastIndexOf('\n', max - 1);
        if (end <= 0) {
            end = max;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
        }
        return text.substring(0, end);
    }

    /** Lines in {@code text} after the first {@code keptChars} characters, for "… 120 more lines". */
    public static long linesAfter(String text, int keptChars) {
        String rest = text.substring(Math.min(keptChars, text.length())).strip();
        return rest.isEmpty() ? 0 : rest.lines().count();
    }

    /** A file name for attached output: "slurmops-node-status.txt". */
    public static String fileName(String title) {
        String ascii = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")                      // "ü" → "u", not "u-"
                .replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
        ascii = ascii.replaceAll("^-+|-+$", "");
        if (ascii.length() > 40) {
            ascii = ascii.substring(0, 40).replaceAll("-+$", "");
        }
        return "slurmops" + (ascii.isEmpty() ? "" : "-" + ascii) + ".txt";
    }
}
