package io.slurmops.bot.runbook.chat;

import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.runbook.Runbook;
import io.slurmops.commands.runbook.RunbookProblem;
import io.slurmops.commands.runbook.run.RunJournal;
import io.slurmops.commands.runbook.run.RunState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code runbook list} and {@code runbook status} show. */
final class RunViews {

    private static final int OUTPUT_LINES = 6;

    private RunViews() {
    }

    static Reply list(RunbookSet set, String prefix) {
        Reply.Builder b = Reply.builder(set.all().size() + " runbook" + (set.all().size() == 1 ? "" : "s")
                + (set.refused().isEmpty() ? "" : ", " + set.refused().size() + " refused"))
                .status(set.refused().isEmpty() ? Status.INFO : Status.WARNING);
        List<String> lines = new ArrayList<>();
        for (Runbook rb : set.all().values()) {
            lines.add(rb.name() + " — " + rb.title() + " · risk " + rb.risk().label() + " · "
                    + (RunbookSet.builtIn(rb) ? "built-in" : "site: " + rb.source().file()));
        }
        b.bullets(lines);
        if (!set.refused().isEmpty()) {
            b.heading("Refused (fix the file and restart the bot)");
            b.bullets(set.refused().stream().map(RunbookProblem::toString).toList());
        }
        b.paragraph("`" + prefix + " runbook show NAME` previews one; `" + prefix + " runbook run NAME [key=value …]` asks for it.");
        return b.build();
    }

    /** One run: state, note, each step with its status, elapsed and the start of its output, and its values. */
    static String status(RunJournal.RunRecord rec, Runbook rb) {
        StringBuilder b = new StringBuilder();
        int m = rb == null ? rec.steps().size() : rb.steps().size();
        b.append("run ").append(rec.id()).append(" · ").append(rec.runbook()).append(" · ").append(label(rec.state()))
                .append(" · plan sha256:").append(rec.planHash(), 0, Math.min(16, rec.planHash().length())).append('\n');
        for (RunJournal.StepRecord s : rec.steps()) {
            b.append("step ").append(s.index()).append('/').append(m).append(' ').append(s.stepId()).append(": ")
                    .append(s.status().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(s.elapsed().map(e -> " (" + RunChat.seconds(e) + ")").orElse(" (no end recorded)")).append('\n');
            s.output().lines().filter(l -> !l.isBlank()).limit(OUTPUT_LINES).forEach(l -> b.append("    ").append(l).append('\n'));
        }
        if (rb != null && rec.steps().size() < m && !rec.state().over()) {
            int next = RunGates.next(rec);
            if (next <= m) {
                b.append("next: step ").append(next).append('/').append(m).append(' ').append(rb.steps().get(next - 1).id()).append('\n');
            }
        }
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> e : rec.values().entrySet()) {
            if (!e.getKey().contains(":")) {
                values.add(e.getKey() + " = " + e.getValue());
            }
        }
        b.append("values: ").append(values.isEmpty() ? "none" : String.join("; ", values)).append('\n');
        return b.toString();
    }

    static Reply run(RunJournal.RunRecord rec, Runbook rb) {
        Status s = switch (rec.state()) {
            case DONE -> Status.OK;
            case RUNNING -> Status.INFO;
            case WAITING_GATE -> Status.PENDING;
            case PAUSED, ABORTED -> Status.WARNING;
            case FAILED -> Status.ERROR;
        };
        return Reply.builder("Runbook run " + rec.id() + " (" + rec.runbook() + "): " + label(rec.state())).status(s)
                .code(status(rec, rb)).paragraph(rec.note().isBlank() ? "" : rec.note()).build();
    }

    static Reply overview(List<RunJournal.RunRecord> unfinished, List<RunJournal.RunRecord> recent, String prefix) {
        Reply.Builder b = Reply.builder(unfinished.isEmpty() ? "No runbook run is unfinished"
                : unfinished.size() + " runbook run" + (unfinished.size() == 1 ? "" : "s") + " not finished")
                .status(unfinished.isEmpty() ? Status.INFO : Status.PENDING);
        b.bullets(unfinished.stream().map(RunViews::line).toList());
        if (!recent.isEmpty()) {
            b.heading("Recent");
            b.bullets(recent.stream().map(RunViews::line).toList());
        }
        b.paragraph("`" + prefix + " runbook status ID` shows one run's steps and values.");
        return b.build();
    }

    private static String line(RunJournal.RunRecord r) {
        String last = r.steps().isEmpty() ? "no step yet" : "step " + r.steps().get(r.steps().size() - 1).index() + " "
                + r.steps().get(r.steps().size() - 1).stepId() + " "
                + r.steps().get(r.steps().size() - 1).status().name().toLowerCase(Locale.ROOT);
        return "run " + r.id() + " " + r.runbook() + " — " + label(r.state()) + " — " + last;
    }

    static String label(RunState s) {
        return RunbookDesk.label(s);
    }
}
