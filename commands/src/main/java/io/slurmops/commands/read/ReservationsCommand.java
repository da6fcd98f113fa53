package io.slurmops.commands.read;

import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.OptionSpec;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.slurm.ScontrolRecords;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reservations slurmctld holds: who may use which nodes when. A reservation explains why idle
 * nodes take no job, and an active MAINT one is the admins working on nodes on purpose.
 */
public final class ReservationsCommand extends DeclaredCommand {

    static final List<String> ARGV = List.of("scontrol", "show", "reservation");

    public ReservationsCommand() {
        super(CommandSpec.builder("reservations")
                .optional("NAME", ArgTypes.name("reservation"))
                .option(OptionSpec.flag("active", "only reservations in effect now"))
                .summary("Reservations: nodes, time window, users and flags (MAINT marks maintenance)")
                .description("Runs `scontrol show reservation` on the controller. Jobs outside a reservation do not "
                        + "start on its nodes while it is active, which often explains idle nodes and "
                        + "ReqNodeNotAvail/Reservation pending reasons. An active MAINT reservation marks nodes that "
                        + "are under maintenance on purpose.")
                .build());
    }

    @Override
    public Reply execute(Invocation inv, CommandContext ctx) throws UsageException {
        ExecResult r = ctx.cluster().slurm(ARGV);
        if (!r.ok()) {
            return Reply.builder("Could not read reservations: scontrol " + r.outcome()).status(Status.ERROR)
                    .code(r.combinedOutput().isBlank() ? r.outcome() : r.combinedOutput().strip())
                    .addAll(KnowledgeBase.render(ctx.knowledgeBase().match(r.combinedOutput()), ctx.prefix())).build();
        }
        List<Map<String, String>> all = ScontrolRecords.parse(r.stdout(), Set.of()).stream()
                .filter(m -> m.containsKey("ReservationName")).toList();
        Optional<String> name = inv.optionalWord("name");
        List<Map<String, String>> named = all.stream()
                .filter(m -> name.map(n -> n.equals(m.get("ReservationName"))).orElse(true)).toList();
        if (name.isPresent() && named.isEmpty()) {
            // The binder checked the name's syntax; whether it exists only slurmctld can say.
            throw new UsageException("no reservation `" + name.get() + "` (see `" + ctx.prefix() + " reservations`)",
                    usage(ctx));
        }
        List<Map<String, String>> shown = named.stream()
                .filter(m -> !inv.flag("active") || "ACTIVE".equals(m.get("State"))).toList();
        Reply.Builder reply = Reply.builder(shown.size() + " reservation" + (shown.size() == 1 ? "" : "s")
                + (inv.flag("active") ? " active" : "")).status(Status.INFO);
        if (shown.isEmpty()) {
            return reply.build();
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"NAME", "STATE", "START", "END", "NODES", "USERS/ACCOUNTS", "FLAGS"});
        List<String> maintenance = new ArrayList<>();
        for (Map<String, String> m : shown) {
            table.add(new String[] {m.get("ReservationName"), get(m, "State"), get(m, "StartTime"),
                    get(m, "EndTime"), get(m, "Nodes"), who(m), get(m, "Flags")});
            if ("ACTIVE".equals(m.get("State")) && get(m, "Flags").contains("MAINT")) {
                maintenance.add("`" + get(m, "Nodes") + "` (" + m.get("ReservationName") + " until "
                        + get(m, "EndTime") + ")");
            }
        }
        reply.code(TextTable.render(table));
        if (!maintenance.isEmpty()) {
            reply.paragraph("Under maintenance now: " + String.join(", ", maintenance)
                    + ". Node alerts there are held back while the MAINT reservation is active.");
        }
        return reply.build();
    }

    private static String get(Map<String, String> m, String key) {
        String v = m.getOrDefault(key, "");
        return ScontrolRecords.isUnset(v) ? "-" : v;
    }

    private static String who(Map<String, String> m) {
        List<String> parts = new ArrayList<>();
        if (!get(m, "Users").equals("-")) {
            parts.add(get(m, "Users"));
        }
        if (!get(m, "Accounts").equals("-")) {
            parts.add("account " + get(m, "Accounts"));
        }
        return parts.isEmpty() ? "-" : String.join(" · ", parts);
    }
}
