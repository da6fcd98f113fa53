package io.slurmops.commands.read;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.OptionSpec;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Lists the commands, or explains one with its usage, options and risk. */
public final class HelpCommand implements SlurmCommand {

    private static final CommandSpec SPEC = CommandSpec.builder("help")
            .arguments("[COMMAND]", 0, 3)
            .summary("List commands, or show how to use one")
            .build();

    private final Supplier<List<SlurmCommand>> commands;

    public HelpCommand(Supplier<List<SlurmCommand>> commands) {
        this.commands = commands;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply execute(Invocation inv, CommandContext ctx) throws UsageException {
        String prefix = ctx.prefix();
        if (inv.args().isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (SlurmCommand c : commands.get()) {
                CommandSpec s = c.spec();
                String risk = s.risk() == Risk.READ ? "" : "  [" + s.risk().label() + "]";
                lines.add("`" + s.usage(prefix) + "` — " + s.summary() + risk);
            }
            return Reply.builder("slurmops commands").status(Status.INFO).bullets(lines)
                    .paragraph("`" + prefix + " help COMMAND` explains one. Commands marked [change] or "
                            + "[destructive] run only after approval by someone else.")
                    .build();
        }
        String name = String.join(" ", inv.args()).toLowerCase(Locale.ROOT);
        List<SlurmCommand> matches = commands.get().stream()
                .filter(c -> c.spec().name().equals(name) || c.spec().name().startsWith(name + " ")).toList();
        if (matches.isEmpty()) {
            throw new UsageException("no command `" + name + "`", prefix + " help");
        }
        Reply.Builder reply = Reply.builder(matches.size() == 1 ? "`" + matches.get(0).spec().usage(prefix) + "`"
                : "`" + prefix + " " + name + " …`").status(Status.INFO);
        for (SlurmCommand c : matches) {
            CommandSpec s = c.spec();
            if (matches.size() > 1) {
                reply.heading("`" + s.usage(prefix) + "`");
            }
            reply.paragraph(s.summary());
            if (!s.description().isBlank()) {
                reply.paragraph(s.description());
            }
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            fields.add(Map.entry("Risk", s.risk().label()));
            for (OptionSpec o : s.options()) {
                fields.add(Map.entry("--" + o.name() + (o.takesValue() ? " " + o.valueName() : ""), o.description()));
            }
            reply.fields(fields);
        }
        return reply.build();
    }
}
