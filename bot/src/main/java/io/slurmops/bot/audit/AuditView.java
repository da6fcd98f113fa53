package io.slurmops.bot.audit;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders audit rows for people: one line per row, the full trail of one request with its header. */
public final class AuditView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private AuditView() {
    }

    public static Reply recent(List<AuditEntry> rows, ZoneId zone) {
        Reply.Builder b = Reply.builder("Audit: the last " + rows.size() + " record" + (rows.size() == 1 ? "" : "s"))
                .status(Status.INFO);
        b.code(rows.isEmpty() ? "(empty)" : lines(rows, zone, true));
        return b.build();
    }

    public static Reply trail(Optional<RequestRecord> request, long id, List<AuditEntry> rows, ZoneId zone) {
        if (request.isEmpty()) {
            return Reply.error("there is no request #" + id);
        }
        RequestRecord r = request.get();
        Reply.Builder b = Reply.builder("Audit of " + r.tag() + ": " + r.state().label()).status(Status.INFO);
        b.fields(List.of(
                Map.entry("Command", r.line()),
                Map.entry("Requested by", r.requesterName() + " (" + r.requesterId() + ") in " + r.platform() + "/"
                        + r.channelId()),
                Map.entry("Risk", r.risk() + ", " + r.approvalsNeeded() + " approval(s) needed"),
                Map.entry("Plan hash", r.planHash() == null ? "(no plan)" : "sha256:" + r.planHash()),
                Map.entry("Outcome", r.outcome() == null ? "" : r.outcome())));
        b.code(lines(rows, zone, false));
        return b.build();
    }

    public static String lines(List<AuditEntry> rows, ZoneId zone, boolean withRequest) {
        StringBuilder out = new StringBuilder();
        for (AuditEntry e : rows) {
            out.append(TIME.withZone(zone).format(e.at())).append("  ");
            if (withRequest) {
                out.append(String.format("%-6s", e.requestId() > 0 ? "#" + e.requestId() : "-")).append(' ');
            }
            out.append(String.format("%-12s", e.kind().name())).append(' ').append(e.actorName());
            if (!e.platform().isEmpty()) {
                out.append(" @").append(e.platform()).append('/').append(e.channelId());
            }
            String what = switch (e.kind()) {
                case READ, REFUSED, REQUESTED -> e.commandLine() + (e.detail().isEmpty() ? "" : " — " + e.detail());
                case PLANNED -> e.detail() + " · plan sha256:" + (e.planHash() == null ? "?" : e.planHash());
                default -> e.detail();
            };
            out.append("  ").append(what);
            if (e.hostExits() != null) {
                out.append("  exits ").append(e.hostExits());
            }
            if (e.durationMs() != null) {
                out.append("  ").append(e.durationMs()).append(" ms");
            }
            if (e.outputSha256() != null) {
                out.append("  output sha256:").append(e.outputSha256(), 0, 16).append('…');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
