package io.slurmops.commands.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a chat line into words the way a person expects: spaces separate, "double" or 'single'
 * quotes group (chat clients turn quotes into “smart” ones, so those count too). No expansion of
 * any kind happens: the words are data, never shell.
 */
public final class ChatLineTokenizer {

    private ChatLineTokenizer() {
    }

    public static List<String> tokenize(String line) throws UsageException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = normaliseQuote(line.charAt(i));
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(line.charAt(i));
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new UsageException("unclosed " + (quote == '"' ? "double" : "single") + " quote in: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static char normaliseQuote(char c) {
        return switch (c) {
            case '“', '”', '„' -> '"';
            case '‘', '’' -> '\'';
            default -> c;
        };
    }
}
