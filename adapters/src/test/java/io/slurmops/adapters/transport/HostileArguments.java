package io.slurmops.adapters.transport;

import java.util.ArrayList;
import java.util.List;

/** Arguments that break naive quoting, for round-trip tests through a real shell. */
final class HostileArguments {

    private HostileArguments() {
    }

    /** @param marker a file that exists only if one of the injection attempts ran */
    static List<String> all(String marker) {
        List<String> args = new ArrayList<>(List.of(
                "it's", "'", "''", "'\\''", "\"double\"", "\"", "mixed 'single' and \"double\"",
                "$(id)", "`id`", "${HOME}", "$HOME", "$0", "$@", "$((1+2))",
                ";", "a;b", "a && b", "a || b", "a | b", "&", "a & b", ">out", "<in", "2>&1",
                "line1\nline2", "\n", "trailing newline\n", "tab\there", "\r\n", "a\u0001b", "\u007f",
                "*", "?", "[a-z]", "*.java", "{a,b}", "~", "~root", "~/x",
                "back\\slash", "\\", "trailing\\", "\\n", "\\0", "%s", "%%", "%d",
                "ü", "Grüße", "🚀", "日本語", "مرحبا بالعالم", "שלום", "\u202Eevil\u202C", "e\u0301",
                "-n", "-e", "--help", "-", "--", "-rf /",
                "", " ", "  spaces  ", "", "!", "!!", "#comment", "a#b",
                "; touch " + marker, "$(touch " + marker + ")", "`touch " + marker + "`",
                "' ; touch " + marker + " ; '", "\" ; touch " + marker + " ; \"",
                "\n touch " + marker + "\n"));
        args.add(tenKilobytes());
        return args;
    }

    /** What {@code printf '%s\0' ARGS...} prints. */
    static String nulTerminated(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String arg : args) {
            sb.append(arg).append('\0');
        }
        return sb.toString();
    }

    private static String tenKilobytes() {
        String chunk = "x'\"$(id)`;|&*?~\\\n\tü🚀 ";
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 10 * 1024) {
            sb.append(chunk);
        }
        return sb.toString();
    }
}
