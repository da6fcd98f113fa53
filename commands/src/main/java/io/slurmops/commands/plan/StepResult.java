package io.slurmops.commands.plan;

import io.slurmops.commands.exec.ExecResult;

import java.time.Duration;
import java.util.List;

/**
 * How one step went.
 *
 * @param number  the step's 1-based number in its plan
 * @param hosts   the hosts the step finally acted on (after "only where step k succeeded")
 * @param results one per host for a per-host step, one for a controller step; empty if not run
 * @param notRun  why the step did not run ("step 1 failed"), empty if it ran
 * @param blocked true when it did not run because an earlier step failed (a failure of the plan)
 */
public record StepResult(int number, Step step, List<String> hosts, List<ExecResult> results, String notRun,
                         boolean blocked, Duration duration) {

    public StepResult {
        hosts = List.copyOf(hosts);
        results = List.copyOf(results);
        notRun = notRun == null ? "" : notRun;
    }

    public static StepResult notRun(int number, Step step, String why, boolean blocked) {
        return new StepResult(number, step, List.of(), List.of(), why, blocked, Duration.ZERO);
    }

    public boolean ran() {
        return notRun.isEmpty();
    }

    public boolean ok() {
        return !blocked && results.stream().allMatch(ExecResult::ok);
    }

    /** The hosts on which this step succeeded (for a controller step: all it acted on, if it succeeded). */
    public List<String> succeededHosts() {
        if (!ran()) {
            return List.of();
        }
        if (step.onController()) {
            return results.stream().allMatch(ExecResult::ok) ? hosts : List.of();
        }
        return results.stream().filter(ExecResult::ok).map(ExecResult::host).toList();
    }

    public boolean anySucceeded() {
        return ran() && results.stream().anyMatch(ExecResult::ok);
    }
}
