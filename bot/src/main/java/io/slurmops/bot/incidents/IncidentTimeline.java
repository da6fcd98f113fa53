package io.slurmops.bot.incidents;

import io.slurmops.adapters.store.DeclaredIncidentTable;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.VoteRecord;
import io.slurmops.bot.alerts.Incident;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** A dossier as one list in time order: who did what, when. */
public final class IncidentTimeline {

    /** One line of the timeline. */
    public record Entry(Instant at, String who, String what) {
    }

    private IncidentTimeline() {
    }

    public static List<Entry> of(IncidentDossier d) {
        List<Entry> out = new ArrayList<>();
        for (DeclaredIncidentTable.Event e : d.events()) {
            out.add(new Entry(e.at(), e.actor(), event(e)));
        }
        for (Incident a : d.alerts()) {
            out.add(new Entry(a.openedAt(), "slurmops", "alert #" + a.id() + " detected (" + a.probe() + "): "
                    + a.summary()));
            if (Acknowledgements.of(a) != null) {
                out.add(new Entry(Acknowledgements.of(a), "", "alert #" + a.id() + " acknowledged"));
            }
            if (a.resolvedAt() != null) {
                out.add(new Entry(a.resolvedAt(), "slurmops", "alert #" + a.id() + " recovered: " + a.subject()));
            }
        }
        for (RequestRecord r : d.requests()) {
            out.add(new Entry(r.createdAt(), r.requesterName(), "requested " + r.tag() + ": `" + r.line() + "`"));
            for (VoteRecord v : d.votes().getOrDefault(r.id(), List.of())) {
                out.add(new Entry(v.at(), v.voterName(), v.decision().name().toLowerCase(Locale.ROOT) + "d "
                        + r.tag() + (v.comment().isBlank() ? "" : ": " + v.comment()) + " (" + v.via() + ")"));
            }
            if (r.startedAt() != null) {
                out.add(new Entry(r.startedAt(), "slurmops", r.tag() + " started"));
            }
            if (r.finishedAt() != null) {
                out.add(new Entry(r.finishedAt(), "slurmops", r.tag() + " " + r.state().name().toLowerCase(Locale.ROOT)
                        + (r.outcome() == null || r.outcome().isBlank() ? "" : ": " + firstLine(r.outcome()))));
            } else if (r.decidedAt() != null && r.startedAt() == null) {
                out.add(new Entry(r.decidedAt(), "slurmops", r.tag() + " " + r.state().name().toLowerCase(Locale.ROOT)));
            }
        }
        out.sort(Comparator.comparing(Entry::at));
        return out;
    }

    private static String event(DeclaredIncidentTable.Event e) {
        return switch (e.kind()) {
            case "DECLARE" -> "declared " + e.body();
            case "LEAD" -> "lead: " + e.body();
            case "UPDATE" -> "status update: " + e.body();
            case "NOTE" -> "note: " + e.body();
            case "REMINDER" -> "reminder: " + e.body();
            case "RESOLVE" -> "resolved";
            default -> e.kind().toLowerCase(Locale.ROOT) + ": " + e.body();
        };
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }

    /** "2026-12-03 15:04:05" in the bot's zone. */
    static String time(Instant at, ZoneId zone) {
        return at == null ? "—" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone).format(at);
    }
}
