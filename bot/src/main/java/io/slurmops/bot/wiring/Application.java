package io.slurmops.bot.wiring;

import io.slurmops.bot.backup.BackupServices;
import io.slurmops.commands.backup.BackupService;
import io.slurmops.bot.alerts.AlertService;
import io.slurmops.bot.alerts.AlertStore;
import io.slurmops.bot.alerts.StoredAlertStore;
import io.slurmops.bot.alerts.SuggestedFixes;
import io.slurmops.bot.alerts.alertmanager.AlertmanagerIntake;
import io.slurmops.adapters.db.AccountingDbSettings;
import io.slurmops.adapters.db.JdbcAccountingDbProbe;
import io.slurmops.bot.completion.CommandCompletions;
import io.slurmops.bot.config.AccountingDbConfig;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.bot.approval.ApprovalPolicy;
import io.slurmops.bot.approval.Approvals;
import io.slurmops.bot.audit.StoredAuditLog;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.pipeline.Authorizer;
import io.slurmops.bot.pipeline.Bot;
import io.slurmops.bot.pipeline.Desks;
import io.slurmops.bot.runbook.chat.RunbookCommands;
import io.slurmops.bot.runbook.chat.RunbookDesk;
import io.slurmops.bot.runbook.chat.RunbookSet;
import io.slurmops.commands.alerts.NodeSymptoms;
import io.slurmops.commands.alerts.HealthProbe;
import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.Transport;
import io.slurmops.commands.plan.PlanRunner;
import io.slurmops.commands.site.AccountingDbProbe;
import io.slurmops.commands.site.ClusterAccess;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the bot from its configuration and owns what must be closed (connections, stores, watchers). */
public final class Application implements AutoCloseable {

    private final SlurmopsConfig config;
    private final Transport transport;
    private final ClusterAccess cluster;
    private final KnowledgeBase knowledgeBase;
    private final StoredAlertStore alertStore;
    private final SlurmopsStore store;
    private final Approvals approvals;
    private final Bot bot;
    private final Clock clock;
    private final BackupService backups;
    private final RunbookDesk runbooks;
    private final EscalationWiring escalation;
    private final CommandCatalog catalog;
    /** The health checks' names (alertmanager's too when on): what incidents are counted by. */
    private final Set<String> checkNames;
    /** Autocomplete for Discord's /slurm: node names and open request ids, from memory. */
    private final CommandCompletions completions;
    private final io.slurmops.bot.metrics.BotMetrics metrics = new io.slurmops.bot.metrics.BotMetrics();
    private final HttpListeners listeners = new HttpListeners();
    /** The health watch and what starts with it (daily backup, webhook, triggers, escalation). */
    private final AlertWiring watch;
    /** Who this instance is in the store's leases and claims. */
    private final String leaseHolder = java.lang.management.ManagementFactory.getRuntimeMXBean().getName()
            + "/" + java.util.UUID.randomUUID().toString().substring(0, 8);
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
        this.nodeSamples = new io.slurmops.bot.incidents.NodeStateSamples(store, config.incidents().sampleRetention());
        this.incidents = new io.slurmops.bot.incidents.DeclaredIncidentDesk(store, alertStore, clock,
                config.incidents(), nodeSamples);
        this.incidentReminders = new io.slurmops.bot.incidents.IncidentReminders(incidents, config.prefix());
        this.postmortems = new io.slurmops.bot.incidents.Postmortems(incidents, cluster);
        NodeSymptoms symptoms = new NodeSymptoms();
        List<HealthProbe> probes = AlertWiring.probes(config.alerts(), backups, alertStore, nodeSamples,
                config.ssh().port(), symptoms);
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
            this.watch = new AlertWiring(new AlertWiring.Parts(config, store, alertStore, cluster, knowledgeBase,
                    clock, backups, runbooks, approvals, catalog, metrics, listeners, escalation, leaseHolder),
                    probes, symptoms);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * When a RUNNING runbook run of another instance counts as orphaned: a MariaDB store may serve several
     * instances, so only once its owner missed its heartbeats for a lease ttl; the embedded store serves one,
     * so a run found RUNNING at a start was cut off by the stop (paused at once, as before).
     */
    private static java.time.Duration orphanedAfter(SlurmopsConfig config) {
        return config.store().url().startsWith("jdbc:mariadb:") ? config.store().leaseTtl() : java.time.Duration.ZERO;
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
    public AlertService startAlerts(String platform, String channelId, ChatChannel channel) {
        return watch.start(platform, channelId, channel);
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
        HealthWiring.instrument(metrics, version, alertStore, checkNames, watch::leaseHeld, AlertWiring.ALERT_LEASE,
                chat);
        return HealthWiring.serve(config, listeners, metrics, () -> HealthWiring.readiness(store, chat,
                watch.leaseHeld(), AlertWiring.ALERT_LEASE));
    }

    /** The running Alertmanager webhook, if any (its port, for tests on port 0). */
    public java.util.Optional<AlertmanagerIntake> alertmanager() {
        return watch.alertmanager();
    }

    @Override
    public synchronized void close() {
        watch.close();
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
