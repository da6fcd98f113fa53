package io.slurmops.bot.incidents;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.DeclaredIncidentRow;
import io.slurmops.bot.pipeline.BotCommand;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Desks;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.OptionSpec;
import io.slurmops.commands.catalog.Role;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.util.List;

/**
 * The declared-incident commands: {@code incident declare|lead|update|resolve|list|timeline|postmortem}
 * and {@code note}. Changing ones need the operator role and are audited (kind INCIDENT); reading ones
 * are for viewers. A command without {@code --incident INC-N} means the one open in its channel.
 */
public final class IncidentCommands {

    private IncidentCommands() {
    }

    public static List<SlurmCommand> all(DeclaredIncidentDesk desk, Postmortems postmortems,
                                         IncidentReminders reminders) {
        return List.of(new Declare(desk, reminders), new Lead(desk, reminders), new Update(desk, reminders),
                new Note(desk, reminders), new Resolve(desk, reminders), new ListOpen(desk),
                new Timeline(desk), new Postmortem(postmortems));
    }

    private static OptionSpec incidentOption() {
        return OptionSpec.value("incident", "INC-N", IncidentIds.type(),
                "the declared incident (default: the one open in this channel)");
    }

    /** Base of the commands that change an incident: find it, change it, audit it, answer. */
    private abstract static class Change extends DeclaredCommand implements BotCommand {
        final DeclaredIncidentDesk desk;
        final IncidentReminders reminders;

        Change(CommandSpec spec, DeclaredIncidentDesk desk, IncidentReminders reminders) {
            super(spec);
            this.desk = desk;
            this.reminders = reminders;
        }

        DeclaredIncidentRow target(Invocation inv, ChatMessage m) throws UsageException {
            return desk.target(inv.value("--incident", Long.class).orElse(null), m.platform(), m.channelId());
        }

        BotResponse done(Reply reply, DeclaredIncidentRow row, ChatMessage m, ChatChannel ch, Desks desks) {
            reminders.remember(m.platform(), m.channelId(), ch);
            audit(desks, m, row.tag() + ": " + reply.title());
            return new BotResponse(reply, Outcome.DONE);
        }

        static void audit(Desks desks, ChatMessage m, String detail) {
            desks.audit().append(AuditEntry.of(AuditKind.INCIDENT, desks.clock().instant())
                    .actor(m.userId(), m.userName()).where(m.platform(), m.channelId()).line(m.text().strip())
                    .detail(detail).build());
        }
    }

    static final class Declare extends Change {
        Declare(DeclaredIncidentDesk desk, IncidentReminders reminders) {
            super(CommandSpec.builder("incident declare")
                    .required("SEV", ArgTypes.choice("severity", DeclaredIncidentDesk.SEVERITIES))
                    .text("TITLE", true)
                    .option(OptionSpec.value("alert", "N", ArgTypes.requestId(), "start from alert #N"))
                    .role(Role.OPERATOR)
                    .summary("Declare an incident (SEV1…SEV4): its thread gathers alerts, commands, approvals, notes")
                    .description("Shown as INC-N. Commands in this channel, or naming the nodes of its alerts, "
                            + "are linked to it while it is open; so are alerts that open meanwhile.")
                    .build(), desk, reminders);
        }

