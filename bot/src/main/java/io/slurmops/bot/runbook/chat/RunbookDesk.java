package io.slurmops.bot.runbook.chat;

import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.adapters.store.StoreRunJournal;
import io.slurmops.bot.alerts.Silence;
import io.slurmops.bot.approval.Approvals;
import io.slurmops.bot.approval.Proposal;
import io.slurmops.bot.approval.ProposalOwner;
import io.slurmops.bot.approval.Voter;
import io.slurmops.bot.config.Identity;
import io.slurmops.bot.lifecycle.GracefulStop;
import io.slurmops.bot.pipeline.Authorizer;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.runbook.BoundRunbook;
import io.slurmops.commands.runbook.Runbook;
import io.slurmops.commands.runbook.RunbookCanonical;
import io.slurmops.commands.runbook.RunbookPreview;
import io.slurmops.commands.runbook.run.RunJournal;
import io.slurmops.commands.runbook.run.RunState;
import io.slurmops.commands.runbook.run.RunbookEngine;
import io.slurmops.commands.site.ClusterAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runbooks through the one approval path: {@code run} and {@code resume} open requests (plan = the
 * frozen template with its plan-time values, hashed by {@link RunbookCanonical}) that people vote on
 * like any change; once approved the run goes on a background thread, never the chat thread. A gate
 * is a further request in the run's thread, bound to the run and the step. {@code abort} needs no
 * vote: stopping is safe.
 */
