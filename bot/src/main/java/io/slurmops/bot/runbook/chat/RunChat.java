package io.slurmops.bot.runbook.chat;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.runbook.Runbook;
import io.slurmops.commands.runbook.Template;
import io.slurmops.commands.runbook.run.RunJournal;
import io.slurmops.commands.runbook.run.RunProgress;
import io.slurmops.commands.runbook.run.RunState;
import io.slurmops.commands.runbook.run.StepStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The engine's progress, told in the run's request thread (step n/m started; ended with its folded
 * output and elapsed time; state changes with the engine's report) and written to the audit with the
 * run's bound values and who approved it. News for a channel this process does not know yet (after a
 * restart) is held until the channel is attached.
 */
final class RunChat implements RunProgress {

    private static final Logger LOG = LoggerFactory.getLogger(RunChat.class);
    private static final int MAX_OUTPUT = 1500;

    private final SlurmopsStore store;
    private final RunJournal journal;
    private final RunLinks links;
    private final RunbookSet runbooks;
    private final Clock clock;
    private final String prefix;
    private final List<Held> held = new ArrayList<>();
    /** Told when a run was created for a request (the approval request can be closed then). */
    private volatile Consumer<RequestRecord> onCreated = r -> { };

    private record Held(long run, Reply reply) {
    }

    RunChat(SlurmopsStore store, RunJournal journal, RunLinks links, RunbookSet runbooks, Clock clock, String prefix) {
        this.store = store;
        this.journal = journal;
        this.links = links;
        this.runbooks = runbooks;
        this.clock = clock;
        this.prefix = prefix;
    }

    void onCreated(Consumer<RequestRecord> c) {
        this.onCreated = c;
    }

    @Override
    public void runCreated(long run, String runbook) {
        links.link(run).ifPresent(r -> {
            onCreated.accept(r);
            audit(run, "run " + run + " of " + runbook + " created for " + r.tag());
            say(run, Reply.builder("▶ Runbook " + runbook + ": run " + run + " started (" + r.tag() + ")")
                    .status(Status.INFO).paragraph("`" + prefix + " runbook status " + run + "` shows it; `" + prefix
                            + " runbook abort " + run + "` stops it after the current step.").build());
        });
    }

    @Override
    public void stepStarted(long run, int index, String stepId) {
        Optional<Runbook> rb = runbookOf(run);
        int m = rb.map(r -> r.steps().size()).orElse(0);
        Map<String, String> bound = journal.run(run).map(RunJournal.RunRecord::values).orElse(Map.of());
        String title = rb.flatMap(r -> r.step(stepId)).map(s -> Template.of(s.title()).bind(bound)).orElse("");
        audit(run, "run " + run + " step " + index + "/" + m + " `" + stepId + "` started" + values(run));
        say(run, Reply.builder("Step " + index + "/" + m + " `" + stepId + "` started" + (title.isBlank() ? "" : ": " + title))
                .status(Status.INFO).build());
    }

    @Override
    public void stepEnded(long run, int index, StepStatus status, String output, Duration elapsed) {
        int m = runbookOf(run).map(r -> r.steps().size()).orElse(0);
        String stepId = journal.run(run).flatMap(r -> r.step(index)).map(RunJournal.StepRecord::stepId).orElse("?");
        String verdict = status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        audit(run, "run " + run + " step " + index + "/" + m + " `" + stepId + "` " + verdict + " in "
                + elapsed.toMillis() + " ms" + values(run));
        Reply.Builder b = Reply.builder("Step " + index + "/" + m + " `" + stepId + "` " + verdict + " ("
                + seconds(elapsed) + ")").status(switch (status) {
                    case OK, SKIPPED, INTERRUPTED -> Status.OK;
                    case ATTEMPT_FAILED -> Status.WARNING;
                    default -> Status.ERROR;
                });
        if (!output.isBlank()) {
            b.code(output.length() > MAX_OUTPUT ? output.substring(0, MAX_OUTPUT) + "\n… (" + output.length()
                    + " chars; `" + prefix + " runbook status " + run + "`)" : output.strip());
        }
        say(run, b.build());
    }

    @Override
    public void stateChanged(long run, RunState state, String note) {
        audit(run, "run " + run + " " + state.name().toLowerCase(java.util.Locale.ROOT) + ": " + firstLine(note));
        if (state == RunState.RUNNING && !note.startsWith("gate") && !note.startsWith("resumed")) {
            return;                                   // "started": the run-created message said it
        }
        String name = journal.run(run).map(RunJournal.RunRecord::runbook).orElse("?");
        Status status = switch (state) {
            case DONE -> Status.OK;
            case RUNNING -> Status.INFO;
            case WAITING_GATE -> Status.PENDING;
            case ABORTED, PAUSED -> Status.WARNING;
            case FAILED -> Status.ERROR;
        };
        say(run, Reply.builder("Run " + run + " (" + name + ") " + state.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ')).status(status).code(note.strip()).build());
    }

    /** Posts, or holds it for when the run's channel is known. */
    void say(long run, Reply reply) {
        try {
            if (!links.post(run, reply)) {
                synchronized (held) {
                    held.add(new Held(run, reply));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not post news of runbook run {}: {}", run, e.getMessage());
        }
    }

    /** A channel became known: what was held for runs asked there goes out now, in order. */
    void channelAttached(String platform, String channelId) {
        List<Held> due = new ArrayList<>();
        synchronized (held) {
            for (Held h : List.copyOf(held)) {
                Optional<RequestRecord> r = links.request(h.run());
                if (r.isPresent() && r.get().platform().equals(platform) && r.get().channelId().equals(channelId)) {
                    due.add(h);
                    held.remove(h);
                }
            }
        }
        due.forEach(h -> say(h.run(), h.reply()));
    }

    void audit(long run, String detail) {
        try {
            Optional<RequestRecord> r = links.request(run);
            AuditEntry.Builder e = AuditEntry.of(AuditKind.STEP, clock.instant()).actor("slurmops", "runbook")
                    .detail(detail + r.map(x -> approvedBy(x.id())).orElse(""));
            r.ifPresent(e::about);
            store.transaction(tx -> tx.append(e.build()));
        } catch (RuntimeException e) {
            LOG.warn("audit of runbook run {} failed: {}", run, e.getMessage());
        }
    }

    private String approvedBy(long requestId) {
        List<String> who = links.approvers(requestId);
        return who.isEmpty() ? "" : " · approved by " + String.join(", ", who);
    }

    /** The run's bound values, run-time ones included; the engine's own bookkeeping left out. */
    private String values(long run) {
        Map<String, String> v = journal.run(run).map(RunJournal.RunRecord::values).orElse(Map.of());
        List<String> shown = v.entrySet().stream().filter(e -> !e.getKey().contains(":"))
                .map(e -> e.getKey() + "=" + e.getValue()).toList();
        return shown.isEmpty() ? "" : " · values " + String.join(" ", shown);
    }

    private Optional<Runbook> runbookOf(long run) {
        return journal.run(run).flatMap(r -> runbooks.get(r.runbook()));
    }

    static String seconds(Duration d) {
        return d.toMillis() < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0)
                : d.toSeconds() + " s";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
