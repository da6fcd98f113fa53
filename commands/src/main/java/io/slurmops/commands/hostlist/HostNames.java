package io.slurmops.commands.hostlist;

/**
 * What the bot accepts as one host name. Slurm itself accepts almost anything, but these names end up
 * in ssh argv and chat messages, so only letters, digits, '.', '_' and '-' are allowed, and a name
 * must not start with '-' (ssh would read it as an option).
 */
public final class HostNames {

    /** The longest textual DNS name (RFC 1035); also bounds the memory of a 65 536-host expansion. */
    public static final int MAX_LENGTH = 253;

    private HostNames() {
    }

    /**
     * Returns {@code name} if the bot accepts it as a host name.
     *
     * @throws HostlistException naming {@code name} and the problem
     */
    public static String requireValid(String name) {
        if (name == null || name.isEmpty()) {
            throw HostlistException.badInput("Empty host name");
        }
        String problem = charProblem(name);
        if (problem == null) {
            problem = shapeProblem(name.charAt(0), name.length());
        }
        if (problem != null) {
            throw HostlistException.badHostName(name, problem);
        }
        return name;
    }

    static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '.' || c == '_' || c == '-';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Why {@code text} cannot be part of a host name, or null if it can. */
    static String charProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isNameChar(c)) {
                String shown = c >= 0x20 && c < 0x7f ? "'" + c + "'" : HostlistException.printable(c);
                return "character " + shown + " is not allowed in a host name (allowed: letters, digits, '.', '_', '-')";
            }
        }
        return null;
    }

    /** Why names starting with {@code first} and up to {@code longest} characters long are refused, or null. */
    static String shapeProblem(char first, long longest) {
        if (first == '-') {
            return "a host name must not start with '-'";
        }
        if (longest > MAX_LENGTH) {
            return "host names longer than " + MAX_LENGTH + " characters are not accepted";
        }
        return null;
    }
}
