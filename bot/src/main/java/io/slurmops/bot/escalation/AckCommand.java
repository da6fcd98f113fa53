package io.slurmops.bot.escalation;

import io.slurmops.adapters.store.AckRow;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.commands.catalog.ArgType;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.Role;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.util.Optional;

/**
 * {@code ack N}: I am on incident #N. Stops its escalation (no further mention or page; services
 * already paged hear "acknowledged"). Audited like every command; the same as a 👀 on the alert.
 */
public final class AckCommand extends DeclaredCommand {

    /** Who may acknowledge (by command or 👀): the people who respond, as for {@code silence}. */
    static final Role ROLE = Role.OPERATOR;

    private final Acknowledgements acks;

    public AckCommand(Acknowledgements acks) {
        super(CommandSpec.builder("ack")
                .required("N", incident())
                .summary("Acknowledge incident #N: you are on it, its escalation stops")
                .description("The same as reacting 👀 on the incident's alert. Services already paged "
                        + "(PagerDuty, webhooks) are told it is acknowledged; nothing further is sent.")
                .role(ROLE)
                .build());
        this.acks = acks;
    }

    private static ArgType<Long> incident() {
        return new ArgType<>("incident number", "like 12 or #12, see `alerts`") {
            @Override
            public Long convert(String w) throws ArgType.Invalid {
                String digits = w.startsWith("#") ? w.substring(1) : w;
                if (!digits.matches("\\d{1,18}") || Long.parseLong(digits) == 0) {
                    throw new ArgType.Invalid();
                }
                return Long.parseLong(digits);
            }
        };
    }

    @Override
    public Reply execute(Invocation inv, CommandContext ctx) {
        long id = inv.value("n", Long.class).orElseThrow();
        Optional<Incident> open = acks.open(id);
        if (open.isEmpty()) {
            return Reply.error("Incident #" + id + " is not open (recovered, or no such incident): `"
                    + ctx.prefix() + " alerts` lists the open ones.");
        }
        Acknowledgements.Outcome o = acks.acknowledge(open.get(), ctx.requester(), "command");
        if (!o.first()) {
            return Reply.builder("Incident #" + id + " was already acknowledged by " + o.ack().by() + " at "
                    + o.ack().at() + ".").status(Status.INFO).build();
        }
        return Reply.builder(acknowledged(open.get(), o.ack())).status(Status.OK).build();
    }

    static String acknowledged(Incident i, AckRow ack) {
        return "Incident #" + i.id() + " acknowledged by " + ack.by() + ": its escalation stops.";
    }
}
