package io.slurmops.commands.runbook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The safe service order (slide 19 and {@code change.ServiceOrder}): a daemon starts only after
 * every daemon it needs is running again, stops come down the order
 * (slurmd → slurmctld → slurmdbd → mariadb), and restarts go up it — slide 21's
 * {@code systemctl restart slurmctld slurmdbd} is the wrong order. Followed along the runbook,
 * counting every step as run (a conditional step may run).
 */
final class ServiceOrderRule {

    private ServiceOrderRule() {
    }

    static void check(Runbook rb, List<RunbookProblem> problems) {
        Map<Service, Step> stoppedByRun = new EnumMap<>(Service.class);
        List<Step> restarts = new ArrayList<>();
        for (Step s : rb.steps()) {
            s.action().serviceChange().ifPresent(c -> {
                Service x = c.service();
                stoppedByRun.forEach((y, stoppedAt) -> {
                    if (y.rank() < x.rank()) {
                        problems.add(new RunbookProblem(s.location(), "service-order", describe(s, c)
                                + " while " + y.label() + ", stopped by step `" + stoppedAt.id() + "`, is not started again"
                                + " (" + (c.verb() == Action.Verb.STOP ? "stop order: " + Service.stopOrder()
                                : "start order: " + Service.startOrder()) + ")"));
                    }
                });
                if (c.verb() == Action.Verb.RESTART) {
                    for (Step earlier : restarts) {
                        Service z = earlier.action().serviceChange().orElseThrow().service();
                        if (z.rank() > x.rank()) {
                            problems.add(new RunbookProblem(s.location(), "service-order", describe(s, c) + " after step `"
                                    + earlier.id() + "` restarted " + z.label() + ": restart " + x.label() + " first"
                                    + " (start order: " + Service.startOrder() + ")"));
                        }
                    }
                    restarts.add(s);
                }
                if (c.verb() == Action.Verb.STOP) {
                    stoppedByRun.putIfAbsent(x, s);
                } else {
                    stoppedByRun.remove(x);
                }
            });
        }
    }

    private static String describe(Step s, Action.ServiceChange c) {
        return "step `" + s.id() + "` " + c.verb().label() + "s " + c.service().label();
    }
}
