package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.plan.ChangeCommand;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanCodec;
import io.slurmops.commands.plan.PlanResult;
import io.slurmops.commands.plan.PlanRunner;
import io.slurmops.commands.plan.StepResult;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Runs an approved request at most once: claim (APPROVED → RUNNING, with the STARTED audit row in
 * the same transaction, so the record is durable before anything runs), re-check that the plan still
 * applies, run it step by step (each step audited as it ends), then record the result.
 */
final class PlanExecution {

    private static final Logger LOG = LoggerFactory.getLogger(PlanExecution.class);

    /** How it ended and what to tell. */
    record Result(RequestState state, Reply reply) {
    }

    private final SlurmopsStore store;
    private final CommandCatalog catalog;
    private final BiFunction<String, Long, CommandContext> contexts;
    private final PlanRunner runner;
    private final Clock clock;
    private final RunnerIdentity identity;
    private final ScheduledExecutorService heartbeats;
    private final java.util.function.LongConsumer ran;

    /** @param ran told the request id once a claimed plan has run (whatever the outcome), after its result is recorded */
    PlanExecution(SlurmopsStore store, CommandCatalog catalog, BiFunction<String, Long, CommandContext> contexts,
                  PlanRunner runner, Clock clock, RunnerIdentity identity, ScheduledExecutorService heartbeats,
                  java.util.function.LongConsumer ran) {
        this.store = store;
        this.catalog = catalog;
        this.contexts = contexts;
        this.runner = runner;
        this.clock = clock;
        this.identity = identity;
        this.heartbeats = heartbeats;
        this.ran = ran;
    }

    /**
     * Claims and runs the request. Empty when another caller (thread or process) claimed it first.
     *
     * @param announced true when the caller will post the result where the request was made
     */
    Optional<Result> run(RequestRecord approved, boolean announced) {
        Instant start = clock.instant();
        boolean claimed = store.transaction(tx -> {
            if (!tx.claim(approved.id(), identity.id(), start)) {
                return false;
            }
            tx.append(AuditEntry.of(AuditKind.STARTED, start).about(approved).actor("slurmops", identity.id())
                    .detail("execution claimed by " + identity.id()).build());
            return true;
        });
        if (!claimed) {
            return Optional.empty();
        }
        ScheduledFuture<?> beat = heartbeats.scheduleAtFixedRate(() -> heartbeat(approved.id()), 5, 5, TimeUnit.SECONDS);
        try {
            return Optional.of(runClaimed(approved, announced));
        } catch (RuntimeException e) {
            LOG.error("execution of #{} failed unexpectedly", approved.id(), e);
            String why = "failed unexpectedly: " + e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                    : ": " + e.getMessage());
            finish(approved, RequestState.FAILED, AuditKind.FAILED, why, null, announced);
            return Optional.of(new Result(RequestState.FAILED, Reply.builder(approved.tag() + " " + why)
                    .status(Status.ERROR).build()));
        } finally {
            beat.cancel(false);
            ran.accept(approved.id());
        }
    }

    private Result runClaimed(RequestRecord r, boolean announced) {
        Plan plan = PlanCodec.decode(r.planText());
        if (!plan.hash().equals(r.planHash())) {
            String why = "the stored plan does not match its approved hash; nothing ran";
            finish(r, RequestState.FAILED, AuditKind.FAILED, why, null, announced);
            return new Result(RequestState.FAILED, Reply.builder(r.tag() + ": " + why).status(Status.ERROR).build());
        }
        Optional<ChangeCommand> command = catalog.find(plan.command()).filter(ChangeCommand.class::isInstance)
                .map(ChangeCommand.class::cast);
        if (command.isEmpty()) {
            String why = "this slurmops does not know the command `" + plan.command() + "`; nothing ran";
            finish(r, RequestState.FAILED, AuditKind.FAILED, why, null, announced);
            return new Result(RequestState.FAILED, Reply.builder(r.tag() + ": " + why).status(Status.ERROR).build());
        }
        CommandContext ctx = contexts.apply(r.requesterName(), r.id());
        Optional<String> stale = command.get().stillApplies(plan, ctx);
        if (stale.isPresent()) {
            String why = "no longer applies: " + stale.get() + ". Nothing ran.";
            finish(r, RequestState.STALE, AuditKind.STALE, why, null, announced);
            return new Result(RequestState.STALE, Reply.builder(r.tag() + " " + why).status(Status.WARNING)
                    .paragraph("The plan was approved for a cluster state that has changed. Request it again if "
                            + "it is still needed.").build());
        }
        PlanResult result = runner.run(plan, step -> auditStep(r, step));
        Reply report = command.get().report(plan, result);
        RequestState state = result.ok() ? RequestState.SUCCEEDED : RequestState.FAILED;
        finish(r, state, state == RequestState.SUCCEEDED ? AuditKind.SUCCEEDED : AuditKind.FAILED,
                report.title(), result, announced);
        return new Result(state, new Reply(report.status(), r.tag() + " " + report.title(), report.blocks()));
    }

    private void auditStep(RequestRecord r, StepResult step) {
        Instant now = clock.instant();
        AuditEntry.Builder e = AuditEntry.of(AuditKind.STEP, now).about(r).actor("slurmops", identity.id())
                .detail("step " + step.number() + ": " + step.step().description()
                        + (step.ran() ? "" : " — " + step.notRun()));
        if (step.ran()) {
            e.execution(ExecutionDigest.hostExits(step.results()), step.duration().toMillis(),
                    ExecutionDigest.outputSha256(step.results()));
        }
        store.transaction(tx -> tx.append(e.build()));
    }

    private void finish(RequestRecord r, RequestState state, AuditKind kind, String outcome, PlanResult result,
                        boolean announced) {
        Instant now = clock.instant();
        AuditEntry.Builder e = AuditEntry.of(kind, now).about(r).actor("slurmops", identity.id()).detail(outcome);
        if (result != null) {
            e.execution(ExecutionDigest.hostExits(result.allResults()), result.duration().toMillis(),
                    ExecutionDigest.outputSha256(result.allResults()));
        }
        store.transaction(tx -> {
            if (tx.finish(r.id(), state, now, outcome, announced)) {
                tx.append(e.build());
            }
            return null;
        });
    }

    private void heartbeat(long id) {
        try {
            store.transaction(tx -> {
                tx.heartbeat(id, clock.instant());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("heartbeat for #{} failed: {}", id, e.getMessage());
        }
    }
}
