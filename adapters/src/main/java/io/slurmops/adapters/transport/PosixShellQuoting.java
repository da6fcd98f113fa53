package io.slurmops.adapters.transport;

import java.util.List;

/**
 * Builds the one command string an SSH server hands to the remote user's shell ({@code sh -c}), so
 * that the remote program receives exactly the given argv.
 *
 * <p>Every element is single-quoted: inside single quotes a POSIX shell treats every byte literally
 * except {@code '} itself, which is closed, escaped and reopened ({@code '\''}). Nothing is ever
 * left unquoted, so globs, {@code $}, backticks, {@code ;}, newlines and leading dashes reach the
 * program unchanged.
 */
public final class PosixShellQuoting {

    private PosixShellQuoting() {
    }

    /**
     * @throws IllegalArgumentException for an empty argv, a NUL character (a C argv string cannot hold
     *                                  one) or an unpaired surrogate (it has no UTF-8 encoding)
     */
    public static String quote(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        StringBuilder sb = new StringBuilder();
        for (String arg : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            appendQuoted(sb, arg);
        }
        return sb.toString();
    }

    /** One argument, quoted: {@code it's} → {@code 'it'\''s'}, the empty string → {@code ''}. */
    public static String quote(String arg) {
        StringBuilder sb = new StringBuilder();
        appendQuoted(sb, arg);
        return sb.toString();
    }

    private static void appendQuoted(StringBuilder sb, String arg) {
        checkPassable(arg);
        sb.append('\'');
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '\'') {
                sb.append("'\\''");
            } else {
                sb.append(c);
            }
        }
        sb.append('\'');
    }

    private static void checkPassable(String arg) {
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '\0') {
                throw new IllegalArgumentException("argument contains a NUL character at index " + i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < arg.length() && Character.isLowSurrogate(arg.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("argument contains an unpaired surrogate at index " + i);
            }
        }
    }
}
