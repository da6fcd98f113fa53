package io.slurmops.bot.runbook.chat;

import io.slurmops.bot.pipeline.BotCommand;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Desks;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.ChatLineTokenizer;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.OptionSpec;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.Role;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.runbook.BoundRunbook;
import io.slurmops.commands.runbook.Runbook;
import io.slurmops.commands.runbook.RunbookPreview;
import io.slurmops.commands.runbook.run.RunJournal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The {@code runbook …} commands, each one declaration and a few lines over the {@link RunbookDesk}. */
public final class RunbookCommands {

    private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);

    private RunbookCommands() {
    }

    /** In help order. */
    public static List<SlurmCommand> all(RunbookDesk desk) {
        return List.of(new ListCommand(desk), new ShowCommand(desk), new RunCommand(desk), new StatusCommand(desk),
                new ResumeCommand(desk), new AbortCommand(desk));
    }

    private abstract static class Base extends DeclaredCommand implements BotCommand {
        final RunbookDesk desk;

        Base(RunbookDesk desk, CommandSpec spec) {
            super(spec);
            this.desk = desk;
        }
    }

    static final class ListCommand extends Base {
        ListCommand(RunbookDesk desk) {
            super(desk, CommandSpec.builder("runbook list")
                    .summary("The runbooks: name, title, risk, built-in or site; refused files with their line")
                    .build());
        }

        @Override
        public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks d) {
            return new BotResponse(RunViews.list(desk.runbooks(), d.prefix()), Outcome.DONE);
        }
    }

    static final class ShowCommand extends Base {
        ShowCommand(RunbookDesk desk) {
            super(desk, CommandSpec.builder("runbook show")
                    .required("NAME", ArgTypes.name("runbook"))
                    .summary("A runbook's preview: preconditions, steps with what each destroys, checks, rollback, gates")
                    .build());
        }

        @Override
        public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks d) throws UsageException {
            Runbook rb = desk.runbook(inv.word("name"), spec());
            Map<String, String> shown = new LinkedHashMap<>();
            rb.parameters().stream().filter(p -> p.known() == io.slurmops.commands.runbook.Parameter.Known.PLAN)
                    .forEach(p -> shown.put(p.name(), p.defaultValue().orElse("${" + p.name() + "}")));
            String preview = RunbookPreview.render(new BoundRunbook(rb, shown));
            return new BotResponse(Reply.builder("Runbook " + rb.name() + " (" + (RunbookSet.builtIn(rb) ? "built-in"
                    : rb.source().file()) + ")").code(preview.strip()).paragraph("Values without a default are given as "
                    + "key=value (a state-dir is read from slurmctld when left out): `" + d.prefix() + " runbook run "
                    + rb.name() + " [key=value …]`").build(), Outcome.DONE);
        }
    }

    static final class RunCommand extends Base {
        RunCommand(RunbookDesk desk) {
            super(desk, CommandSpec.builder("runbook run")
                    .required("NAME", ArgTypes.name("runbook"))
                    .text("KEY=VALUE…", false)
                    .summary("Ask for a runbook run: its plan is posted for approval with the runbook's own risk")
                    .description("The plan is the runbook with its plan-time values (given as key=value, or read from "
                            + "slurmctld such as StateSaveLocation) and its SHA-256. Approved, it runs in the background; "
                            + "progress, gates and failures go to the plan's thread. A destructive runbook needs an admin "
                            + "requester and two approvals.")
                    .risk(Risk.CHANGE)
                    .build());
        }

        @Override
        public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks d) throws UsageException {
            Map<String, String> given = new LinkedHashMap<>();
            for (String word : ChatLineTokenizer.tokenize(inv.text("key=value…"))) {
                var kv = KEY_VALUE.matcher(word);
                if (!kv.matches()) {
                    throw new UsageException("`" + word + "` is not key=value", spec().usage(d.prefix()));
                }
                if (given.put(kv.group(1), kv.group(2)) != null) {
                    throw new UsageException("`" + kv.group(1) + "` is given twice", spec().usage(d.prefix()));
                }
            }
            return desk.requestRun(inv.word("name"), given, m, ch, spec());
        }
    }

    static final class StatusCommand extends Base {
        StatusCommand(RunbookDesk desk) {
            super(desk, CommandSpec.builder("runbook status")
                    .optional("ID", ArgTypes.integer(1, Integer.MAX_VALUE).as("run id", "digits"))
                    .summary("One run's steps, states and bound values; without ID the unfinished and recent runs")
                    .build());
        }

        @Override
        public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks d) throws UsageException {
            Optional<Integer> id = inv.value("id", Integer.class);
            if (id.isPresent()) {
                RunJournal.RunRecord rec = desk.record(id.get(), spec());
                return new BotResponse(RunViews.run(rec, desk.runbooks().get(rec.runbook()).orElse(null)), Outcome.DONE);
            }
            RunJournal journal = desk.journal();
            List<Long> open = journal.unfinished();
            List<RunJournal.RunRecord> unfinished = new ArrayList<>();
            open.forEach(r -> journal.run(r).ifPresent(unfinished::add));
            List<RunJournal.RunRecord> recent = new ArrayList<>();
            desk.recent(5).stream().filter(r -> !open.contains(r)).forEach(r -> journal.run(r).ifPresent(recent::add));
            return new BotResponse(RunViews.overview(unfinished, recent, d.prefix()), Outcome.DONE);
        }
    }

    static final class ResumeCommand extends Base {
        ResumeCommand(RunbookDesk desk) {
            super(desk, CommandSpec.builder("runbook resume")
                    .required("ID", ArgTypes.integer(1, Integer.MAX_VALUE).as("run id", "digits"))
                    .option(OptionSpec.flag("rerun", "run the stopped step again instead of testing its check"))
                    .summary("Continue a failed or paused run after a fix (approved like `runbook run`)")
                    .description("Resuming goes on with the run's remaining steps, so it is voted on with the runbook's "
                            + "risk. A run waiting at a gate gets its gate vote posted again.")
                    .risk(Risk.CHANGE)
                    .build());
        }

        @Override
        public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks d) throws UsageException {
            return desk.requestResume(inv.value("id", Integer.class).orElseThrow(), inv.flag("rerun"), m, ch, spec());
        }
    }

    static final class AbortCommand extends Base {
        AbortCommand(RunbookDesk desk) {
            super(desk, CommandSpec.builder("runbook abort")
                    .required("ID", ArgTypes.integer(1, Integer.MAX_VALUE).as("run id", "digits"))
                    .summary("End a run now (a running one stops after its current step); no vote: stopping is safe")
                    .role(Role.OPERATOR)
                    .build());
        }

        @Override
        public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks d) throws UsageException {
            return desk.abort(inv.value("id", Integer.class).orElseThrow(), m, spec());
        }
    }
}
