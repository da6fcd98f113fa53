package io.slurmops.bot.alerts;

import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.Role;
import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.exec.HumanDuration;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Quiet alerts of one check or some nodes for a while, e.g. during maintenance. */
public final class SilenceCommand extends DeclaredCommand {

    private static final Duration MAX = Duration.ofDays(7);

    private final AlertStore store;

    public SilenceCommand(AlertStore store, Set<String> probeNames) {
        super(declaration(probeNames));
        this.store = store;
    }

    private static CommandSpec declaration(Set<String> probeNames) {
        return CommandSpec.builder("silence")
                .required("target", "CHECK|HOSTLIST", ArgTypes.oneOf(
                        ArgTypes.choice("check", new TreeSet<>(probeNames)), ArgTypes.hostlist()))
                .required("DURATION", ArgTypes.duration(MAX))
                .text("REASON", false)
                .summary("Quiet alerts of a check or of nodes for a while (e.g. 2h, 30m, 1d)")
                .description("CHECK is a probe name (controller, nodes, accounting, …); HOSTLIST silences those nodes. "
                        + "Incidents are still tracked and posted when the silence ends if they are still open. "
                        + "DURATION is " + HumanDuration.ACCEPTED_FORMS + ", at most 7d.")
                .role(Role.OPERATOR)
                .build();
    }

    @Override
    public Reply execute(Invocation inv, CommandContext ctx) {
        Object target = inv.value("target", Object.class).orElseThrow();
        List<String> targets = target instanceof Hostlist h ? h.hosts() : List.of((String) target);
        Instant now = ctx.clock().instant();
        Instant until = now.plus(inv.duration("duration"));
        String reason = inv.text("reason");
        targets.forEach(t -> store.addSilence(t, until, reason, ctx.requester(), now));
        String what = target instanceof String check ? "check " + check : Hostlist.compress(targets);
        return Reply.builder("Silenced " + what + " until " + until + " (" + inv.arg(1) + ")").status(Status.OK)
                .paragraph(reason.isBlank() ? "No reason given." : "Reason: " + reason).build();
    }
}
