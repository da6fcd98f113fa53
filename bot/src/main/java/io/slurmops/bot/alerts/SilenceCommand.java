package io.slurmops.bot.alerts;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.Role;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Quiet alerts of one check or some nodes for a while, e.g. during maintenance. */
public final class SilenceCommand implements SlurmCommand {

    private static final Duration MAX = Duration.ofDays(7);
    private static final CommandSpec SPEC = CommandSpec.builder("silence")
            .arguments("CHECK|HOSTLIST DURATION [REASON]", 2, Integer.MAX_VALUE)
            .summary("Quiet alerts of a check or of nodes for a while (e.g. 2h, 30m, 1d)")
            .description("CHECK is a probe name (controller, nodes, accounting, …); HOSTLIST silences those nodes. "
                    + "Incidents are still tracked and posted when the silence ends if they are still open.")
            .role(Role.OPERATOR)
            .build();

    private final AlertStore store;
    private final Set<String> probeNames;

    public SilenceCommand(AlertStore store, Set<String> probeNames) {
        this.store = store;
        this.probeNames = Set.copyOf(probeNames);
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Invocation inv, CommandContext ctx) throws UsageException {
        String usage = SPEC.usage(ctx.prefix());
        Duration d = DurationText.parse(inv.arg(1)).orElseThrow(() -> new UsageException(
                "`" + inv.arg(1) + "` is not a duration; write e.g. 30m, 2h, 1d", usage));
        if (d.compareTo(MAX) > 0) {
            throw new UsageException("a silence lasts at most 7d; got " + inv.arg(1), usage);
        }
        List<String> targets;
        if (probeNames.contains(inv.arg(0))) {
            targets = List.of(inv.arg(0));
        } else {
            try {
                targets = Hostlist.parse(inv.arg(0)).hosts();
            } catch (IllegalArgumentException e) {
                throw new UsageException("`" + inv.arg(0) + "` is neither a check (" + String.join(", ",
                        probeNames.stream().sorted().toList()) + ") nor a host list: " + e.getMessage(), usage);
            }
        }
        Instant now = ctx.clock().instant();
        Instant until = now.plus(d);
        String reason = inv.rest(2);
        targets.forEach(t -> store.addSilence(t, until, reason, ctx.requester(), now));
        String what = probeNames.contains(inv.arg(0)) ? "check " + inv.arg(0) : Hostlist.compress(targets);
        return Reply.builder("Silenced " + what + " until " + until + " (" + inv.arg(1) + ")").status(Status.OK)
                .paragraph(reason.isBlank() ? "No reason given." : "Reason: " + reason).build();
    }
}
