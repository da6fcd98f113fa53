package io.slurmops.commands.read;

import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandRegistry;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.OptionSpec;
import io.slurmops.commands.catalog.Param;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Lists the commands, or explains one: everything it says comes from the commands' declarations. */
public final class HelpCommand extends DeclaredCommand {

    private final CommandRegistry registry;

    public HelpCommand(CommandRegistry registry) {
        super(CommandSpec.builder("help")
                .text("COMMAND", false)
                .summary("List commands, or show how to use one")
                .build());
        this.registry = registry;
    }


    @Override
    public Reply execute(Invocation inv, CommandContext ctx) throws UsageException {
        String prefix = ctx.prefix();
        List<SlurmCommand> commands = registry.commands();
        if (inv.args().isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (SlurmCommand c : commands) {
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
        List<SlurmCommand> matches = commands.stream()
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
            reply.fields(fields(s));
        }
        return reply.build();
    }

    /** Risk, role, each argument's accepted forms and each option: read from the declaration. */
    static List<Map.Entry<String, String>> fields(CommandSpec s) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("Risk", s.risk().label()));
        fields.add(Map.entry("Role", "at least " + s.requiredRole(s.risk()).label()));
        for (Param p : s.params()) {
            String hint = p.type().hint();
            fields.add(Map.entry(p.placeholder(), (p.rest() ? "free text" : p.type().noun())
                    + (hint.isEmpty() ? "" : " — " + hint) + (p.required() ? "" : " (optional)")));
        }
        for (OptionSpec o : s.options()) {
            fields.add(Map.entry("--" + o.name() + (o.takesValue() ? " " + o.valueName() : ""), o.description()));
        }
        return fields;
    }
}
