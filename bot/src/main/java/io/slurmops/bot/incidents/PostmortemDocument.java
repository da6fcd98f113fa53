package io.slurmops.bot.incidents;

import io.slurmops.adapters.store.DeclaredIncidentRow;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.VoteRecord;
import io.slurmops.adapters.store.Decision;
import io.slurmops.commands.exec.HumanDuration;
import io.slurmops.commands.slurm.SacctRecord;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The postmortem as Markdown: summary, impact (node-minutes lost from the recorded node states; jobs
 * failed or requeued from sacct), detection → acknowledgement → approval → recovery next to the seed's
 * RTO table, the timeline, the commands with their approvers, and empty root-cause and action-item
 * sections for people to fill in.
 */
final class PostmortemDocument {

    private PostmortemDocument() {
    }

    static String markdown(IncidentDossier d, SacctImpact.Jobs jobs, OptionalDouble nodeMinutes, String chartFile,
                           ZoneId zone) {
        DeclaredIncidentRow i = d.incident();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(i.tag()).append(": ").append(i.title()).append(" (").append(i.severity())
                .append(") — postmortem\n\n");
        md.append("## Summary\n\n");
        md.append("- Declared by ").append(i.declaredBy()).append(" at ").append(t(i.declaredAt(), zone))
                .append(i.lead() == null ? "; no lead was named" : "; lead " + i.lead()).append(".\n");
        md.append("- ").append(i.isOpen() ? "Still open at " + t(d.windowEnd(), zone)
                : "Resolved at " + t(i.resolvedAt(), zone) + ", " + since(d.windowStart(), i.resolvedAt())
                + " after detection").append(".\n");
        md.append("- Gathered ").append(d.alerts().size()).append(" alert(s), ").append(d.requests().size())
                .append(" command(s), ").append(d.runbookRuns().size()).append(" runbook run(s), ")
                .append(d.events().stream().filter(e -> e.kind().equals("NOTE")).count()).append(" note(s).\n");
        d.events().stream().filter(e -> e.kind().equals("UPDATE")).reduce((a, b) -> b).ifPresent(u ->
                md.append("- Last status update (").append(u.actor()).append(", ").append(t(u.at(), zone))
                        .append("): ").append(u.body()).append('\n'));
        md.append("\n## Impact\n\n");
        md.append("- Window: ").append(t(d.windowStart(), zone)).append(" → ").append(t(d.windowEnd(), zone))
                .append('\n');
        md.append("- Node-minutes lost (nodes drained or down, from the node states recorded at each poll): ")
                .append(nodeMinutes.isPresent() ? String.format(Locale.ROOT, "%.1f", nodeMinutes.getAsDouble())
                        : "unknown (no node-state samples in the window)").append('\n');
        appendJobs(md, jobs);
        appendTimes(md, d, zone);
        md.append("\n## Timeline\n\n| time | who | what |\n|---|---|---|\n");
        for (IncidentTimeline.Entry e : IncidentTimeline.of(d)) {
            md.append("| ").append(t(e.at(), zone)).append(" | ").append(cell(e.who())).append(" | ")
                    .append(cell(e.what())).append(" |\n");
        }
        appendCommands(md, d);
        md.append("\n## Chart\n\n![nodes by state](").append(chartFile).append(")\n");
        md.append("\n## Root cause\n\n_To be written._\n");
        md.append("\n## Action items\n\n- [ ] \n");
        return md.toString();
    }

    private static void appendJobs(StringBuilder md, SacctImpact.Jobs jobs) {
        if (!jobs.known()) {
            md.append("- Jobs failed or requeued: unknown (").append(jobs.unknownBecause()).append(")\n");
            return;
        }
        md.append("- Jobs failed or requeued in the window (sacct, states ").append(SacctImpact.STATES).append("): ")
                .append(jobs.jobs().size()).append('\n');
        if (!jobs.jobs().isEmpty()) {
            md.append("\n| job | name | user | state | nodes | start | end |\n|---|---|---|---|---|---|---|\n");
            for (SacctRecord j : jobs.jobs()) {
                md.append("| ").append(cell(j.jobId())).append(" | ").append(cell(j.jobName())).append(" | ")
                        .append(cell(j.user())).append(" | ").append(cell(j.state())).append(" | ")
                        .append(cell(j.nodeList())).append(" | ").append(cell(j.start())).append(" | ")
                        .append(cell(j.end())).append(" |\n");
            }
        }
    }

