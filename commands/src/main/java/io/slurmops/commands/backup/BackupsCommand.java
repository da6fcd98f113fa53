package io.slurmops.commands.backup;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.exec.HumanDuration;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.time.Duration;
import java.util.List;

/** {@code backups}: the backups on disk, newest first, with kind, age, size, verification and manifest fingerprint. */
public final class BackupsCommand extends DeclaredCommand {

    private final BackupService backups;

    public BackupsCommand(BackupService backups) {
        super(CommandSpec.builder("backups")
                .summary("List the backups: kind, age, size, verified, manifest SHA-256")
                .description("Reads the metadata of each backup under the backup directory. `restore BACKUP --dry-run` "
                        + "shows what restoring one would replace.")
                .build());
        this.backups = backups;
    }

    @Override
    public Reply execute(Invocation inv, CommandContext ctx) {
        List<BackupMeta> all;
        try {
            all = backups.list(ctx.cluster());
        } catch (RuntimeException e) {
            return Reply.error("Cannot list the backups: " + e.getMessage());
        }
        if (all.isEmpty()) {
            return Reply.builder("No backups in " + backups.settings().root()).status(Status.INFO)
                    .paragraph("Make one with `" + ctx.prefix() + " backup all`.").build();
        }
        StringBuilder t = new StringBuilder(String.format("%-30s %-12s %8s %9s %-8s %s%n", "BACKUP", "KIND", "AGE", "SIZE",
                "VERIFIED", "MANIFEST"));
        boolean failed = false;
        for (BackupMeta m : all) {
            Duration age = Duration.between(m.created(), ctx.clock().instant());
            failed |= m.verified() == BackupMeta.Verified.FAILED;
            t.append(String.format("%-30s %-12s %8s %9s %-8s %s%n", m.id(), m.kind(),
                    HumanDuration.format(age.isNegative() ? Duration.ZERO : age.withNanos(0)),
                    size(m.totalSize()), switch (m.verified()) {
                        case YES -> "yes";
                        case FAILED -> "FAILED";
                        case NO -> "no";
                    }, BackupService.abbrev(m.manifestSha256())));
        }
        return Reply.builder(all.size() + " backup(s) in " + backups.settings().root())
                .status(failed ? Status.WARNING : Status.OK).code(t.toString().stripTrailing()).build();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format("%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format("%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
