package io.slurmops.commands.change;

import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.plan.FileRef;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.commands.slurm.NodeRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a file on the controller with its copies on nodes by SHA-256 — only digests cross the
 * wire while planning, so a secret (the munge key) is never read before the approved run.
 */
final class FileSync {

    /** The nodes to write, the ones already identical, the ones that could not be read. */
    record Comparison(FileRef source, List<NodeRecord> differing, List<NodeRecord> identical,
                      List<String> unreadable) {

        List<String> notes(String file) {
            List<String> notes = new ArrayList<>();
            notes.add("Source: " + file + " on the controller " + source.host() + ", sha256 " + shortHash(source.sha256())
                    + " (the content is read only when the approved plan runs, and must still have this digest).");
            if (!identical.isEmpty()) {
                notes.add("Skipped, already identical: " + NodeTargets.describe(identical));
            }
            unreadable.forEach(u -> notes.add("Skipped, could not read its copy: " + u));
            return notes;
        }
    }

    private FileSync() {
    }

    static Comparison compare(CommandContext ctx, String path, List<NodeRecord> nodes, boolean force)
            throws PlanRefusedException {
        String controller = ctx.cluster().site().controller();
        String sha = controllerDigest(ctx, path).orElseThrow(() -> new PlanRefusedException(
                "cannot read the digest of " + path + " on the controller " + controller));
        Map<String, ExecResult> onNodes = HostQueries.onEach(ctx, NodeTargets.names(nodes), List.of("sha256sum", path));
        List<NodeRecord> differing = new ArrayList<>();
        List<NodeRecord> identical = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (NodeRecord n : nodes) {
            ExecResult r = onNodes.get(n.name());
            Optional<String> nodeSha = digestIn(r);
            if (!r.ran()) {
                unreadable.add(n.name() + ": " + r.outcome());
            } else if (nodeSha.isPresent() && nodeSha.get().equals(sha) && !force) {
                identical.add(n);
            } else {
                differing.add(n); // different, missing (sha256sum exits 1) or forced
            }
        }
        return new Comparison(new FileRef(controller, path, sha), differing, identical, unreadable);
    }

    /** The comparison, refusing the plan when no node differs (nothing would change). */
    static Comparison differingOrRefuse(CommandContext ctx, String path, List<NodeRecord> nodes, boolean force)
            throws PlanRefusedException {
        Comparison cmp = compare(ctx, path, nodes, force);
        if (cmp.differing().isEmpty()) {
            throw new PlanRefusedException("nothing to sync. " + String.join(" ", cmp.notes(path)));
        }
        return cmp;
    }

    static Optional<String> controllerDigest(CommandContext ctx, String path) {
        return digestIn(ctx.cluster().onController(List.of("sha256sum", path), Duration.ofSeconds(30)));
    }

    private static Optional<String> digestIn(ExecResult r) {
        if (!r.ok()) {
            return Optional.empty();
        }
        String first = r.stdout().strip().split("\\s+", 2)[0];
        return first.matches("[0-9a-fA-F]{64}") ? Optional.of(first.toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
    }

    /** Still the approved content on the controller? */
    static Optional<String> sourceChanged(CommandContext ctx, FileRef approved) {
        Optional<String> now = controllerDigest(ctx, approved.path());
        if (now.isEmpty()) {
            return Optional.of("cannot read the digest of " + approved.path() + " on the controller any more");
        }
        return now.get().equals(approved.sha256()) ? Optional.empty() : Optional.of(approved.path()
                + " changed on the controller since the plan (sha256 " + shortHash(approved.sha256()) + " → "
                + shortHash(now.get()) + "); request the sync again to approve the new content");
    }

    static String shortHash(String sha) {
        return sha.substring(0, 12) + "…";
    }
}
