package io.slurmops.commands.runbook;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What approvers read before they approve a run: the values, the preconditions, each step n/m with
 * what it destroys, its check, its rollback note and the gates before it, and the final
 * verification. Run-time values read "(set while running)".
 */
public final class RunbookPreview {

    private RunbookPreview() {
    }

    public static String render(BoundRunbook b) {
        Runbook rb = b.runbook();
        StringBuilder out = new StringBuilder();
        out.append("Runbook ").append(rb.name()).append(": ").append(rb.title())
                .append(" (risk: ").append(rb.risk().label()).append(")\n");
        if (!rb.description().isBlank()) {
            out.append(rb.description().strip()).append('\n');
        }
        for (Parameter p : rb.parameters()) {
            out.append("  ").append(p.name()).append(" = ")
                    .append(p.known() == Parameter.Known.PLAN ? b.planValues().get(p.name()) : "(set while running)")
                    .append(p.description().isBlank() ? "" : "  — " + p.description()).append('\n');
        }
        if (!rb.preconditions().isEmpty()) {
            out.append("Before it starts: ").append(checks(b, rb.preconditions())).append('\n');
        }
        int m = rb.steps().size();
        for (int i = 0; i < m; i++) {
            Step s = rb.steps().get(i);
            for (Gate g : rb.gatesBefore(s.id())) {
                out.append("  ⏸ gate: ").append(g.approvals()).append(g.approvals() == 1 ? " more approval" : " more approvals")
                        .append(g.reason().isBlank() ? "" : " — " + g.reason()).append('\n');
            }
            out.append("Step ").append(i + 1).append('/').append(m).append(' ').append(s.id()).append(": ")
                    .append(b.text(s.title())).append('\n');
            s.when().ifPresent(c -> out.append("    only if: ").append(b.text(c.describe())).append('\n'));
            out.append("    does: ").append(b.text(s.action().describe())).append('\n');
            out.append("    destroys: ").append(s.action().destroys().map(DataKind::text).orElse("nothing")).append('\n');
            out.append("    check: ").append(s.effectiveCheck().map(c -> b.text(c.describe())).orElse("none"))
                    .append(s.attempt() ? " (an attempt: if it fails, the next steps decide)" : "").append('\n');
            out.append("    rollback: ").append(s.rollback().isBlank() ? "none given" : b.text(s.rollback())).append('\n');
        }
        out.append("Verify at the end: ").append(checks(b, rb.verification())).append('\n');
        return out.toString();
    }

    private static String checks(BoundRunbook b, List<Check> checks) {
        return checks.stream().map(c -> b.text(c.describe())).collect(Collectors.joining("; "));
    }
}
