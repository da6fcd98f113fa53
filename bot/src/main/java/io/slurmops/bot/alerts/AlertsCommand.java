package io.slurmops.bot.alerts;

import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Open incidents and active silences. */
public final class AlertsCommand extends DeclaredCommand {

    private final AlertStore store;

    public AlertsCommand(AlertStore store) {
        super(CommandSpec.builder("alerts")
                .summary("Open incidents and active silences")
                .build());
        this.store = store;
    }


    @Override
    public Reply execute(Invocation invocation, CommandContext ctx) {
        List<Incident> open = store.open();
        List<Silence> silences = store.activeSilences(ctx.clock().instant());
        Reply.Builder r = Reply.builder(open.size() + " open incident" + (open.size() == 1 ? "" : "s") + ", "
                + silences.size() + " active silence" + (silences.size() == 1 ? "" : "s"));
        r.status(open.stream().map(Incident::severity).reduce(Status.OK, Status::worst));
        List<String> lines = new ArrayList<>();
        for (Incident i : open) {
            Duration age = Duration.between(i.openedAt(), ctx.clock().instant());
            lines.add("#" + i.id() + " " + i.severity().name() + " " + i.summary() + " — open " + AlertPoster.human(age)
                    + (i.repair().isBlank() ? "" : "; fix: `" + ctx.prefix() + " " + i.repair() + "`"));
        }
        if (!lines.isEmpty()) {
            r.heading("Incidents").bullets(lines);
        }
        List<String> quiet = silences.stream().map(s -> s.target() + " until " + s.until() + " (" + s.by()
                + (s.reason().isBlank() ? "" : ": " + s.reason()) + ")").toList();
        if (!quiet.isEmpty()) {
            r.heading("Silences").bullets(quiet);
        }
        return r.build();
    }
}
