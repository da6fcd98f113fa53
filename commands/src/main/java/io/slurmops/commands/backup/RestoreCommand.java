package io.slurmops.commands.backup;

import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.OptionSpec;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.plan.BlastRadius;
import io.slurmops.commands.plan.DeclaredChange;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.commands.plan.Step;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code restore BACKUP [state|db|config] [--dry-run]}: puts a verified backup back. Destructive, so
 * four-eyes. Never destroys without a verified copy: while the plan is made, the backup is verified
 * again and what it would replace is backed up and verified (the safety backup, named in the plan);
 * just before it runs, the owner daemon must still be stopped and the live data must still be exactly
 * what the safety backup holds, else nothing runs. {@code --dry-run} only shows what would change.
 */
public final class RestoreCommand extends DeclaredChange {

    private final BackupService backups;

    public RestoreCommand(BackupService backups) {
        super(CommandSpec.builder("restore")
                .required("BACKUP", ArgTypes.name("backup"))
                .optional("PART", ArgTypes.choice("backup part", List.of("state", "db", "config")))
                .option(OptionSpec.flag("dry-run", "only show what would be replaced and the row counts"))
                .risk(Risk.DESTRUCTIVE)
                .summary("Restore a verified backup (state needs slurmctld stopped, db needs slurmdbd stopped)")
                .description("Refused while the daemon that owns the data runs. Before anything is replaced, what it "
                        + "replaces is backed up and verified; the restored data is then checked against the backup "
                        + "(files by diff, the database by the dump's row counts).")
                .build());
        this.backups = backups;
    }

    @Override
    public boolean dryRun(Invocation inv) {
        return inv.flag("dry-run");
    }

    /** The dry run: runs as a read, replaces nothing. */
    @Override
    public Reply execute(Invocation inv, CommandContext ctx) {
        try {
            BackupMeta b = backup(inv, ctx);
            List<Part> parts = parts(inv, ctx, b);
            Manifest stored = backups.manifest(ctx.cluster(), b.id());
            Reply.Builder r = Reply.builder("Dry run: restoring " + b.id() + " (" + labels(parts) + ") would change")
                    .status(Status.INFO);
            for (Part p : parts) {
                r.heading(p.label()).code(String.join("\n", RestoreTargets.changes(ctx.cluster(), backups, b, stored, p)));
            }
            RestoreTargets.ownersRunning(ctx.cluster(), parts).ifPresent(why -> r.status(Status.WARNING)
                    .paragraph("A restore would be refused now: " + why + "."));
            r.paragraph("The backup was " + (b.isVerified() ? "verified" : "NOT verified") + " (" + b.detail() + "). "
                    + "Nothing was changed.");
            return r.build();
        } catch (UsageException e) {
            return Reply.error(e.getMessage(), usage(ctx));
        } catch (RuntimeException e) {
            return Reply.error("Cannot show the restore of " + inv.word("backup") + ": " + e.getMessage());
        }
    }

    @Override
    public Plan plan(Invocation inv, CommandContext ctx) throws UsageException {
        BackupMeta b = backup(inv, ctx);
        List<Part> parts = parts(inv, ctx, b);
        Optional<String> running = RestoreTargets.ownersRunning(ctx.cluster(), parts);
        if (running.isPresent()) {
            throw new PlanRefusedException(running.get());
        }
        BackupMeta checked = backups.verify(ctx.cluster(), b.id());
        if (!checked.isVerified()) {
            throw new PlanRefusedException("backup " + b.id() + " fails verification (" + checked.detail()
                    + "); choose another with `" + ctx.prefix() + " backups`");
        }
        Map<Part, String> targets = new LinkedHashMap<>();
        parts.stream().filter(p -> p != Part.DB).forEach(p -> targets.put(p, RestoreTargets.live(ctx.cluster(), b, p)));
        BackupMeta safety = backups.take(ctx.cluster(), parts, "pre-restore", targets);
        if (!safety.isVerified()) {
            throw new PlanRefusedException("the backup of what would be replaced (" + safety.id() + ") did not verify: "
                    + safety.detail() + "; nothing will be replaced without a verified copy");
        }
        String from = backups.settings().root() + "/" + b.id();
        List<Step> steps = new ArrayList<>();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("backup", b.id());
        facts.put("safety", safety.id());
        List<String> notes = new ArrayList<>();
        for (Part p : parts) {
            facts.put("live." + p.label(), RestoreTargets.fingerprint(ctx.cluster(), backups, safety, p));
            if (p == Part.DB) {
                steps.addAll(RestoreSteps.database(ctx.cluster(), backups.settings(), backups.dumpFile(from),
                        "/tmp/slurmops-restore-" + safety.id(), checked.rows()));
                notes.add("db: " + checked.rows().size() + " table(s), " + checked.rows().values().stream()
                        .mapToLong(Long::longValue).sum() + " row(s) in the dump");
            } else {
                String live = RestoreTargets.live(ctx.cluster(), b, p);
                steps.addAll(RestoreSteps.directory(ctx.cluster(), p, from + "/" + p.label(), live));
                notes.add(p.label() + ": " + live + " is replaced by " + from + "/" + p.label());
            }
        }
        notes.add("What is replaced was backed up and verified first: " + safety.id() + " (" + safety.detail() + ")");
        return new Plan(spec().name(), "Restore " + labels(parts) + " from backup " + b.id(), steps, BlastRadius.NONE,
                notes, facts);
    }

    /** Still stopped, and the live data is still exactly what the safety backup holds. */
    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        Optional<BackupMeta> safety = backups.find(ctx.cluster(), plan.fact("safety"));
        if (safety.isEmpty() || !safety.get().isVerified()) {
            return Optional.of("the safety backup " + plan.fact("safety") + " is gone or no longer verified");
        }
        Optional<String> running = RestoreTargets.ownersRunning(ctx.cluster(), safety.get().parts());
        if (running.isPresent()) {
            return running;
        }
        for (Part p : safety.get().parts()) {
            if (!RestoreTargets.fingerprint(ctx.cluster(), backups, safety.get(), p).equals(plan.fact("live." + p.label()))) {
                return Optional.of("the live " + p.label() + " changed since the safety backup " + safety.get().id()
                        + " was taken, so that backup no longer holds what would be replaced");
            }
        }
        return Optional.empty();
    }

    private BackupMeta backup(Invocation inv, CommandContext ctx) throws UsageException {
        String id = inv.word("backup");
        return backups.find(ctx.cluster(), id).orElseThrow(() -> new UsageException("no backup `" + id + "` (see `"
                + ctx.prefix() + " backups`)", usage(ctx)));
    }

    private static List<Part> parts(Invocation inv, CommandContext ctx, BackupMeta b) throws UsageException {
        Optional<String> part = inv.optionalWord("part");
        if (part.isEmpty()) {
            return b.parts();
        }
        Part p = Part.of(part.get().toLowerCase());
        if (!b.parts().contains(p)) {
            throw new UsageException("backup " + b.id() + " holds no " + p.label() + " (it holds " + labels(b.parts()) + ")",
                    ctx.prefix() + " restore " + b.id() + " [" + labels(b.parts()).replace(", ", "|") + "]");
        }
        return List.of(p);
    }

    private static String labels(List<Part> parts) {
        return String.join(", ", parts.stream().map(Part::label).toList());
    }
}
