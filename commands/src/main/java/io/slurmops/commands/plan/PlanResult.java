package io.slurmops.commands.plan;

import io.slurmops.commands.exec.ExecResult;

import java.time.Duration;
import java.util.List;

/** How a whole plan went: every step's result and the wall time. */
public record PlanResult(List<StepResult> steps, Duration duration) {

    public PlanResult {
        steps = List.copyOf(steps);
    }

    /** True when every step ran (or had nothing to do) and every command exited 0. */
    public boolean ok() {
        return steps.stream().allMatch(StepResult::ok);
    }

    public List<ExecResult> allResults() {
        return steps.stream().flatMap(s -> s.results().stream()).toList();
    }

    public StepResult step(int number) {
        return steps.get(number - 1);
    }
}
