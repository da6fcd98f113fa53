package io.slurmops.commands.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why a job waits, in words, with what fixes it: the table of shared/notes/slurm.md §3.4 as data
 * ({@code pending-reasons.txt}).
 */
public final class PendingReasons {

    /** One row: {@code name} is the reason (or a prefix when {@code prefix}), then meaning and fix. */
    public record Explanation(String name, boolean prefix, String meaning, String fix) {
        boolean matches(String reason) {
            return prefix ? reason.startsWith(name) : reason.equals(name);
        }
    }

    private static final PendingReasons BUILT_IN = load();
    private final List<Explanation> rows;

    PendingReasons(List<Explanation> rows) {
        this.rows = List.copyOf(rows);
    }

    public static PendingReasons builtIn() {
        return BUILT_IN;
    }

    public List<Explanation> rows() {
        return rows;
    }

    /**
     * The explanation of a reason as squeue (%r or %R) or scontrol (Reason=) prints it, surrounding
     * parentheses allowed. Exact names win over prefixes; the first matching prefix row wins.
     */
    public Optional<Explanation> explain(String reason) {
        if (reason == null) {
            return Optional.empty();
        }
        String r = reason.strip();
        if (r.startsWith("(") && r.endsWith(")")) {
            r = r.substring(1, r.length() - 1);
        }
        Optional<Explanation> found = lookup(r);
        // scontrol writes state_desc with '_' for spaces ("ReqNodeNotAvail,_UnavailableNodes:node002",
        // "launch_failed_requeued_held"); squeue keeps the spaces.
        return found.isPresent() || !r.contains("_") ? found : lookup(r.replace('_', ' '));
    }

    private Optional<Explanation> lookup(String r) {
        for (Explanation e : rows) {
            if (!e.prefix() && e.matches(r)) {
                return Optional.of(e);
            }
        }
        for (Explanation e : rows) {
            if (e.prefix() && e.matches(r)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static PendingReasons parse(String text) {
        List<Explanation> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s\\|\\s", 3);
            if (f.length != 3) {
                throw new IllegalArgumentException("pending-reasons line " + lineNo + ": expected REASON | MEANING | FIX");
            }
            String name = f[0].strip();
            boolean prefix = name.endsWith("*");
            rows.add(new Explanation(prefix ? name.substring(0, name.length() - 1) : name, prefix, f[1].strip(),
                    f[2].strip()));
        }
        return new PendingReasons(rows);
    }

    private static PendingReasons load() {
        try (InputStream in = PendingReasons.class.getResourceAsStream("pending-reasons.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing resource pending-reasons.txt");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
