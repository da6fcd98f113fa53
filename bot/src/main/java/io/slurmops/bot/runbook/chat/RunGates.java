package io.slurmops.bot.runbook.chat;

import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.bot.approval.Approvals;
import io.slurmops.bot.approval.Proposal;
import io.slurmops.bot.approval.Voter;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.runbook.DataKind;
import io.slurmops.commands.runbook.Gate;
import io.slurmops.commands.runbook.Runbook;
import io.slurmops.commands.runbook.Step;
import io.slurmops.commands.runbook.Template;
import io.slurmops.commands.runbook.run.RunJournal;
import io.slurmops.commands.runbook.run.RunState;
import io.slurmops.commands.runbook.run.RunbookEngine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gates as votes: when a run stops before a gated step, a request bound to that run and that step is
 * posted in the run's thread, asked by the run's requester (so their own vote never counts) and voted
 * on with the same rules as any change. Approved, it passes the gate only if the run still waits at
 * exactly that step.
 */
final class RunGates {

    private final java.util.function.Supplier<Approvals> approvals;
    private final RunJournal journal;
    private final RunLinks links;
    private final RunChat chat;

    RunGates(java.util.function.Supplier<Approvals> approvals, RunJournal journal, RunLinks links, RunChat chat) {
        this.approvals = approvals;
        this.journal = journal;
        this.links = links;
        this.chat = chat;
    }

    /** Posts the gate's vote in the run's thread; false when the run's request or channel is unknown. */
    boolean open(RunJournal.RunRecord rec, Runbook rb) {
        Optional<RequestRecord> asked = links.request(rec.id());
        Optional<ChatChannel> ch = links.channel(rec.id());
        if (asked.isEmpty() || ch.isEmpty()) {
            return false;
        }
        int index = next(rec);
        Step step = rb.steps().get(index - 1);
        List<Gate> gs = rb.gatesBefore(step.id());
        int needed = gs.stream().mapToInt(Gate::approvals).max().orElse(1);
        String reason = String.join("; ", gs.stream().map(Gate::reason).filter(s -> !s.isBlank()).toList());
        String text = RunRequestText.gate(rec.id(), rb.name(), rec.planHash(), index, step.id());
        RequestRecord r = asked.get();
        Map<String, String> v = rec.values();
        String preview = "Run " + rec.id() + " (" + rb.name() + ") waits before step " + index + "/" + rb.steps().size()
                + " `" + step.id() + "`: " + Template.of(step.title()).bind(v) + "\n"
                + "why a gate: " + (reason.isBlank() ? "(no reason given)" : reason) + "\n"
                + "does: " + Template.of(step.action().describe()).bind(v) + "\n"
                + "destroys: " + step.action().destroys().map(DataKind::text).orElse("nothing") + "\n"
                + "rollback: " + (step.rollback().isBlank() ? "none given" : Template.of(step.rollback()).bind(v));
        Proposal p = new Proposal(RunbookDesk.GATE, "runbook gate " + rec.id() + " before " + step.id(), rb.risk(), needed,
                text, RunRequestText.hash(text), "gate before step " + index + " `" + step.id() + "` of run " + rec.id()
                + " (" + rb.name() + ")" + (reason.isBlank() ? "" : ": " + reason), preview,
                new Voter(r.requesterId(), r.requesterName(), r.platform(), r.channelId()), r.messageId());
        approvals.get().propose(p, ch.get());
        return true;
    }

    /** The work of an approved gate vote: it passes only the gate it was asked for. */
    Runnable pass(RequestRecord gate, Runbook rb, Map<String, String> f, RunbookEngine engine) {
        long run = Long.parseLong(f.get(RunRequestText.RUN));
        int step = Integer.parseInt(f.get(RunRequestText.STEP));
        RunJournal.RunRecord rec = journal.run(run).orElseThrow(() -> new IllegalStateException("no run " + run));
        boolean same = rec.state() == RunState.WAITING_GATE && next(rec) == step && rec.runbook().equals(rb.name())
                && rec.planHash().equals(f.get(RunRequestText.RUN_HASH))
                && rb.steps().get(step - 1).id().equals(f.get(RunRequestText.STEP_ID));
        if (!same) {
            throw new IllegalStateException("this vote was for the gate before step " + step + " of run " + run
                    + ", but that run is " + RunbookDesk.label(rec.state())
                    + (rec.state() == RunState.WAITING_GATE ? " before step " + next(rec) : "") + "; nothing passed");
        }
        return () -> {
            approvals.get().finish(gate, true, "gate before step " + step + " of run " + run + " passed");
            chat.audit(run, "gate before step " + step + " passed by " + gate.tag());
            RunJournal.RunRecord after = engine.passGate(run, rb);
            if (after.state() == RunState.WAITING_GATE) {
                open(after, rb);
            }
        };
    }

    static int next(RunJournal.RunRecord rec) {
        return rec.steps().isEmpty() ? 1 : rec.steps().get(rec.steps().size() - 1).index() + 1;
    }
}
