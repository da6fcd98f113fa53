package io.slurmops.bot.runbook.chat;

import io.slurmops.bot.alerts.Silence;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.runbook.Action;
import io.slurmops.commands.runbook.Actions;
import io.slurmops.commands.runbook.ArgvActions;
import io.slurmops.commands.runbook.HostSet;
import io.slurmops.commands.runbook.Runbook;
import io.slurmops.commands.runbook.Template;
import io.slurmops.commands.runbook.run.RunJournal;
import io.slurmops.commands.runbook.run.RunState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The alerts a run causes on purpose, held as silences while it runs (or waits at a gate): for each
 * step it has started, slurmctld stopped → the controller check; slurmdbd or MariaDB stopped → the
 * accounting check; slurmd stopped or restarted → those nodes; nodes set down or drained by an
 * {@code scontrol update} → those nodes. Read from the journal on every poll, so the hold ends with
 * the run (done, failed, paused, aborted) and a still-broken service alerts as usual.
 */
final class PlannedWork {

    /** Each silence outlives one alert poll at most: the next poll asks again. */
    private static final Duration HOLD = Duration.ofMinutes(2);

    private final RunJournal journal;
    private final RunbookSet runbooks;
    private final Clock clock;

    PlannedWork(RunJournal journal, RunbookSet runbooks, Clock clock) {
        this.journal = journal;
        this.runbooks = runbooks;
        this.clock = clock;
    }

    List<Silence> silences() {
        Instant now = clock.instant();
        List<Silence> out = new ArrayList<>();
        for (long id : journal.unfinished()) {
            RunJournal.RunRecord rec = journal.run(id).orElse(null);
            if (rec == null || (rec.state() != RunState.RUNNING && rec.state() != RunState.WAITING_GATE)) {
                continue;
            }
            Runbook rb = runbooks.get(rec.runbook()).orElse(null);
            if (rb == null) {
                continue;
            }
            String why = "planned work: runbook run " + id + " (" + rb.name() + ")";
            targets(rb, rec).forEach(t -> out.add(new Silence(0, t, now.plus(HOLD), why, "slurmops", now)));
        }
        return out;
    }

    static Set<String> targets(Runbook rb, RunJournal.RunRecord rec) {
        Set<String> out = new LinkedHashSet<>();
        Map<String, String> values = rec.values();
        for (RunJournal.StepRecord s : rec.steps()) {
            Action a = rb.steps().get(s.index() - 1).action();
            if (a instanceof Actions.Service svc && svc.verb() != Action.Verb.START) {
                switch (svc.service()) {
                    case SLURMCTLD -> out.add("controller");
                    case SLURMDBD, MARIADB -> out.add("accounting");
                    case SLURMD -> out.addAll(hosts(svc.on(), values));
                    default -> { }
                }
            } else if (a instanceof ArgvActions.Scontrol sc) {
                out.addAll(nodesUpdated(sc.args(), values));
            }
        }
        out.addAll(split(values.get("nodesSetDown")));
        return out;
    }

    private static List<String> hosts(HostSet set, Map<String, String> values) {
        return switch (set.kind()) {
            case ALL_NODES -> split(values.get("allNodes"));
            case SET_DOWN_BY_RUN -> split(values.get("nodesSetDown"));
            case HOSTLIST -> split(set.hostlist().bind(values));
            default -> List.of();
        };
    }

    /** {@code update NodeName=X State=drain|down …}: the nodes X. */
    private static List<String> nodesUpdated(List<Template> args, Map<String, String> values) {
        List<String> words = args.stream().map(t -> t.bind(values)).toList();
        if (words.isEmpty() || !words.get(0).equalsIgnoreCase("update")) {
            return List.of();
        }
        return words.stream().filter(w -> w.regionMatches(true, 0, "NodeName=", 0, 9))
                .flatMap(w -> split(w.substring(9)).stream()).toList();
    }

    private static List<String> split(String hostlist) {
        try {
            return hostlist == null || hostlist.isBlank() || hostlist.contains("${") ? List.of()
                    : Hostlist.parse(hostlist).hosts();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
