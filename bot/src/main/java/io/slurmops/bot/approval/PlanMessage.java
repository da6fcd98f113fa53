package io.slurmops.bot.approval;

import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.plan.ArgvText;
import io.slurmops.commands.plan.JobImpact;
import io.slurmops.commands.plan.MassScope;
import io.slurmops.commands.plan.NodeImpact;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.Step;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The message people vote on: exactly what will run (argv per host, folded), the blast radius, who
 * may approve, until when, and the plan hash that binds the approval to this text.
 */
final class PlanMessage {

    private static final int MAX_JOBS_LISTED = 10;
    private static final int MAX_APPROVERS_LISTED = 12;

    private PlanMessage() {
    }

    record Request(long id, String requesterId, String requester, String risk, int approvalsNeeded,
                   Optional<MassScope> mass, Plan plan, String hash,
                   Instant expiresAt, List<String> approvers, String prefix, ZoneId zone, Instant now) {
    }

    static Reply render(Request r) {
        Plan plan = r.plan();
        Reply.Builder b = Reply.builder("#" + r.id() + " needs " + r.approvalsNeeded() + " approval"
                + (r.approvalsNeeded() == 1 ? "" : "s") + ": " + plan.summary()).status(Status.PENDING);
        b.paragraph("Requested by " + r.requester() + " · risk " + r.risk() + " · the requester's own vote never counts");
        b.heading("Steps — exactly what will run");
        for (int i = 0; i < plan.steps().size(); i++) {
            Step s = plan.steps().get(i);
            b.paragraph((i + 1) + ". " + s.description() + " — " + where(s) + ", timeout " + seconds(s.timeout())
                    + (i == 0 ? "" : condition(s)) + stdin(s));
            b.code(commandLine(s));
        }
        b.heading("Blast radius");
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        if (!plan.blastRadius().nodes().isEmpty()) {
            fields.add(Map.entry("Nodes", nodes(plan.blastRadius().nodes())));
        }
        fields.add(Map.entry("Jobs", plan.blastRadius().jobsSummary()));
        r.mass().ifPresent(s -> {
            fields.add(Map.entry("Mass action", s.describe() + " — needs an admin requester and " + r.approvalsNeeded()
                    + " approvals"));
            fields.add(Map.entry("Jobs killed", s.jobs()));
        });
        b.fields(fields);
        List<JobImpact> jobs = plan.blastRadius().jobs();
        if (!jobs.isEmpty()) {
            List<String> lines = jobs.stream().limit(MAX_JOBS_LISTED)
                    .map(j -> j.id() + "  " + j.user() + "  " + j.name() + "  " + j.state()).toList();
            b.bullets(jobs.size() > MAX_JOBS_LISTED ? append(lines, "… and " + (jobs.size() - MAX_JOBS_LISTED)
                    + " more") : lines);
        }
        b.bullets(plan.notes());
        b.fields(List.of(
                Map.entry("May approve", approvers(r)),
                Map.entry("Expires", DateTimeFormatter.ofPattern("HH:mm:ss z").withZone(r.zone()).format(r.expiresAt())
                        + " (in " + minutes(Duration.between(r.now(), r.expiresAt())) + ")"),
                Map.entry("Plan hash", "sha256:" + r.hash().substring(0, 16) + "…")));
        b.paragraph("Approve: react ✅ on this message or `" + r.prefix() + " approve " + r.id() + " [comment]`. Deny: ❌ or `"
                + r.prefix() + " deny " + r.id() + " [why]` — any deny wins. Withdraw: `" + r.prefix() + " cancel "
                + r.id() + "`.");
        return b.build();
    }

    /** The argv as it will run, prefixed by where: "node[001-004]: systemctl restart slurmd". */
    static String commandLine(Step s) {
        if (s.onController()) {
            String list = s.hosts().isEmpty() ? "" : Hostlist.compress(s.hosts());
            return s.via() + ": " + ArgvText.of(s.argvFor(list));
        }
        return Hostlist.compress(s.hosts()) + ": " + ArgvText.of(s.argv());
    }

    private static String where(Step s) {
        if (s.onController()) {
            return "once on the controller host " + s.via();
        }
        return "on each of " + s.hosts().size() + " host" + (s.hosts().size() == 1 ? "" : "s");
    }

    private static String condition(Step s) {
        if (s.onlyWhereSucceeded() == 0) {
            return ", only if every step before succeeded";
        }
        return ", only for the hosts where step " + s.onlyWhereSucceeded() + " succeeded";
    }

    private static String stdin(Step s) {
        if (s.stdin() == null) {
            return "";
        }
        return "; stdin: " + s.stdin().path() + " read on " + s.stdin().host() + " at run time, sha256 "
                + s.stdin().sha256().substring(0, 16) + "… (content not shown)";
    }

    /** Nodes folded by state and reason: "node[001-003] idle; node004 drained (maintenance)". */
    private static String nodes(List<NodeImpact> nodes) {
        Map<String, List<String>> byState = new LinkedHashMap<>();
        for (NodeImpact n : nodes) {
            String key = n.state() + (n.reason().isEmpty() ? "" : " (" + n.reason() + ")");
            byState.computeIfAbsent(key, k -> new ArrayList<>()).add(n.name());
        }
        List<String> parts = new ArrayList<>();
        byState.forEach((state, names) -> parts.add(Hostlist.compress(names) + " " + state));
        return String.join("; ", parts);
    }

    private static String approvers(Request r) {
        List<String> others = r.approvers().stream().filter(a -> !a.equals(r.requesterId())).toList();
        if (others.isEmpty()) {
            return "nobody besides the requester has the approver role here — this request cannot be approved";
        }
        String list = String.join(", ", others.stream().limit(MAX_APPROVERS_LISTED).toList())
                + (others.size() > MAX_APPROVERS_LISTED ? ", …" : "");
        return list + " (approver or admin role; not " + r.requester() + ")";
    }

    private static List<String> append(List<String> list, String more) {
        List<String> out = new ArrayList<>(list);
        out.add(more);
        return out;
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    static String minutes(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 120 ? (s + 30) / 60 + " min" : s + " s";
    }
}
