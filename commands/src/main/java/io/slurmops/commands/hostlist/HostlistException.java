package io.slurmops.commands.hostlist;

/**
 * A hostlist expression or host name was rejected. The message names the offending token and says
 * what is wrong ({@code Invalid hostlist token "n[3-1]": range "3-1" has lo > hi}), so that it can be
 * shown as-is to a chat user or printed on stderr.
 */
public class HostlistException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Longest token quoted in a message; chat users can paste kilobytes. */
    private static final int MAX_QUOTED = 80;

    private final String token;

    private HostlistException(String message, String token) {
        super(message);
        this.token = token;
    }

    /** A token of a hostlist expression is wrong. */
    static HostlistException badToken(String token, String problem) {
        return new HostlistException("Invalid hostlist token " + quote(token) + ": " + problem, token);
    }

    /** A single host name (not an expression) is wrong. */
    static HostlistException badHostName(String name, String problem) {
        return new HostlistException("Invalid host name " + quote(name) + ": " + problem, name);
    }

    /** The input as a whole is wrong (empty, or too many hosts overall). */
    static HostlistException badInput(String message) {
        return new HostlistException(message, "");
    }

    /** The token or host name that was rejected, unquoted; empty when the input as a whole was rejected. */
    public String token() {
        return token;
    }

    /** Quotes for display: control characters escaped and long text shortened, so a message stays one line. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(text.length(), MAX_QUOTED);
        for (int i = 0; i < limit; i++) {
            out.append(printable(text.charAt(i)));
        }
        if (text.length() > limit) {
            out.append("...");
        }
        return out.append('"').toString();
    }

    /** One character as a reader can see it: x stays x, a tab becomes U+0009. */
    static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("U+%04X", (int) c);
    }
}
