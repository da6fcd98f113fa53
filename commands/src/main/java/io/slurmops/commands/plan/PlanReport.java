package io.slurmops.commands.plan;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard report of an executed plan: one line per step, and each step's output folded by
 * identical (outcome, output) under a compressed host list, as {@code clush -b} does.
 */
public final class PlanReport {

    private PlanReport() {
    }

    public static Reply render(Plan plan, PlanResult result) {
        return render(plan, result, plan.summary());
    }

    public static Reply render(Plan plan, PlanResult result, String what) {
        boolean anyOk = result.allResults().stream().anyMatch(ExecResult::ok);
        Status status = result.ok() ? Status.OK : anyOk ? Status.WARNING : Status.ERROR;
        String verdict = result.ok() ? "done" : anyOk ? "partly failed" : "failed";
        Reply.Builder b = Reply.builder(what + " — " + verdict + " in " + seconds(result)).status(status);
        for (StepResult s : result.steps()) {
            String head = s.number() + ". " + s.step().description();
            if (!s.ran()) {
                b.paragraph(head + " — " + s.notRun());
                continue;
            }
            b.paragraph(head + " — " + stepVerdict(s));
            for (Map.Entry<String, List<String>> fold : folds(s).entrySet()) {
                b.code(Hostlist.compress(fold.getValue()) + " (" + fold.getValue().size() + "): " + fold.getKey());
            }
        }
        return b.build();
    }

    private static String stepVerdict(StepResult s) {
        long ok = s.results().stream().filter(ExecResult::ok).count();
        if (s.step().onController()) {
            String where = s.hosts().isEmpty() ? "" : " for " + Hostlist.compress(s.hosts());
            return (ok == s.results().size() ? "ok" : "failed") + where;
        }
        return ok + "/" + s.results().size() + " hosts ok";
    }

    /** outcome + output → hosts, in first-seen order. */
    private static Map<String, List<String>> folds(StepResult s) {
        Map<String, List<String>> byOutput = new LinkedHashMap<>();
        for (ExecResult r : s.results()) {
            String out = r.combinedOutput().strip();
            String key = r.outcome() + (out.isEmpty() ? "" : "\n" + out);
            byOutput.computeIfAbsent(key, k -> new ArrayList<>()).add(r.host());
        }
        return byOutput;
    }

    private static String seconds(PlanResult r) {
        return String.format(java.util.Locale.ROOT, "%.1f s", r.duration().toMillis() / 1000.0);
    }
}
