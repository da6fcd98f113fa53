package io.slurmops.commands.runbook;

import io.slurmops.commands.plan.Sha256;

import java.util.ArrayList;
import java.util.List;

/**
 * The one text form of a bound runbook, hashed like a plan's steps: one record per line, tab
 * separated, each field escaped ({@code \\ \t \n \r}). Everything the approvers see and the engine
 * will do is in it — values, preconditions, each step's action, condition, check, what it destroys,
 * rollback note and gates, the final verification — with plan-time values filled in and run-time
 * values left as {@code ${name}}.
 */
public final class RunbookCanonical {

    private static final String MAGIC = "slurmops-runbook";
    private static final String VERSION = "1";

    private RunbookCanonical() {
    }

    public static String text(BoundRunbook b) {
        Runbook rb = b.runbook();
        StringBuilder out = new StringBuilder();
        line(out, MAGIC, VERSION);
        line(out, "runbook", rb.name(), rb.risk().label());
        line(out, "title", rb.title());
        for (Parameter p : rb.parameters()) {
            line(out, "value", p.name(), p.type().label(), p.known().name().toLowerCase(java.util.Locale.ROOT),
                    p.known() == Parameter.Known.PLAN ? b.planValues().getOrDefault(p.name(), "") : "");
        }
        rb.preconditions().forEach(c -> check(out, b, "pre", c));
        for (int i = 0; i < rb.steps().size(); i++) {
            Step s = rb.steps().get(i);
            rb.gatesBefore(s.id()).forEach(g -> line(out, "gate", Integer.toString(g.approvals()), g.reason()));
            List<String> action = new ArrayList<>(List.of("step", Integer.toString(i + 1), s.id(), s.action().kind()));
            s.action().fields().forEach(f -> action.add(b.text(f)));
            line(out, action.toArray(String[]::new));
            line(out, "title", b.text(s.title()));
            s.when().ifPresent(c -> check(out, b, "when", c));
            s.effectiveCheck().ifPresent(c -> check(out, b, "check", c));
            if (s.attempt()) {
                line(out, "attempt");
            }
            line(out, "destroys", s.action().destroys().map(DataKind::label).orElse("nothing"));
            line(out, "rollback", b.text(s.rollback()));
            line(out, "end");
        }
        rb.verification().forEach(c -> check(out, b, "verify", c));
        return out.toString();
    }

    /** SHA-256 (hex) of {@link #text}: what an approval of the run approves. */
    public static String hash(BoundRunbook b) {
        return Sha256.hex(text(b));
    }

    private static void check(StringBuilder out, BoundRunbook b, String record, Check c) {
        List<String> f = new ArrayList<>(List.of(record, c.kind()));
        c.fields().forEach(x -> f.add(b.text(x)));
        line(out, f.toArray(String[]::new));
    }

    private static void line(StringBuilder b, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append('\t');
            }
            b.append(escape(fields[i]));
        }
        b.append('\n');
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