    private static void appendTimes(StringBuilder md, IncidentDossier d, ZoneId zone) {
        Instant detected = d.detectedAt();
        md.append("\n## Response times\n\n| phase | at | since detection |\n|---|---|---|\n");
        row(md, "Detection", detected, detected, zone);
        row(md, "Acknowledgement", d.acknowledgedAt(), detected, zone);
        row(md, "Approval", d.approvedAt(), detected, zone);
        row(md, "Recovery", d.recoveredAt(), detected, zone);
        String measured = d.probe();
        RecoveryObjectives.Row mine = RecoveryObjectives.forProbe(measured).orElse(null);
        Duration recovery = d.recoveredAt() == null ? null : Duration.between(detected, d.recoveredAt());
        md.append("\nThe seed's recovery time objectives (workshop slide 20):\n\n| failure type | RTO | this incident |\n"
                + "|---|---|---|\n");
        for (RecoveryObjectives.Row r : RecoveryObjectives.TABLE) {
            String verdict = "";
            if (r == mine) {
                verdict = recovery == null ? "not recovered yet" : "recovered in " + HumanDuration.format(recovery)
                        + (recovery.compareTo(r.max()) <= 0 ? " — within RTO" : " — OVER RTO");
            }
            md.append("| ").append(r.failure()).append(" | ").append(r.target()).append(" | ").append(verdict)
                    .append(" |\n");
        }
        if (mine == null) {
            md.append("\n(No seed row matches ").append(measured.isEmpty() ? "an incident without alerts"
                    : "alerts of the `" + measured + "` check").append(".)\n");
        }
    }

    private static void appendCommands(StringBuilder md, IncidentDossier d) {
        md.append("\n## Commands run\n\n");
        if (d.requests().isEmpty()) {
            md.append("None.\n");
        } else {
            md.append("| request | command | requested by | approved by | state | linked because |\n"
                    + "|---|---|---|---|---|---|\n");
            for (RequestRecord r : d.requests()) {
                String approvers = d.votes().getOrDefault(r.id(), List.of()).stream()
                        .filter(v -> v.decision() == Decision.APPROVE).map(VoteRecord::voterName)
                        .collect(Collectors.joining(", "));
                String why = d.links().stream().filter(l -> l.kind().equals(IncidentLinker.REQUEST)
                        && l.refId() == r.id()).map(l -> l.reason()).findFirst().orElse("");
                md.append("| ").append(r.tag()).append(" | `").append(cell(r.line())).append("` | ")
                        .append(cell(r.requesterName())).append(" | ").append(approvers.isEmpty() ? "—" : cell(approvers))
                        .append(" | ").append(r.state().name().toLowerCase(Locale.ROOT)).append(" | ").append(why)
                        .append(" |\n");
            }
        }
        if (!d.runbookRuns().isEmpty()) {
            md.append("\nRunbook runs: ").append(d.runbookRuns().entrySet().stream()
                    .map(e -> "run " + e.getKey() + " " + e.getValue()).collect(Collectors.joining("; "))).append('\n');
        }
    }

    private static void row(StringBuilder md, String phase, Instant at, Instant detected, ZoneId zone) {
        md.append("| ").append(phase).append(" | ").append(t(at, zone)).append(" | ")
                .append(at == null ? "—" : since(detected, at)).append(" |\n");
    }

    private static String since(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? "-" + HumanDuration.format(d.negated()) : HumanDuration.format(d);
    }

    private static String t(Instant at, ZoneId zone) {
        return IncidentTimeline.time(at, zone);
    }

    /** Table cells: a pipe or newline would break the row. */
    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ").replace("`", "'");
    }
}
