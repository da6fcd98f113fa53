package io.slurmops.bot.wiring;

import io.slurmops.bot.alerts.AlertPoster;
import io.slurmops.bot.backup.BackupSchedule;
import io.slurmops.bot.backup.BackupServices;
import io.slurmops.commands.backup.BackupProbe;
import io.slurmops.commands.backup.BackupService;
import io.slurmops.bot.alerts.AlertService;
import io.slurmops.bot.alerts.AlertStore;
import io.slurmops.bot.alerts.StoredAlertStore;
import io.slurmops.bot.alerts.SuggestedFixes;
import io.slurmops.bot.alerts.alertmanager.AlertmanagerIntake;
import io.slurmops.bot.alerts.IncidentTracker;
import io.slurmops.bot.alerts.TriggerSource;
import io.slurmops.adapters.db.AccountingDbSettings;
import io.slurmops.adapters.db.JdbcAccountingDbProbe;
import io.slurmops.bot.completion.CommandCompletions;
import io.slurmops.bot.config.AccountingDbConfig;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.bot.approval.ApprovalPolicy;
import io.slurmops.bot.approval.Approvals;
import io.slurmops.bot.audit.StoredAuditLog;
import io.slurmops.bot.config.AlertConfig;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.pipeline.Authorizer;
import io.slurmops.bot.pipeline.Bot;
import io.slurmops.bot.pipeline.Desks;
import io.slurmops.bot.runbook.chat.RunbookCommands;
import io.slurmops.bot.runbook.chat.RunbookDesk;
import io.slurmops.bot.runbook.chat.RunbookSet;
import io.slurmops.commands.alerts.CheckProbe;
import io.slurmops.commands.alerts.ManagementPath;
import io.slurmops.commands.alerts.NodeFaultDiagnoser;
import io.slurmops.commands.alerts.NodeSymptoms;
import io.slurmops.commands.read.CheckClockCommand;
import io.slurmops.commands.read.CheckConfigCommand;
import io.slurmops.commands.read.CheckDbCommand;
import io.slurmops.commands.read.CheckMungeCommand;
import io.slurmops.commands.read.ServicesCommand;
import io.slurmops.commands.alerts.ControllerProbe;
import io.slurmops.commands.alerts.HealthProbe;
import io.slurmops.commands.alerts.NodeProbe;
import io.slurmops.commands.alerts.NodeStorms;
import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.Transport;
import io.slurmops.commands.plan.PlanRunner;
import io.slurmops.commands.site.AccountingDbProbe;
import io.slurmops.commands.site.ClusterAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the bot from its configuration and owns what must be closed (connections, stores, watchers). */
public final class Application implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final SlurmopsConfig config;
    private final Transport transport;
    private final ClusterAccess cluster;
    private final KnowledgeBase knowledgeBase;
    private final StoredAlertStore alertStore;
    private final List<HealthProbe> probes;
    /** Nodes the config and clock checks could not read: symptoms for the node's own incident. */
    private final NodeSymptoms symptoms = new NodeSymptoms();
    private final SlurmopsStore store;
    private final Approvals approvals;
    private final Bot bot;
    private final Clock clock;
    private final BackupService backups;
    private final RunbookDesk runbooks;
    private AlertService alerts;
    private TriggerSource triggers;
    private AlertmanagerIntake alertmanager;
    private final EscalationWiring escalation;
    private final CommandCatalog catalog;
    /** The health checks' names (alertmanager's too when on): what incidents are counted by. */
    private final Set<String> checkNames;
    /** Autocomplete for Discord's /slurm: node names and open request ids, from memory. */
    private final CommandCompletions completions;
    private BackupSchedule dailyBackup;
    private final io.slurmops.bot.metrics.BotMetrics metrics = new io.slurmops.bot.metrics.BotMetrics();
    private final HttpListeners listeners = new HttpListeners();
    /** Whether this instance held the alert lease at its last renewal; null while the watch is off. */
    private final io.slurmops.bot.incidents.NodeStateSamples nodeSamples;
    private final io.slurmops.bot.incidents.DeclaredIncidentDesk incidents;
    private final io.slurmops.bot.incidents.IncidentReminders incidentReminders;
    private final io.slurmops.bot.incidents.Postmortems postmortems;

    /** How often expiry, interrupted runs and pending announcements are swept. */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(10);
    /** How often open declared incidents are checked for an overdue status update. */
    static final Duration INCIDENT_REMINDER_CHECK = Duration.ofSeconds(30);
    /** How often a runbook's wait-until step tests its check. */
    static final Duration RUNBOOK_POLL = Duration.ofSeconds(2);

    private Application(SlurmopsConfig config, Transport transport, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.transport = transport;
        this.cluster = new ClusterAccess(config.site(), transport, accountingDbProbe(config));
        this.knowledgeBase = KnowledgeBase.builtIn();
        this.store = SlurmopsStore.open(config.store().url(), config.store().user(), config.store().password());
        store.setObserver(metrics.storeObserver());
        this.alertStore = new StoredAlertStore(store);
        this.backups = BackupServices.from(config.backups(), clock);
        AlertConfig a = config.alerts();
        this.nodeSamples = new io.slurmops.bot.incidents.NodeStateSamples(store, config.incidents().sampleRetention());
        this.incidents = new io.slurmops.bot.incidents.DeclaredIncidentDesk(store, alertStore, clock,
                config.incidents(), nodeSamples);
        this.incidentReminders = new io.slurmops.bot.incidents.IncidentReminders(incidents, config.prefix());
        this.postmortems = new io.slurmops.bot.incidents.Postmortems(incidents, cluster);
        this.probes = alertProbes(a, backups, alertStore, nodeSamples, config.ssh().port(), symptoms);
        Set<String> probeNames = probes.stream().map(HealthProbe::name).collect(Collectors.toSet());
        if (config.alertmanager().enabled()) {
            // `silence alertmanager 2h` quiets every alert that came through the webhook
            probeNames = new java.util.HashSet<>(probeNames);
            probeNames.add(AlertmanagerIntake.SOURCE);
        }
        this.runbooks = new RunbookDesk(RunbookSet.load(config.runbooks().siteDir()), cluster, store, clock,
                config.prefix(), config.backups().dir(), RUNBOOK_POLL, backups,
                new io.slurmops.adapters.store.StoreRunJournal(store, clock, leaseHolder, orphanedAfter(config)));
        this.escalation = new EscalationWiring(config, store, alertStore, clock, leaseHolder);
        this.checkNames = Set.copyOf(probeNames);
        this.catalog = new CommandCatalog(config.prefix(),
                BotCommands.registry(alertStore, probeNames, this::approvedAt, RunbookCommands.all(runbooks), backups,
                                config.accountingDb().adminDefaults(), postmortems::periodChart)
                        .addAll(io.slurmops.bot.incidents.IncidentCommands.all(incidents, postmortems,
                                incidentReminders))
                        .add(escalation.command())
                        .commands());
        Authorizer authorizer = new Authorizer(config.access());
        ApprovalPolicy policy = ApprovalPolicy.from(config.approvals(), catalog);
        try {
            PlanRunner runner = new PlanRunner(transport, commands -> {
                long started = System.nanoTime();
                try {
                    return cluster.runAll(commands);
                } finally {
                    metrics.fanOut(Duration.ofNanos(System.nanoTime() - started));
                }
            });
            this.approvals = new Approvals(store, catalog, policy, authorizer, clock,
                    (who, id) -> new CommandContext(cluster, knowledgeBase, clock, who, config.prefix(), id), runner);
            runbooks.connect(approvals, authorizer);
            this.bot = new Bot(catalog, cluster, knowledgeBase, authorizer, clock,
                    Desks.of(approvals, new StoredAuditLog(store), config.prefix(), clock));
            bot.setReactionHook(escalation.reactions(authorizer,
                    new SuggestedFixes(alertStore, bot, authorizer, config.prefix(), clock)));
            bot.setCommandObserver((command, outcome, took) -> metrics.command(command, outcome.name(), took));
            this.completions = new CommandCompletions(catalog, cluster, store, clock);
            bot.setCompleter(completions);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * What the health watch runs. Each fault should raise exactly one incident, so overlapping
     * checks are left out: a closed slurmd port or a failing munge round trip on a node shows as
     * that node not responding, diagnosed with the node-side checks instead of a second alert.
     */
    private static List<HealthProbe> alertProbes(AlertConfig a, BackupService backups, AlertStore alertStore,
                                                 io.slurmops.bot.incidents.NodeStateSamples samples, int sshPort,
                                                 NodeSymptoms symptoms) {
        // The runbook's first checks on a node Slurm gave up on: munge before services, then the clock.
        NodeFaultDiagnoser diagnoser = new NodeFaultDiagnoser(List.of(new CheckMungeCommand(), new ServicesCommand(),
                new CheckClockCommand()), sshPort);
        // many nodes at once (a rack, a partition) are one incident, not hundreds of messages
        HealthProbe nodes = new NodeStorms(new NodeProbe(a.nodesInterval(), diagnoser,
                new ManagementPath(sshPort, a.interval())).recordingTo(samples::record), NodeStorms.DEFAULT_THRESHOLD,
                key -> alertStore.latest(key).map(io.slurmops.bot.alerts.Incident::isOpen).orElse(false));
        return List.of(new ControllerProbe(a.interval()), nodes,
                new CheckProbe("accounting", new CheckDbCommand(), a.interval(), false),
                new CheckProbe("config", new CheckConfigCommand(), a.interval(), true, symptoms),
                new CheckProbe("clock", new CheckClockCommand(), a.interval(), true, symptoms),
                new BackupProbe(backups, a.interval().multipliedBy(10)));
    }

    /**
     * When a RUNNING runbook run of another instance counts as orphaned: a MariaDB store may serve several
     * instances, so only once its owner missed its heartbeats for a lease ttl; the embedded store serves one,
     * so a run found RUNNING at a start was cut off by the stop (paused at once, as before).
     */
    private static java.time.Duration orphanedAfter(SlurmopsConfig config) {
        return config.store().url().startsWith("jdbc:mariadb:") ? config.store().leaseTtl() : java.time.Duration.ZERO;
    }

    private static final String ALERT_LEASE = "alerts";
    private final String leaseHolder = java.lang.management.ManagementFactory.getRuntimeMXBean().getName()
            + "/" + java.util.UUID.randomUUID().toString().substring(0, 8);
    /** Several instances on one store: the holder of the alert lease watches; a lapsed lease (crash) is taken over. */
    private volatile io.slurmops.bot.lifecycle.LeaseKeeper alertLease;

    /** For health: null while the watch is off, else whether this instance holds the alert lease. */
    private Boolean leaseHeld() {
        io.slurmops.bot.lifecycle.LeaseKeeper lease = alertLease;
        return lease == null ? null : lease.holds();
    }

    /** When change request {@code id} was approved, for incident timelines. */
    private java.util.Optional<java.time.Instant> approvedAt(String id) {
        try {
            return store.transaction(tx -> tx.request(Long.parseLong(id)))
                    .filter(r -> r.decidedAt() != null && r.state() != io.slurmops.adapters.store.RequestState.DENIED
                            && r.state() != io.slurmops.adapters.store.RequestState.EXPIRED
                            && r.state() != io.slurmops.adapters.store.RequestState.CANCELLED)
                    .map(io.slurmops.adapters.store.RequestRecord::decidedAt);
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** The JDBC accounting-DB probe for {@code check db}, or null when site.accountingDb is not configured. */
    private static AccountingDbProbe accountingDbProbe(SlurmopsConfig config) {
        AccountingDbConfig db = config.accountingDb();
        if (!db.configured()) {
            return null;
        }
        return new JdbcAccountingDbProbe(new AccountingDbSettings(db.url(), db.user(), db.password(),
                db.passwordFile().isBlank() ? null : Path.of(db.passwordFile()), config.site().clusterName(),
                db.connectTimeout()));
    }

    /**
     * For one command ({@code slurmops run}, {@code audit}): nothing runs in the background, and
     * nothing another process left behind (an approved plan whose process died) runs here.
     */
    public static Application start(SlurmopsConfig config) {
        return new Application(config, Transports.fromConfig(config), Clock.systemDefaultZone());
    }

    /** With a given transport and clock: tests put a recording transport at the network edge. */
    public static Application start(SlurmopsConfig config, Transport transport, Clock clock) {
        return new Application(config, transport, clock);
    }

    /**
     * For the processes that stay up (bot, console): they recover what a crash left — expired
     * requests, interrupted runs, approved plans whose process died (run within
     * {@code approvals.orphanExpiry}, else expired and reported) — and sweep every 10 s.
     */
    public static Application startLongRunning(SlurmopsConfig config) {
        return start(config).recoverAndSweep();
    }

    public static Application startLongRunning(SlurmopsConfig config, Transport transport, Clock clock) {
        return start(config, transport, clock).recoverAndSweep();
    }

    private Application recoverAndSweep() {
        try {
            // A run cut off by the stop is paused, never re-run; its thread hears why once the channel speaks.
            // Before the approvals recover: an orphaned runbook approval they start must not be paused.
            runbooks.pauseInterrupted();
            approvals.recover();
            approvals.startSweeping(SWEEP_EVERY);
            if (!orphanedAfter(config).isZero()) {
                runbooks.watchOrphans(config.store().leaseRenewEvery());
            }
            incidentReminders.start(INCIDENT_REMINDER_CHECK);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public Approvals approvals() {
        return approvals;
    }

    /** Chat deliveries recorded in the store before an adapter acks them (see ChatAdapters#start). */
    public io.slurmops.adapters.chat.DeliveryLog deliveryLog() {
        return (platform, key) -> store.transaction(tx -> tx.firstDelivery(platform, key, clock.instant()));
    }

    public SlurmopsConfig config() {
        return config;
    }

    public RunbookDesk runbooks() {
        return runbooks;
    }

    public Bot bot() {
        return bot;
    }

    public AlertStore alertStore() {
        return alertStore;
    }

    /** Declared incidents (INC-N): the desk behind the incident commands. */
    public io.slurmops.bot.incidents.DeclaredIncidentDesk incidents() {
        return incidents;
    }

    /** Reminders of overdue status updates; the chat adapters tell it how to reach a channel. */
    public io.slurmops.bot.incidents.IncidentReminders incidentReminders() {
        return incidentReminders;
    }

    /** Postmortems and charts of declared incidents (chat and {@code slurmops incident export}). */
    public io.slurmops.bot.incidents.Postmortems postmortems() {
        return postmortems;
    }

    /** The backup service (chat commands, the daily backup, the runbook engine's database steps). */
    public BackupService backups() {
        return backups;
    }

    /**
     * Starts the health watch, posting into {@code channel} (which is {@code channelId} on
     * {@code platform}: incidents record it, so a reaction counts only on that channel's message);
     * Slurm triggers too when configured.
     */
    public synchronized AlertService startAlerts(String platform, String channelId, ChatChannel channel) {
        AlertConfig a = config.alerts();
        AlertPoster poster = new AlertPoster(channel, platform, channelId, knowledgeBase, config.prefix(),
                config.site().clusterName());
        alertLease = new io.slurmops.bot.lifecycle.LeaseKeeper(store, ALERT_LEASE, leaseHolder,
                config.store().leaseTtl(), config.store().leaseRenewEvery());
        // The watch's writes and posts are fenced by the lease; chat's (reactions, silences) are not.
        AlertStore watched = alertStore.fencedBy(alertLease);
        alerts = new AlertService(probes, new IncidentTracker(watched, a.recoveryPolls(), a.flapWindow()), watched,
                poster, () -> new CommandContext(cluster, knowledgeBase, clock, "slurmops-alerts", config.prefix()),
                clock, alertLease::holds);
        alerts.holdPlannedWork(runbooks::plannedWork);
        alerts.confirmEvery(a.confirmEvery());
        alerts.onPosted(metrics::alertPosted);
        alerts.attachSymptoms(symptoms);
        AlertService leading = alerts;
        alertLease.onAcquired(leading::runAllNow);
        alertLease.start();
        alerts.start();
        AlertService watch = alerts;
        // Recovery at once: an approved fix that ran is re-checked now, and confirmed with quick polls.
        approvals.onExecuted(id -> watch.afterChange());
        // A backup that fails verification is alerted at once, not at the probe's next poll.
        backups.onVerificationFailed(m -> watch.runNow(BackupProbe.NAME));
        config.backups().dailyAt().ifPresent(at -> {
            dailyBackup = new BackupSchedule(backups, cluster, at, clock, this::claimDailyBackup);
            dailyBackup.start();
        });
        startAlertmanager(alerts);
        escalation.start(channel, alertLease::holds);
        if (a.triggers()) {
            try {
                triggers = new TriggerSource(cluster, Path.of(a.triggerSpool()), a.slurmUser(), alerts::runNow);
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
        if (!config.alertmanager().enabled()) {
            return;
        }
        try {
            io.slurmops.bot.config.AlertmanagerConfig am = config.alertmanager();
            alertmanager = AlertmanagerIntake.start(am, watch, catalog,
                    listeners.on(am.address(), am.port(), am.maxBodyBytes()));
        } catch (IOException | RuntimeException e) {
            LOG.error("Alertmanager webhook not started: {}", e.getMessage());
        }
    }

    /**
     * Serves /metrics, /healthz and /readyz when {@code metrics.enabled} (on the webhook's listener when
     * both use one port). Reported and skipped, like the webhook, when it cannot start.
     *
     * @param chat the connected platforms, or null where there is no chat connection (the console)
     * @return the port served, if any (the real one when configured as 0)
     */
    public java.util.OptionalInt serveHealth(ChatAdapters chat, String version) {
        if (!config.metrics().enabled()) {
            return java.util.OptionalInt.empty();
        }
        HealthWiring.instrument(metrics, version, alertStore, checkNames, this::leaseHeld, ALERT_LEASE, chat);
        return HealthWiring.serve(config, listeners, metrics, () -> HealthWiring.readiness(store, chat, leaseHeld(),
                ALERT_LEASE));
    }

    /** The running Alertmanager webhook, if any (its port, for tests on port 0). */
    public java.util.Optional<AlertmanagerIntake> alertmanager() {
        return java.util.Optional.ofNullable(alertmanager);
    }

    /** The day's backup is claimed in the store, so that one instance of several runs it. */
    private boolean claimDailyBackup(java.time.LocalDate day) {
        return store.transaction(tx -> tx.claimOnce("backup-daily:" + day, leaseHolder, 0));
    }

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
        escalation.close();
        listeners.close();
        if (alerts != null) {
            alerts.close();
        }
        if (alertLease != null) {
            alertLease.close(); // released: a standby takes over at its next try
        }
        incidentReminders.close();
        runbooks.close();
        completions.close();
        approvals.close();
        store.close();
        cluster.close();
        transport.close();
        metrics.close();
    }
}