public final class RunbookDesk implements ProposalOwner, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunbookDesk.class);
    static final String RUN = "runbook run";
    static final String RESUME = "runbook resume";
    static final String GATE = "runbook gate";

    private final RunbookSet runbooks;
    private volatile Approvals approvals;
    private volatile Authorizer authorizer;
    private final ClusterAccess cluster;
    private final RunJournal journal;
    private final RunLinks links;
    private final RunChat chat;
    private final RunbookEngine engine;
    private final PlannedWork plannedWork;
    private final RunGates gates;
    private final String prefix;
    private final SlurmopsStore store;
    /** Work queued or running on the runbook thread: runs go one at a time. */
    private final java.util.concurrent.atomic.AtomicInteger busy = new java.util.concurrent.atomic.AtomicInteger();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "slurmops-runbooks");
        t.setDaemon(true);
        return t;
    });

    /** Built before the approvals (its commands are in their catalog); {@link #connect} completes it. */
    public RunbookDesk(RunbookSet runbooks, ClusterAccess cluster, SlurmopsStore store, Clock clock, String prefix,
                       String backupRoot, Duration pollInterval) {
        this(runbooks, cluster, store, clock, prefix, backupRoot, pollInterval, null);
    }

    /** @param backups what the runs' db-dump and db-restore steps use (null: those steps fail loudly) */
    public RunbookDesk(RunbookSet runbooks, ClusterAccess cluster, SlurmopsStore store, Clock clock, String prefix,
                       String backupRoot, Duration pollInterval, io.slurmops.commands.backup.BackupService backups) {
        this(runbooks, cluster, store, clock, prefix, backupRoot, pollInterval, backups,
                new StoreRunJournal(store, clock));
    }

    /**
     * @param journal where runs are recorded; with several instances on one store, a journal naming this
     *                instance as the owner of the runs it executes (see {@link #watchOrphans})
     */
    public RunbookDesk(RunbookSet runbooks, ClusterAccess cluster, SlurmopsStore store, Clock clock, String prefix,
                       String backupRoot, Duration pollInterval, io.slurmops.commands.backup.BackupService backups,
                       StoreRunJournal journal) {
        this.runbooks = runbooks;
        this.cluster = cluster;
        this.prefix = prefix;
        this.store = store;
        this.journal = journal;
        this.links = new RunLinks(store, journal, () -> approvals);
        this.chat = new RunChat(store, journal, links, runbooks, clock, prefix);
        this.engine = new RunbookEngine(cluster, journal, clock, backupRoot, pollInterval, chat, backups);
        this.plannedWork = new PlannedWork(journal, runbooks, clock);
        this.gates = new RunGates(() -> approvals, journal, links, chat);
    }

    /** Joins the approvals: it owns the runbook requests and hears when a channel is attached. */
    public void connect(Approvals approvals, Authorizer authorizer) {
        this.approvals = approvals;
        this.authorizer = authorizer;
        chat.onCreated(r -> approvals.finish(r, true, "runbook run started"));
        approvals.setProposalOwner(this);
        approvals.onAttach(chat::channelAttached);
    }

    RunbookSet runbooks() {
        return runbooks;
    }

    /** The runs' durable record (read it; the engine writes it). */
    public RunJournal journal() {
        return journal;
    }

    /** The newest runs' ids, newest first. */
    List<Long> recent(int limit) {
        return store.transaction(tx -> tx.recentRunbookRuns(limit));
    }

    /** The silences of the work runs are doing on purpose, for the health watch. */
    public List<Silence> plannedWork() {
        return plannedWork.silences();
    }

    /** {@code runbook run NAME [key=value …]}: the plan, posted for vote with the runbook's own risk. */
    BotResponse requestRun(String name, Map<String, String> given, ChatMessage m, ChatChannel ch, CommandSpec spec)
            throws UsageException {
        Runbook rb = runbook(name, spec);
        Optional<BotResponse> refused = refusal(m, spec, rb);
        if (refused.isPresent()) {
            return refused.get();
        }
        BoundRunbook bound;
        try {
            bound = BoundRunbook.bind(rb, PlanTimeValues.fill(rb, given, cluster));
        } catch (IllegalArgumentException e) {
            throw new UsageException("runbook " + name + ": " + e.getMessage(), spec.usage(prefix));
        }
        Proposal p = new Proposal(RUN, m.text().strip(), rb.risk(), needed(rb), RunRequestText.run(name, bound.planValues()),
                RunbookCanonical.hash(bound), "runbook " + name + " — " + rb.title(), RunbookPreview.render(bound),
                voter(m), null);
        return approvals.propose(p, ch);
    }

    /** {@code runbook resume ID [--rerun]}: goes on with destructive steps, so it is voted on like a run. */
    BotResponse requestResume(long run, boolean rerun, ChatMessage m, ChatChannel ch, CommandSpec spec)
            throws UsageException {
        RunJournal.RunRecord rec = record(run, spec);
        Runbook rb = runbook(rec.runbook(), spec);
        if (rec.state() == RunState.WAITING_GATE) {
            return gates.open(rec, rb) ? new BotResponse(Reply.builder("Run " + run + " waits at a gate; its vote is "
                    + "posted again in the run's thread").status(Status.PENDING).build(), Outcome.PENDING)
                    : new BotResponse(Reply.error("run " + run + " waits at a gate, but its channel is not known here yet"),
                    Outcome.FAILED);
        }
        if (rec.state() != RunState.FAILED && rec.state() != RunState.PAUSED) {
            return new BotResponse(Reply.error("run " + run + " is " + label(rec.state())
                    + "; only a failed or paused run resumes"), Outcome.REFUSED);
        }
        Optional<BotResponse> refused = refusal(m, spec, rb);
        if (refused.isPresent()) {
            return refused.get();
        }
        String text = RunRequestText.resume(run, rb.name(), rec.planHash(), rerun);
        String where = rec.steps().isEmpty() ? "from its preconditions"
                : "after step " + rec.steps().get(rec.steps().size() - 1).index() + "/" + rb.steps().size()
                + (rerun ? ", re-running that step" : ", once that step's check holds");
        Proposal p = new Proposal(RESUME, m.text().strip(), rb.risk(), needed(rb), text, RunRequestText.hash(text),
                "resume runbook run " + run + " (" + rb.name() + ") " + where,
                RunViews.status(rec, rb) + "\n" + rec.note(), voter(m), null);
        return approvals.propose(p, ch);
    }

    /** {@code runbook abort ID}: no vote (stopping is safe); a running run stops after its current step. */
    BotResponse abort(long run, ChatMessage m, CommandSpec spec) throws UsageException {
        RunJournal.RunRecord rec = record(run, spec);
        Runbook rb = runbook(rec.runbook(), spec);
        if (rec.state().over()) {
            return new BotResponse(Reply.error("run " + run + " is already " + label(rec.state())), Outcome.REFUSED);
        }
        chat.audit(run, "aborted by " + m.userName() + " (" + Identity.of(m.platform(), m.userId()).qualified() + ")");
        RunJournal.RunRecord after = engine.abort(run, rb, m.userName());
        return new BotResponse(Reply.builder("Run " + run + " (" + rb.name() + ") aborted by " + m.userName())
                .status(Status.WARNING).code(after.note()).build(), Outcome.DONE);
    }

    @Override
    public boolean owns(String command) {
        return RUN.equals(command) || RESUME.equals(command) || GATE.equals(command);
    }

    @Override
    public Reply approved(RequestRecord r) {
        if (!approvals.claim(r)) {
            return Reply.builder(r.tag() + " is already being handled").status(Status.INFO).build();
        }
        Optional<ChatChannel> ch = approvals.channelOf(r);
        Map<String, String> f = RunRequestText.decode(r.planText());
        boolean queued;
        try {
            Runbook rb = runbooks.get(f.get(RunRequestText.RUNBOOK)).orElseThrow(() ->
                    new IllegalStateException("this slurmops has no runbook `" + f.get(RunRequestText.RUNBOOK) + "`"));
            Runnable work = switch (r.command()) {
                case RUN -> startRun(r, rb, f, ch.orElse(null));
                case RESUME -> resume(r, rb, f);
                default -> gates.pass(r, rb, f, engine);
            };
            queued = busy.getAndIncrement() > 0;
            runner.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("runbook work for {} failed", r.tag(), e);
                    approvals.finish(r, false, "failed: " + e.getMessage());
                    ch.ifPresent(c -> c.post(Reply.error(r.tag() + " failed unexpectedly: " + e.getMessage())));
                } finally {
                    busy.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            approvals.finish(r, false, e.getMessage());
            return Reply.error(r.tag() + " approved but not run: " + e.getMessage());
        }
        String when = queued ? "another runbook run is at work; this one goes on when it stops"
                : r.command().equals(GATE) ? "the run goes on" : "it starts now";
        return Reply.builder(r.tag() + " approved; " + when + " — progress in the request's thread")
                .status(Status.OK).build();
    }

    @Override
    public void denied(RequestRecord r) {
        if (r.command().equals(GATE)) {
            long run = Long.parseLong(RunRequestText.decode(r.planText()).get(RunRequestText.RUN));
            chat.say(run, Reply.builder("Gate " + r.tag() + " denied: run " + run + " stays stopped before that step")
                    .status(Status.WARNING).paragraph("`" + prefix + " runbook resume " + run + "` asks again; `" + prefix
                            + " runbook abort " + run + "` ends the run.").build());
        }
    }

    /** The run of an approved plan: the hash is checked again, so only what was approved runs. */
    private Runnable startRun(RequestRecord r, Runbook rb, Map<String, String> f, ChatChannel ch) {
        BoundRunbook bound = BoundRunbook.bind(rb, RunRequestText.values(f));
        if (!RunbookCanonical.hash(bound).equals(r.planHash())) {
            throw new IllegalStateException("runbook " + rb.name() + " changed since the plan was approved; nothing ran");
        }
        return () -> {
            links.starting(r, ch);
            RunJournal.RunRecord rec;
            try {
                rec = engine.start(bound);
            } finally {
                links.doneStarting();
            }
            after(rec, rb);
        };
    }

    private Runnable resume(RequestRecord r, Runbook rb, Map<String, String> f) {
        long run = Long.parseLong(f.get(RunRequestText.RUN));
        boolean rerun = Boolean.parseBoolean(f.get(RunRequestText.RERUN));
        return () -> {
            approvals.finish(r, true, "resuming runbook run " + run);
            after(engine.resume(run, rb, rerun), rb);
        };
    }

    void after(RunJournal.RunRecord rec, Runbook rb) {
        if (rec.state() == RunState.WAITING_GATE) {
            gates.open(rec, rb);
        }
    }

    /** Start of a long-running bot: runs cut off by the stop are paused (never re-run) and announced. */
    public List<RunJournal.RunRecord> pauseInterrupted() {
        List<RunJournal.RunRecord> paused = engine.pauseInterrupted(name -> runbooks.get(name).orElse(null));
        for (RunJournal.RunRecord rec : paused) {
            LOG.warn("runbook run {} ({}) was interrupted (its executor stopped or died); paused", rec.id(), rec.runbook());
        }
        return paused;
    }

    private Optional<BotResponse> refusal(ChatMessage m, CommandSpec spec, Runbook rb) {
        return authorizer.refusal(Identity.of(m.platform(), m.userId()), m.userName(), m.channelId(),
                        prefix + " " + spec.name() + " " + rb.name(), spec, rb.risk())
                .map(why -> new BotResponse(Reply.builder(why).status(Status.ERROR).build(), Outcome.REFUSED));
    }

    private int needed(Runbook rb) {
        return Math.max(1, approvals.policy().approvalsNeeded(rb.risk()));
    }

    Runbook runbook(String name, CommandSpec spec) throws UsageException {
        return runbooks.get(name).orElseThrow(() -> new UsageException("no runbook `" + name + "` (known: "
                + String.join(", ", runbooks.all().keySet()) + "; see `" + prefix + " runbook list`)", spec.usage(prefix)));
    }

    RunJournal.RunRecord record(long run, CommandSpec spec) throws UsageException {
        return journal.run(run).orElseThrow(() -> new UsageException("there is no runbook run " + run
                + " (see `" + prefix + " runbook status`)", spec.usage(prefix)));
    }

    private static Voter voter(ChatMessage m) {
        return new Voter(m.userId(), m.userName(), m.platform(), m.channelId());
    }

    static String label(RunState s) {
        return s.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /**
     * Waits until no runbook work is queued or running: a one-shot {@code slurmops run} that approved a
     * run (or a gate) stays until the run ends or stops, printing its progress, instead of cutting it off.
     */
    public void awaitIdle() {
        try {
            runner.submit(() -> { }).get();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("runbook thread not idle-checked: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        GracefulStop.stop(runner, Duration.ofSeconds(30), "the runbook runs");
    }

    private final java.util.concurrent.ScheduledExecutorService watcher =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "slurmops-runbook-heartbeat");
                t.setDaemon(true);
                return t;
            });

    /**
     * Several instances on one store: every {@code every}, the runs this instance executes get a heartbeat,
     * and a RUNNING run whose owner's heartbeat went stale (it died mid-step) is paused, by one instance.
     */
    public void watchOrphans(Duration every) {
        watcher.scheduleWithFixedDelay(() -> {
            try {
                journal.heartbeat();
                pauseInterrupted();
            } catch (RuntimeException e) {
                LOG.warn("runbook heartbeat: {}", e.getMessage()); // the store blinked: next time
            }
        }, every.toMillis(), every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
