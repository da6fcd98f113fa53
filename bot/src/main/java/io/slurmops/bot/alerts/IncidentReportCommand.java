package io.slurmops.bot.alerts;

import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Incident timelines (detected, first response, approval, recovery) next to the runbook's
 * recovery time objectives (workshop slide 20).
 */
public final class IncidentReportCommand extends DeclaredCommand {

    /** Runbook slide 20: failure type → RTO upper bound, keyed by the probe that detects it. */
    private static final Map<String, Rto> RTO = Map.of(
            "nodes", new Rto("Single node down", "2-5 min", Duration.ofMinutes(5)),
            "munge", new Rto("Single node down", "2-5 min", Duration.ofMinutes(5)),
            "config", new Rto("Config mismatch", "5-10 min", Duration.ofMinutes(10)),
            "controller", new Rto("slurmctld crash", "1-3 min", Duration.ofMinutes(3)),
            "accounting", new Rto("Database (slurmdbd)", "30-60 min", Duration.ofMinutes(60)),
            "dbconnections", new Rto("Database (connections)", "30-60 min", Duration.ofMinutes(60)));

    record Rto(String failure, String target, Duration max) {
    }

    /** Draws the period's node states with its incidents marked (a PNG), when the bot records node states. */
    @FunctionalInterface
    public interface Chart {
        Optional<byte[]> draw(Instant from, Instant to, List<Incident> incidents);
    }

    private final AlertStore store;
    private final Function<String, Optional<Instant>> approvedAt;
    private final Chart chart;

    /** @param approvedAt when the request with this id was approved, if it was (looked up in the store) */
    public IncidentReportCommand(AlertStore store, Function<String, Optional<Instant>> approvedAt) {
        this(store, approvedAt, (from, to, incidents) -> Optional.empty());
    }

    /** @param chart the period's chart, attached to the report */
    public IncidentReportCommand(AlertStore store, Function<String, Optional<Instant>> approvedAt, Chart chart) {
        super(CommandSpec.builder("incident report")
                .optional("PERIOD", ArgTypes.duration(Duration.ofDays(3660)).as("period",
                    "e.g. 24h, 7d, 4w; units ms s m h d w, combinable: 1d12h"))
                .summary("Incident timelines and recovery times against the runbook's RTOs (default period 7d)")
                .build());
        this.store = store;
        this.approvedAt = approvedAt;
        this.chart = chart;
    }


    @Override
    public Reply execute(Invocation inv, CommandContext ctx) throws UsageException {
        String period = inv.optionalArg(0).orElse("7d");
        Duration d = inv.value("period", Duration.class).orElse(Duration.ofDays(7));
        Instant now = ctx.clock().instant();
        List<Incident> incidents = store.since(now.minus(d));
        Reply.Builder r = Reply.builder(incidents.size() + " incident" + (incidents.size() == 1 ? "" : "s")
                + " in the last " + period).status(Status.INFO);
        if (incidents.isEmpty()) {
            return r.build();
        }
        StringBuilder t = new StringBuilder(String.format("%-5s %-22s %-10s %-10s %-10s %-10s %-18s %s%n",
                "ID", "SUBJECT", "RESPONSE", "APPROVAL", "RECOVERY", "RTO", "FAILURE", "VERDICT"));
        for (Incident i : incidents) {
            Rto rto = RTO.getOrDefault(i.probe(), new Rto(i.probe(), "-", null));
            String recovery = i.duration().map(AlertPoster::human).orElse("open");
            String verdict = i.duration().isEmpty() || rto.max() == null ? "-"
                    : i.duration().get().compareTo(rto.max()) <= 0 ? "within RTO" : "OVER RTO";
            t.append(String.format("%-5s %-22s %-10s %-10s %-10s %-10s %-18s %s%n", "#" + i.id(), cut(i.subject(), 22),
                    since(i.openedAt(), i.firstResponseAt()), since(i.openedAt(), approval(i)), recovery,
                    rto.target(), cut(rto.failure(), 18), verdict));
        }
        r.code(t.toString()).paragraph("Times are from detection. RTOs: runbook slide 20.");
        chart.draw(now.minus(d), now, incidents).ifPresent(png -> r.attach("incidents-" + period + "-nodes.png",
                "image/png", png));
        return r.build();
    }

    private Instant approval(Incident i) {
        if (i.approvedAt() != null || i.requestId() == null) {
            return i.approvedAt();
        }
        return approvedAt.apply(i.requestId()).orElse(null);
    }

    private static String since(Instant from, Instant to) {
        return to == null ? "-" : AlertPoster.human(Duration.between(from, to));
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
