package io.slurmops.bot.wiring;

import io.slurmops.adapters.store.Decision;
import io.slurmops.bot.alerts.AlertStore;
import io.slurmops.bot.alerts.AlertsCommand;
import io.slurmops.bot.alerts.IncidentReportCommand;
import io.slurmops.bot.alerts.SilenceCommand;
import io.slurmops.bot.approval.CancelCommand;
import io.slurmops.bot.approval.PendingCommand;
import io.slurmops.bot.approval.VoteCommand;
import io.slurmops.bot.audit.AuditCommand;
import io.slurmops.commands.backup.BackupCommand;
import io.slurmops.commands.backup.BackupService;
import io.slurmops.commands.backup.BackupsCommand;
import io.slurmops.commands.backup.RestoreCommand;
import io.slurmops.commands.catalog.CommandRegistry;
import io.slurmops.commands.change.ChangeCommands;
import io.slurmops.commands.read.ReadCommands;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every command the bot answers, in the order help lists them: the read commands (one line each in
 * {@link ReadCommands}), the alert commands, the changes ({@link ChangeCommands}) and the bot's own
 * workflow commands. Help holds the same registry, so it lists exactly what the catalog parses.
 */
final class BotCommands {

    private BotCommands() {
    }

    /**
     * @param probeNames what {@code silence CHECK} accepts
     * @param approvedAt when a change request was approved, for incident timelines
     * @param backups    what backup, backups and restore work with
     */
    static CommandRegistry registry(AlertStore alertStore, Set<String> probeNames,
                                    Function<String, Optional<Instant>> approvedAt) {
        return registry(alertStore, probeNames, approvedAt, java.util.List.of());
    }

    /** @param runbooks the {@code runbook …} commands (empty for a bot without runbooks) */
    static CommandRegistry registry(AlertStore alertStore, Set<String> probeNames,
                                    Function<String, Optional<Instant>> approvedAt,
                                    java.util.List<io.slurmops.commands.catalog.SlurmCommand> runbooks) {
        return registry(alertStore, probeNames, approvedAt, runbooks,
                io.slurmops.bot.backup.BackupServices.from(io.slurmops.bot.config.BackupConfig.defaults(),
                        java.time.Clock.systemUTC()));
    }

    static CommandRegistry registry(AlertStore alertStore, Set<String> probeNames,
                                    Function<String, Optional<Instant>> approvedAt,
                                    java.util.List<io.slurmops.commands.catalog.SlurmCommand> runbooks,
                                    BackupService backups) {
        return registry(alertStore, probeNames, approvedAt, runbooks, backups, "");
    }

    /** @param maxConnectionsDefaults site.accountingDb.adminDefaults, for {@code db max-connections}; empty: refused */
    static CommandRegistry registry(AlertStore alertStore, Set<String> probeNames,
                                    Function<String, Optional<Instant>> approvedAt,
                                    java.util.List<io.slurmops.commands.catalog.SlurmCommand> runbooks,
                                    BackupService backups, String maxConnectionsDefaults) {
        return registry(alertStore, probeNames, approvedAt, runbooks, backups, maxConnectionsDefaults,
                (from, to, incidents) -> Optional.empty());
    }

    /** @param reportChart the node-state chart {@code incident report} attaches */
    static CommandRegistry registry(AlertStore alertStore, Set<String> probeNames,
                                    Function<String, Optional<Instant>> approvedAt,
                                    java.util.List<io.slurmops.commands.catalog.SlurmCommand> runbooks,
                                    BackupService backups, String maxConnectionsDefaults,
                                    IncidentReportCommand.Chart reportChart) {
        return ReadCommands.register(new CommandRegistry())
                .add(new AlertsCommand(alertStore))
                .add(new SilenceCommand(alertStore, probeNames))
                .add(new IncidentReportCommand(alertStore, approvedAt, reportChart))
                .add(new BackupsCommand(backups))
                .add(new BackupCommand(backups))
                .addAll(ChangeCommands.all())
                .add(new RestoreCommand(backups))
                .add(new io.slurmops.commands.change.MaxConnectionsCommand(maxConnectionsDefaults))
                .addAll(runbooks)
                .add(new VoteCommand(Decision.APPROVE))
                .add(new VoteCommand(Decision.DENY))
                .add(new PendingCommand())
                .add(new CancelCommand())
                .add(new AuditCommand());
    }
}
