package io.slurmops.commands.backup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The awk programs that read and rewrite a dump on the dbd host (argv to awk, never a shell). A dump
 * holds one {@code INSERT INTO `t` VALUES (...);} line per row, so its rows can be counted exactly
 * from the file whatever the client's version; loading it that way is one statement (and one commit)
 * per row, which took minutes for 10^5 rows, so {@link #BATCH} joins consecutive rows of a table into
 * multi-row INSERTs before the load. The rows' text is carried over unchanged: the scratch
 * verification dumps the restored schema again and compares its rows line by line ({@link #SAME_ROWS}).
 */
final class DumpScripts {

    /** Rows joined into one INSERT at most, and its size at most (well under max_allowed_packet's 16 MiB). */
    static final int BATCH_ROWS = 1000;
    static final int BATCH_BYTES = 1 << 20;

    /**
     * One pass over a dump: {@code table<TAB>NAME<TAB>ROWS} per table in dump order, then
     * {@code malformed<TAB>N} (INSERT lines that are cut or not one row) and {@code complete<TAB>0|1}
     * (the last line is mariadb-dump's {@code -- Dump completed}: a dump cut short lacks it).
     */
    static final String SUMMARY = """
            function tbl(s,  r) { r = substr(s, index(s, "`") + 1); return substr(r, 1, index(r, "`") - 1) }
            /^CREATE TABLE `/ { t = tbl($0); if (!(t in rows)) { order[++n] = t; rows[t] = 0 } }
            /^INSERT INTO `/ {
              if ($0 ~ /^INSERT INTO `[^`]*` VALUES \\(.*\\);$/) {
                t = tbl($0); if (!(t in rows)) { order[++n] = t; rows[t] = 0 }
                rows[t]++
              } else bad++
            }
            NF { last = $0 }
            END {
              for (i = 1; i <= n; i++) printf "table\\t%s\\t%d\\n", order[i], rows[order[i]]
              printf "malformed\\t%d\\n", bad
              printf "complete\\t%d\\n", (last ~ /^-- Dump completed/) ? 1 : 0
            }
            """;

    /**
     * Copies a dump to {@code out}, joining consecutive one-row INSERTs of the same table into INSERTs
     * of at most {@code maxrows} rows and about {@code maxbytes}; with {@code schema=1} it drops the rows
     * and keeps the structure only. Every other line is copied as it is.
     */
    static final String BATCH = """
            function flush() { if (open != "") { printf ";\\n" > out; open = ""; n = 0; b = 0 } }
            /^INSERT INTO `[^`]*` VALUES \\(.*\\);$/ {
              if (schema) next
              q = index(substr($0, 14), "`"); hl = 13 + q + 8
              head = substr($0, 1, hl); row = substr($0, hl + 1, length($0) - hl - 1)
              if (head == open && n < maxrows && b + length(row) < maxbytes) {
                printf ",\\n%s", row > out; n++; b += length(row) + 2; next
              }
              flush(); printf "%s%s", head, row > out; open = head; n = 1; b = length($0); next
            }
            { flush(); print > out }
            END { flush(); close(out) }
            """;

    /**
     * Compares the rows of two dumps line by line (the file operand against {@code other}): prints
     * {@code same}, or the first table whose rows {@code differs}, are {@code missing} from {@code other}
     * or are {@code extra} in it.
     */
    static final String SAME_ROWS = """
            function tbl(s,  r) { r = substr(s, index(s, "`") + 1); return substr(r, 1, index(r, "`") - 1) }
            function next_row() { while ((r = (getline o < other)) > 0) if (o ~ /^INSERT INTO `/) return 1; return 0 }
            /^INSERT INTO `/ {
              if (!next_row()) { printf "missing\\t%s\\n", tbl($0); bad = 1; exit }
              if (o != $0) { printf "differs\\t%s\\n", tbl($0); bad = 1; exit }
            }
            END {
              if (bad) exit
              if (next_row()) { printf "extra\\t%s\\n", tbl(o); exit }
              print "same"
            }
            """;

    private DumpScripts() {
    }

    /** awk writing {@code out}: the dump {@code plain} with its rows batched, or its schema alone. */
    static List<String> batchArgv(String plain, String out, boolean schemaOnly) {
        return List.of("awk", "-v", "out=" + out, "-v", "maxrows=" + BATCH_ROWS, "-v", "maxbytes=" + BATCH_BYTES,
                "-v", "schema=" + (schemaOnly ? 1 : 0), BATCH, plain);
    }

    /** What {@link #SUMMARY} printed. */
    record Summary(Map<String, Long> rows, long malformed, boolean complete) {

        static Summary parse(String out) {
            Map<String, Long> rows = new LinkedHashMap<>();
            long malformed = -1;
            Boolean complete = null;
            for (String line : out.lines().filter(l -> !l.isBlank()).toList()) {
                String[] f = line.split("\t");
                switch (f[0]) {
                    case "table" -> rows.put(f[1], Long.parseLong(f[2].strip()));
                    case "malformed" -> malformed = Long.parseLong(f[1].strip());
                    case "complete" -> complete = "1".equals(f[1].strip());
                    default -> throw new IllegalStateException("unexpected line from the dump summary: " + line);
                }
            }
            if (malformed < 0 || complete == null) {
                throw new IllegalStateException("the dump summary is incomplete: " + out.strip());
            }
            return new Summary(rows, malformed, complete);
        }

        long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Why this dump cannot be trusted, or empty. */
        String defect() {
            if (!complete) {
                return "the dump is cut short (its last line is not mariadb-dump's `-- Dump completed`)";
            }
            if (malformed > 0) {
                return malformed + " INSERT line(s) of the dump are cut or malformed";
            }
            return "";
        }
    }
}
