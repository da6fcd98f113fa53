package io.slurmops.bot.wiring;

import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.bot.alerts.AlertPoster;
import io.slurmops.bot.alerts.AlertService;
import io.slurmops.bot.alerts.AlertStore;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.bot.alerts.IncidentTracker;
import io.slurmops.bot.alerts.StoredAlertStore;
import io.slurmops.bot.alerts.TriggerSource;
import io.slurmops.bot.alerts.alertmanager.AlertmanagerIntake;
import io.slurmops.bot.approval.Approvals;
import io.slurmops.bot.backup.BackupSchedule;
import io.slurmops.bot.config.AlertConfig;
import io.slurmops.bot.config.AlertmanagerConfig;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.incidents.NodeStateSamples;
import io.slurmops.bot.lifecycle.LeaseKeeper;
import io.slurmops.bot.metrics.BotMetrics;
import io.slurmops.bot.runbook.chat.RunbookDesk;
import io.slurmops.commands.alerts.CheckProbe;
import io.slurmops.commands.alerts.ControllerProbe;
import io.slurmops.commands.alerts.HealthProbe;
import io.slurmops.commands.alerts.ManagementPath;
import io.slurmops.commands.alerts.NodeFaultDiagnoser;
import io.slurmops.commands.alerts.NodeProbe;
import io.slurmops.commands.alerts.NodeStorms;
import io.slurmops.commands.alerts.NodeSymptoms;
import io.slurmops.commands.backup.BackupProbe;
import io.slurmops.commands.backup.BackupService;
import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.read.CheckClockCommand;
import io.slurmops.commands.read.CheckConfigCommand;
import io.slurmops.commands.read.CheckDbCommand;
import io.slurmops.commands.read.CheckMungeCommand;
import io.slurmops.commands.read.ServicesCommand;
import io.slurmops.commands.site.ClusterAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The background watch as the application wires it: the health probes, the alert lease that lets one
 * instance of several watch, and what starts with the watch (the daily backup, the Alertmanager
 * webhook, Slurm triggers, escalation). Built with the application; started when a chat channel for
 * alerts is known.
 */
