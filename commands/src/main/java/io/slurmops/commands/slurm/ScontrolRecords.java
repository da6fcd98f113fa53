package io.slurmops.commands.slurm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits {@code scontrol show node|job} output (and the first line of {@code slurmd -C}) into
 * records of key → value.
 *
 * <p>The traps of this format (src/api/node_info.c, src/api/job_info.c in 22.05):
 * <ul>
 *   <li>values may hold spaces ({@code OS=Linux 6.1 #1 SMP}, {@code JobName=my job},
 *       {@code Reason=ReqNodeNotAvail, UnavailableNodes:node[01-02]}): a value runs until the next
 *       word that looks like {@code Key=};</li>
 *   <li>values may hold {@code =} ({@code TRES=cpu=1,mem=1000M}): a key must start a line or follow a
 *       space;</li>
 *   <li>a node's {@code Reason=} takes the rest of its line, and continues over the following lines
 *       that are indented deeper than the record's own lines (3 spaces);</li>
 *   <li>records end at an empty (or all-blank) line.</li>
 * </ul>
 */
public final class ScontrolRecords {

    private static final Pattern KEY = Pattern.compile("(?:^|(?<=\\s))([A-Za-z][A-Za-z0-9_:/.]*(?:\\[\\d+])?)=");
    /** Indentation scontrol puts before every line of a record except the first. */
    private static final int RECORD_INDENT = 3;

    private ScontrolRecords() {
    }

    /**
     * Parses every record.
     *
     * @param restOfLineKeys keys whose value is free text up to the end of the line (plus deeper-indented
     *                       continuation lines), e.g. {@code Reason} for nodes
     */
    public static List<Map<String, String>> parse(String output, Set<String> restOfLineKeys) {
        List<Map<String, String>> records = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String lastKey = null;
        for (String line : output.split("\n", -1)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    records.add(Collections.unmodifiableMap(current));
                }
                current = new LinkedHashMap<>();
                lastKey = null;
                continue;
            }
            int indent = indentOf(line);
            if (lastKey != null && restOfLineKeys.contains(lastKey) && indent > RECORD_INDENT) {
                // A continuation line of a multi-line Reason.
                current.merge(lastKey, line.strip(), (a, b) -> a + "\n" + b);
                continue;
            }
            lastKey = parseLine(line.strip(), current, restOfLineKeys, lastKey);
        }
        if (!current.isEmpty()) {
            records.add(Collections.unmodifiableMap(current));
        }
        return records;
    }

    /** The first record, or an empty map when there is none. */
    public static Map<String, String> parseOne(String output, Set<String> restOfLineKeys) {
        List<Map<String, String>> all = parse(output, restOfLineKeys);
        return all.isEmpty() ? Map.of() : all.get(0);
    }

    private static String parseLine(String line, Map<String, String> into, Set<String> restOfLineKeys,
                                    String lastKey) {
        Matcher m = KEY.matcher(line);
        List<int[]> keys = new ArrayList<>();
        while (m.find()) {
            keys.add(new int[] {m.start(1), m.end(1)});
        }
        if (keys.isEmpty() || keys.get(0)[0] != 0) {
            // Text that does not start with a key belongs to the previous value (rare wrapped text).
            if (lastKey != null) {
                into.merge(lastKey, line, (a, b) -> a + " " + b);
            }
            if (keys.isEmpty()) {
                return lastKey;
            }
        }
        String key = lastKey;
        for (int i = 0; i < keys.size(); i++) {
            int[] k = keys.get(i);
            key = line.substring(k[0], k[1]);
            int valueStart = k[1] + 1;
            if (restOfLineKeys.contains(key)) {
                into.put(key, line.substring(valueStart).strip());
                return key;
            }
            int valueEnd = i + 1 < keys.size() ? keys.get(i + 1)[0] : line.length();
            into.put(key, line.substring(valueStart, valueEnd).strip());
        }
        return key;
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** "(null)", "N/A", "None", "Unknown" and empty all mean "no value" in scontrol output. */
    public static boolean isUnset(String value) {
        return value == null || value.isEmpty() || value.equals("(null)") || value.equals("N/A")
                || value.equals("None") || value.equals("Unknown") || value.equals("n/a");
    }

    /** A whole number, or {@code fallback} when the value is unset or not a number. */
    public static long number(String value, long fallback) {
        if (isUnset(value)) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
