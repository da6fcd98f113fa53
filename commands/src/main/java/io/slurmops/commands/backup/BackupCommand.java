package io.slurmops.commands.backup;

import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.Role;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.util.List;
import java.util.Map;

/**
 * {@code backup [state|db|config|all]}: a verified backup now. It changes nothing on the cluster —
 * it only reads the state, the configuration and the database — so it needs no approval; but it
 * takes disk on the controller and a dump loads the database, so it is an operator's command, not a
 * viewer's (declared role, read risk).
 */
public final class BackupCommand extends DeclaredCommand {

    static final List<String> KINDS = List.of("state", "db", "config", "all");

    private final BackupService backups;

    public BackupCommand(BackupService backups) {
        super(CommandSpec.builder("backup")
                .optional("KIND", ArgTypes.choice("backup kind", KINDS))
                .role(Role.OPERATOR)
                .summary("Back up the state, the accounting DB, the configuration or all, and verify the backup")
                .description("Copies StateSaveLocation and /etc/slurm (modes kept) and dumps the accounting database "
                        + "(gzipped) into a timestamped directory with a SHA-256 manifest. A copy is verified against "
                        + "the source's checksums, a dump by restoring it into the scratch schema and comparing the rows "
                        + "of every table. A backup that fails verification is kept, marked failed and raises an alert.")
                .build());
        this.backups = backups;
    }

    @Override
    public Reply execute(Invocation inv, CommandContext ctx) {
        String kind = inv.optionalWord("kind").map(String::toLowerCase).orElse("all");
        BackupMeta m;
        try {
            m = backups.backup(ctx.cluster(), kind);
        } catch (RuntimeException e) {
            return Reply.error("The " + kind + " backup failed: " + e.getMessage());
        }
        return render(m, backups.directory(m));
    }

    static Reply render(BackupMeta m, String dir) {
        boolean ok = m.isVerified();
        return Reply.builder((ok ? "Backup " : "Backup FAILED verification: ") + m.id())
                .status(ok ? Status.OK : Status.CRITICAL)
                .fields(List.of(Map.entry("Kind", m.kind()), Map.entry("Where", dir),
                        Map.entry("Size", BackupsCommand.size(m.totalSize())),
                        Map.entry("Manifest SHA-256", BackupService.abbrev(m.manifestSha256())),
                        Map.entry("Verified", ok ? "yes" : "NO")))
                .paragraph(m.detail())
                .build();
    }
}
