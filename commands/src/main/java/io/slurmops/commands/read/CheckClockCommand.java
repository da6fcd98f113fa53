package io.slurmops.commands.read;

import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Clock skew of every node against the controller. Each host prints {@code date +%s.%N}; the bot notes
 * its own clock just before and after the call, so the host's offset is its time minus the midpoint,
 * give or take half the round trip. A node's skew is its offset minus the controller's. munge rejects
 * credentials beyond its TTL (300 s), so the thresholds sit well below it: WARNING from 30 s,
 * CRITICAL from 120 s.
 */
public final class CheckClockCommand extends CheckCommand {

    static final double WARN_SECONDS = 30;
    static final double CRIT_SECONDS = 120;
    static final List<String> DATE = List.of("date", "+%s.%N");

    private static final CommandSpec SPEC = CommandSpec.builder("check clock")
            .optional("HOSTLIST", ArgTypes.hostlist())
            .summary("Clock skew of each node against the controller (warning from 30 s, critical from 120 s)")
            .description("Runs `date +%s.%N` on the controller and on each node and measures the bot's own clock "
                    + "around each call: skew = node time − midpoint of the call, minus the controller's offset. "
                    + "munge rejects credentials older or newer than its TTL (300 s by default).")
            .build();

    public CheckClockCommand() {
        super(SPEC, "clock");
    }

    /** One host's offset from the bot's clock and how exact it is (half the round trip). */
    record Offset(String host, double seconds, double uncertainty, String error) {
        boolean measured() {
            return error.isEmpty();
        }
    }

    @Override
    public CheckReport check(CommandContext ctx, NodeTargets targets) {
        Offset controller = measure(ctx, ctx.cluster().site().controller(),
                () -> ctx.cluster().onController(DATE, ctx.cluster().site().nodeTimeout()));
        if (!controller.measured()) {
            return new CheckReport(checkName(), Status.ERROR, "cannot read the controller's clock: " + controller.error(),
                    List.of(), List.of());
        }
        List<Offset> nodes = measureAll(ctx, targets.hosts());
        HostFolds folds = new HostFolds();
        List<String> skewed = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Status status = Status.OK;
        double worst = 0;
        Map<String, String> unreadable = new java.util.LinkedHashMap<>();
        for (Offset o : nodes) {
            if (!o.measured()) {
                // No reading is no result: never a skew of 0 s.
                folds.add("unreadable: " + o.error(), o.host());
                unreadable.put(o.host(), o.error());
                status = status.worst(Status.WARNING);
                continue;
            }
            double skew = o.seconds() - controller.seconds();
            double within = o.uncertainty() + controller.uncertainty();
            worst = Math.max(worst, Math.abs(skew));
            if (Math.abs(skew) >= WARN_SECONDS) {
                Status s = Math.abs(skew) >= CRIT_SECONDS ? Status.CRITICAL : Status.WARNING;
                status = status.worst(s);
                String line = String.format(Locale.ROOT, "clock skew of %+.1f s on %s (±%.1f s)", skew, o.host(), within);
                folds.add(String.format(Locale.ROOT, "skew %+.1f s (±%.1f s)", skew, within), o.host());
                skewed.add(o.host());
                findings.add(ctx.knowledgeBase().finding("clock-skew", line, Map.of("hosts", o.host(), "node", o.host())));
            } else {
                folds.add("in sync (|skew| < " + (int) WARN_SECONDS + " s)", o.host());
            }
        }
        if (findings.size() > 1) {
            // One repair for all of them.
            String hosts = Hostlist.compress(skewed);
            findings.add(0, ctx.knowledgeBase().finding("clock-skew", "clock skew of " + String.format(Locale.ROOT,
                    "%.1f s", worst) + " at most, on " + hosts, Map.of("hosts", hosts, "node", hosts)));
        }
        List<Block> details = new ArrayList<>();
        details.add(new Block.Code(String.join("\n", folds.lines())));
        if (!targets.note().isEmpty()) {
            details.add(new Block.Paragraph(targets.note()));
        }
        int measured = nodes.size() - unreadable.size();
        String summary = skewed.isEmpty()
                ? measured == 0 && !nodes.isEmpty() ? "no node's clock could be read"
                : String.format(Locale.ROOT, "%d node(s) within %.1f s of the controller", measured, worst)
                : String.format(Locale.ROOT, "skew up to %.1f s on %s", worst, Hostlist.compress(skewed));
        if (!unreadable.isEmpty()) {
            summary += "; unreadable: " + Hostlist.compress(List.copyOf(unreadable.keySet()));
        }
        return new CheckReport(checkName(), status, summary, details, findings, unreadable);
    }

    private static List<Offset> measureAll(CommandContext ctx, List<String> hosts) {
        if (hosts.isEmpty()) {
            return List.of();
        }
        // Each call is timed on its own, so the calls run side by side here rather than in one fan-out.
        List<Callable<Offset>> calls = hosts.stream().<Callable<Offset>>map(h -> () -> {
            try {
                return measure(ctx, h, () -> ctx.cluster().onHost(h, DATE));
            } catch (RuntimeException e) {
                return new Offset(h, 0, 0, String.valueOf(e.getMessage()));
            }
        }).toList();
        return ctx.cluster().inParallel(calls, e -> new Offset("?", 0, 0, String.valueOf(e.getMessage())));
    }

    static Offset measure(CommandContext ctx, String host, Supplier<ExecResult> call) {
        long before = ctx.clock().millis();
        ExecResult r = call.get();
        long after = ctx.clock().millis();
        if (!r.ok()) {
            return new Offset(host, 0, 0, StatusCommand.firstLine(r));
        }
        Optional<Double> remote = parse(r.stdout());
        if (remote.isEmpty()) {
            return new Offset(host, 0, 0, "unexpected date output: " + r.stdout().strip());
        }
        double mid = (before + after) / 2000.0;
        return new Offset(host, remote.get() - mid, (after - before) / 2000.0, "");
    }

    static Optional<Double> parse(String dateOutput) {
        try {
            return Optional.of(new BigDecimal(dateOutput.strip()).doubleValue());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
