package io.slurmops.commands.read;

import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.site.SiteProfile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Does munge authentication work between each node and the controller? Each node makes a credential
 * ({@code munge -n}) and the controller decodes it ({@code unmunge}, the credential on its standard
 * input): a node with another key fails with "Invalid credential" (exit 14). The controller also
 * decodes its own credential. Nodes are folded per outcome.
 */
public final class CheckMungeCommand extends CheckCommand {

    static final String OK = "credential decodes on the controller";
    /** -n: no metadata printed, so unmunge does not reverse-resolve the encoding host. */
    static final List<String> UNMUNGE = List.of("unmunge", "-n");
    static final List<String> MUNGE = List.of("munge", "-n");

    private static final CommandSpec SPEC = CommandSpec.builder("check munge")
            .optional("HOSTLIST", ArgTypes.hostlist())
            .summary("munge round trip: each node's credential decoded on the controller (key mismatch, munged down)")
            .description("Runs `munge -n` on each node and feeds the credential to `unmunge` on the controller, plus "
                    + "`munge -n | unmunge` on the controller itself. A node with a different munge.key fails with "
                    + "`Invalid credential`; a node whose munged is down cannot make a credential.")
            .build();

    public CheckMungeCommand() {
        super(SPEC, "munge");
    }

    @Override
    public CheckReport check(CommandContext ctx, NodeTargets targets) {
        SiteProfile site = ctx.cluster().site();
        Duration timeout = site.nodeTimeout();
        List<Finding> findings = new ArrayList<>();
        Status status = Status.OK;

        String local = controllerRoundTrip(ctx, timeout);
        if (!local.equals(OK)) {
            status = Status.CRITICAL;
            findings.addAll(ctx.knowledgeBase().match(local));
        }
        HostFolds folds = new HostFolds();
        Map<String, String> unreadable = new java.util.LinkedHashMap<>();
        List<ExecResult> made = ctx.cluster().onNodes(targets.hosts(), MUNGE);
        List<HostCommand> decodes = new ArrayList<>();
        List<String> decodeHosts = new ArrayList<>();
        for (ExecResult r : made) {
            if (r.ok() && !r.stdout().isBlank()) {
                decodes.add(new HostCommand(site.controller(), UNMUNGE, timeout,
                        r.stdout().strip().getBytes(StandardCharsets.US_ASCII)));
                decodeHosts.add(r.host());
            } else if (!r.ran()) {
                folds.add("unreadable (unreachable: " + r.outcome() + ")", r.host());
                unreadable.put(r.host(), r.outcome());
            } else {
                folds.add("munge -n failed: " + firstLine(r), r.host());
            }
        }
        List<ExecResult> decoded = ctx.cluster().runAll(decodes);
        for (int i = 0; i < decoded.size(); i++) {
            ExecResult d = decoded.get(i);
            folds.add(d.ok() ? OK : firstLine(d), decodeHosts.get(i));
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<String>> g : folds.groups()) {
            if (g.getKey().equals(OK)) {
                continue;
            }
            String hosts = Hostlist.compress(g.getValue());
            problems.add(hosts + ": " + g.getKey());
            status = status.worst(g.getKey().startsWith("unreadable") ? Status.WARNING : Status.CRITICAL);
            List<Finding> f = ctx.knowledgeBase().match(g.getKey());
            if (g.getKey().contains("Invalid credential")) {
                // The evidence line names the hosts, so the repair "sync munge {hosts}" is complete.
                f = List.of(ctx.knowledgeBase().finding("munge-invalid-credential",
                        "munge key differs from the controller on " + hosts + " (unmunge: Invalid credential)"));
            }
            findings.addAll(KnowledgeBase.withContext(f, Map.of("hosts", hosts, "node", hosts)));
        }
        List<Block> details = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        lines.add("controller: " + local);
        lines.addAll(folds.lines());
        details.add(new Block.Code(String.join("\n", lines)));
        if (!targets.note().isEmpty()) {
            details.add(new Block.Paragraph(targets.note()));
        }
        int ok = folds.hosts(OK).size();
        String summary = (local.equals(OK) ? "controller OK" : "controller: " + local) + "; "
                + ok + " of " + targets.hosts().size() + " node(s) OK"
                + (problems.isEmpty() ? "" : " — " + String.join("; ", problems));
        return new CheckReport(checkName(), status, summary, details, findings, unreadable);
    }

    /** {@code munge -n | unmunge} on the controller, as two argv runs joined through standard input. */
    private static String controllerRoundTrip(CommandContext ctx, Duration timeout) {
        ExecResult cred = ctx.cluster().onController(MUNGE, timeout);
        if (!cred.ok()) {
            return "munge -n failed: " + firstLine(cred);
        }
        ExecResult dec = ctx.cluster().onController(UNMUNGE, timeout,
                cred.stdout().strip().getBytes(StandardCharsets.US_ASCII));
        return dec.ok() ? OK : firstLine(dec);
    }

    private static String firstLine(ExecResult r) {
        return StatusCommand.firstLine(r);
    }
}