final class AlertWiring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertWiring.class);

    static final String ALERT_LEASE = "alerts";

    /** The application's parts the watch works with. */
    record Parts(SlurmopsConfig config, SlurmopsStore store, StoredAlertStore alertStore, ClusterAccess cluster,
                 KnowledgeBase knowledgeBase, Clock clock, BackupService backups, RunbookDesk runbooks,
                 Approvals approvals, CommandCatalog catalog, BotMetrics metrics, HttpListeners listeners,
                 EscalationWiring escalation, String leaseHolder) {
    }

    private final Parts parts;
    private final List<HealthProbe> probes;
    /** Nodes the config and clock checks could not read: symptoms for the node's own incident. */
    private final NodeSymptoms symptoms;
    private AlertService alerts;
    private TriggerSource triggers;
    private AlertmanagerIntake alertmanager;
    private BackupSchedule dailyBackup;
    /** Several instances on one store: the holder of the alert lease watches; a lapsed lease (crash) is taken over. */
    private volatile LeaseKeeper alertLease;

    AlertWiring(Parts parts, List<HealthProbe> probes, NodeSymptoms symptoms) {
        this.parts = parts;
        this.probes = probes;
        this.symptoms = symptoms;
    }

    /**
     * What the health watch runs. Each fault should raise exactly one incident, so overlapping
     * checks are left out: a closed slurmd port or a failing munge round trip on a node shows as
     * that node not responding, diagnosed with the node-side checks instead of a second alert.
     */
    static List<HealthProbe> probes(AlertConfig a, BackupService backups, AlertStore alertStore,
                                    NodeStateSamples samples, int sshPort, NodeSymptoms symptoms) {
        // The runbook's first checks on a node Slurm gave up on: munge before services, then the clock.
        NodeFaultDiagnoser diagnoser = new NodeFaultDiagnoser(List.of(new CheckMungeCommand(), new ServicesCommand(),
                new CheckClockCommand()), sshPort);
        // many nodes at once (a rack, a partition) are one incident, not hundreds of messages
        HealthProbe nodes = new NodeStorms(new NodeProbe(a.nodesInterval(), diagnoser,
                new ManagementPath(sshPort, a.interval())).recordingTo(samples::record), NodeStorms.DEFAULT_THRESHOLD,
                key -> alertStore.latest(key).map(Incident::isOpen).orElse(false));
        return List.of(new ControllerProbe(a.interval()), nodes,
                new CheckProbe("accounting", new CheckDbCommand(), a.interval(), false),
                new CheckProbe("config", new CheckConfigCommand(), a.interval(), true, symptoms),
                new CheckProbe("clock", new CheckClockCommand(), a.interval(), true, symptoms),
                new BackupProbe(backups, a.interval().multipliedBy(10)));
    }

    /** For health: null while the watch is off, else whether this instance holds the alert lease. */
    Boolean leaseHeld() {
        LeaseKeeper lease = alertLease;
        return lease == null ? null : lease.holds();
    }

    /** The running Alertmanager webhook, if any. */
    Optional<AlertmanagerIntake> alertmanager() {
        return Optional.ofNullable(alertmanager);
    }

    /** See {@link Application#startAlerts}. */
    synchronized AlertService start(String platform, String channelId, ChatChannel channel) {
        SlurmopsConfig config = parts.config();
        AlertConfig a = config.alerts();
        AlertPoster poster = new AlertPoster(channel, platform, channelId, parts.knowledgeBase(), config.prefix(),
                config.site().clusterName());
        alertLease = new LeaseKeeper(parts.store(), ALERT_LEASE, parts.leaseHolder(),
                config.store().leaseTtl(), config.store().leaseRenewEvery());
        // The watch's writes and posts are fenced by the lease; chat's (reactions, silences) are not.
        AlertStore watched = parts.alertStore().fencedBy(alertLease);
        alerts = new AlertService(probes, new IncidentTracker(watched, a.recoveryPolls(), a.flapWindow()), watched,
                poster, () -> new CommandContext(parts.cluster(), parts.knowledgeBase(), parts.clock(),
                "slurmops-alerts", config.prefix()),
                parts.clock(), alertLease::holds);
        alerts.holdPlannedWork(parts.runbooks()::plannedWork);
        alerts.confirmEvery(a.confirmEvery());
        alerts.onPosted(parts.metrics()::alertPosted);
        alerts.attachSymptoms(symptoms);
        AlertService leading = alerts;
        alertLease.onAcquired(leading::runAllNow);
        alertLease.start();
        alerts.start();
        AlertService watch = alerts;
        // Recovery at once: an approved fix that ran is re-checked now, and confirmed with quick polls.
        parts.approvals().onExecuted(id -> watch.afterChange());
        // A backup that fails verification is alerted at once, not at the probe's next poll.
        parts.backups().onVerificationFailed(m -> watch.runNow(BackupProbe.NAME));
        config.backups().dailyAt().ifPresent(at -> {
            dailyBackup = new BackupSchedule(parts.backups(), parts.cluster(), at, parts.clock(),
                    this::claimDailyBackup);
            dailyBackup.start();
        });
        startAlertmanager(alerts);
        parts.escalation().start(channel, alertLease::holds);
        if (a.triggers()) {
            try {
                triggers = new TriggerSource(parts.cluster(), Path.of(a.triggerSpool()), a.slurmUser(),
                        alerts::runNow);
                triggers.start();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Slurm triggers unavailable ({}); alerts rely on polling", e.getMessage());
            }
        }
        return alerts;
    }

    /**
     * The Alertmanager webhook, when configured. A webhook that cannot start (port in use, unreadable
     * secret, a fix rule naming no command) is reported and the rest of the bot runs without it.
     */
    private void startAlertmanager(AlertService watch) {
        if (!parts.config().alertmanager().enabled()) {
            return;
        }
        try {
            AlertmanagerConfig am = parts.config().alertmanager();
            alertmanager = AlertmanagerIntake.start(am, watch, parts.catalog(),
                    parts.listeners().on(am.address(), am.port(), am.maxBodyBytes()));
        } catch (IOException | RuntimeException e) {
            LOG.error("Alertmanager webhook not started: {}", e.getMessage());
        }
    }

    /** The day's backup is claimed in the store, so that one instance of several runs it. */
    private boolean claimDailyBackup(LocalDate day) {
        return parts.store().transaction(tx -> tx.claimOnce("backup-daily:" + day, parts.leaseHolder(), 0));
    }

    /** Stops what feeds the watch first, then the watch, then gives up the lease (a standby takes over). */
    @Override
    public synchronized void close() {
        if (dailyBackup != null) {
            dailyBackup.close();
        }
        if (triggers != null) {
            triggers.close();
        }
        if (alertmanager != null) {
            alertmanager.close();
        }
        parts.escalation().close();
        parts.listeners().close();
        if (alerts != null) {
            alerts.close();
        }
        if (alertLease != null) {
            alertLease.close(); // released: a standby takes over at its next try
        }
    }
}