        @Override
        public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks desks) throws UsageException {
            DeclaredIncidentRow row = desk.declare(inv.word("sev"), inv.text("title").strip(),
                    inv.value("--alert", Long.class).orElse(null), m.platform(), m.channelId(), m.userName());
            String p = desks.prefix();
            Reply reply = Reply.builder("🚨 " + row.tag() + " declared: " + row.severity() + " " + row.title())
                    .status(Status.WARNING)
                    .fields(List.of(java.util.Map.entry("Declared by", row.declaredBy()),
                            java.util.Map.entry("Updates due every", desk.config().cadence(row.severity()).toMinutes()
                                    + " min")))
                    .paragraph("Name a lead: `" + p + " incident lead @person` · status: `" + p
                            + " incident update TEXT` · notes: `" + p + " note TEXT` · end: `" + p
                            + " incident resolve`")
                    .build();
            String messageId = ch.post(reply);
            desk.announcedAs(row.id(), messageId);
            reminders.remember(m.platform(), m.channelId(), ch);
            audit(desks, m, row.tag() + " declared");
            return new BotResponse(reply, Outcome.DONE, true);
        }
    }

    static final class Lead extends Change {
        Lead(DeclaredIncidentDesk desk, IncidentReminders reminders) {
            super(CommandSpec.builder("incident lead").required("PERSON", ArgTypes.word())
                    .option(incidentOption()).role(Role.OPERATOR)
                    .summary("Name who leads the incident").build(), desk, reminders);
        }

        @Override
        public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks desks) throws UsageException {
            DeclaredIncidentRow row = target(inv, m);
            desk.lead(row, inv.word("person"), m.userName());
            return done(Reply.builder(row.tag() + " is led by " + inv.word("person")).build(), row, m, ch, desks);
        }
    }

    static final class Update extends Change {
        Update(DeclaredIncidentDesk desk, IncidentReminders reminders) {
            super(CommandSpec.builder("incident update").text("TEXT", true).option(incidentOption())
                    .role(Role.OPERATOR).summary("Post a status update (restarts the reminder cadence)").build(),
                    desk, reminders);
        }

        @Override
        public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks desks) throws UsageException {
            DeclaredIncidentRow row = target(inv, m);
            desk.update(row, inv.text("text").strip(), m.userName());
            return done(Reply.builder("📣 " + row.tag() + " status: " + inv.text("text").strip()).build(), row, m, ch,
                    desks);
        }
    }

    static final class Note extends Change {
        Note(DeclaredIncidentDesk desk, IncidentReminders reminders) {
            super(CommandSpec.builder("note").text("TEXT", true).option(incidentOption()).role(Role.OPERATOR)
                    .summary("Add a note to the timeline of this channel's incident").build(), desk, reminders);
        }

        @Override
        public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks desks) throws UsageException {
            DeclaredIncidentRow row = target(inv, m);
            desk.note(row, inv.text("text").strip(), m.userName());
            return done(Reply.builder("📝 noted on " + row.tag()).build(), row, m, ch, desks);
        }
    }

    static final class Resolve extends Change {
        Resolve(DeclaredIncidentDesk desk, IncidentReminders reminders) {
            super(CommandSpec.builder("incident resolve").option(incidentOption()).role(Role.OPERATOR)
                    .summary("Resolve the incident (then: incident postmortem INC-N)").build(), desk, reminders);
        }

        @Override
        public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks desks) throws UsageException {
            DeclaredIncidentRow row = target(inv, m);
            if (!desk.resolve(row, m.userName())) {
                return new BotResponse(Reply.builder(row.tag() + " was already resolved").status(Status.INFO).build(),
                        Outcome.DONE);
            }
            return done(Reply.builder("✅ " + row.tag() + " resolved").paragraph("Write it up: `" + desks.prefix()
                    + " incident postmortem " + row.tag() + "`").build(), row, m, ch, desks);
        }
    }

    static final class ListOpen extends DeclaredCommand implements BotCommand {
        private final DeclaredIncidentDesk desk;

        ListOpen(DeclaredIncidentDesk desk) {
            super(CommandSpec.builder("incident list").summary("Open declared incidents").build());
            this.desk = desk;
        }

        @Override
        public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks desks) {
            List<DeclaredIncidentRow> open = desk.open();
            Reply.Builder r = Reply.builder(open.size() + " declared incident" + (open.size() == 1 ? "" : "s")
                    + " open").status(Status.INFO);
            r.bullets(open.stream().map(i -> i.tag() + " " + i.severity() + " " + i.title() + " — lead "
                    + (i.lead() == null ? "none" : i.lead()) + ", declared "
                    + IncidentTimeline.time(i.declaredAt(), desk.clock().getZone())).toList());
            return new BotResponse(r.build(), Outcome.DONE);
        }
    }

    static final class Timeline extends DeclaredCommand implements BotCommand {
        private final DeclaredIncidentDesk desk;

        Timeline(DeclaredIncidentDesk desk) {
            super(CommandSpec.builder("incident timeline").optional("ID", IncidentIds.type())
                    .summary("Everything the incident gathered, in order, with who and when").build());
            this.desk = desk;
        }

        @Override
        public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks desks) throws UsageException {
            Long named = inv.value("id", Long.class).orElse(null);
            long id = named != null ? named : desk.target(null, m.platform(), m.channelId()).id();
            IncidentDossier d = desk.dossier(id);
            StringBuilder t = new StringBuilder();
            for (IncidentTimeline.Entry e : IncidentTimeline.of(d)) {
                t.append(IncidentTimeline.time(e.at(), desk.clock().getZone())).append("  ")
                        .append(String.format("%-12s", e.who().isEmpty() ? "-" : e.who())).append("  ")
                        .append(e.what()).append('\n');
            }
            return new BotResponse(Reply.builder(d.incident().tag() + " timeline: " + d.incident().title()
                    + (d.incident().isOpen() ? " (open)" : " (resolved)")).status(Status.INFO)
                    .code(t.toString()).build(), Outcome.DONE);
        }
    }

    static final class Postmortem extends DeclaredCommand implements BotCommand {
        private final Postmortems postmortems;

        Postmortem(Postmortems postmortems) {
            super(CommandSpec.builder("incident postmortem").required("ID", IncidentIds.type())
                    .summary("The postmortem (Markdown) and the nodes-by-state chart (PNG), attached").build());
            this.postmortems = postmortems;
        }

        @Override
        public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks desks) throws UsageException {
            Postmortems.Files f = postmortems.of(inv.value("id", Long.class).orElseThrow());
            Reply reply = Reply.builder("📄 Postmortem of " + f.markdownName().replace("-postmortem.md", ""))
                    .status(Status.INFO)
                    .paragraph("Root cause and action items are left for you to write.")
                    .attach(f.markdownName(), "text/markdown", f.markdown())
                    .attach(f.chartName(), "image/png", f.chart())
                    .build();
            return new BotResponse(reply, Outcome.DONE);
        }
    }
}
