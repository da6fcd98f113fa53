package io.slurmops.commands.backup;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of verifying a dump in the scratch schema.
 *
 * @param whole    true when every row was restored and compared; false: structure and counts only
 * @param rows     the dump's rows per table
 * @param problems why the dump fails verification; empty: verified (to the level {@code whole} says)
 * @param note     why the check stopped at structure and counts (the limit that applied), else empty
 */
public record DumpCheck(boolean whole, Map<String, Long> rows, List<String> problems, String note) {

    public DumpCheck {
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        problems = List.copyOf(problems);
        note = note == null ? "" : note;
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** One line for people: what was checked, or what failed. */
    public String summary() {
        if (!ok()) {
            return "the scratch restore differs: " + String.join(", ", problems);
        }
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        if (whole) {
            return "restored into the scratch schema, " + rows.size() + " table(s), " + total
                    + " row(s) as in the dump, row by row";
        }
        return "structure + counts only (" + note + "): the schema restored into the scratch schema, "
                + rows.size() + " table(s), " + total + " row(s) counted in the complete dump as recorded; rows not restored";
    }
}
