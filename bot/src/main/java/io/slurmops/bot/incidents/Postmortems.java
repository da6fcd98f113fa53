package io.slurmops.bot.incidents;

import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.site.ClusterAccess;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Makes a declared incident's postmortem (Markdown) and its chart (PNG), for chat and for the CLI. */
public final class Postmortems {

    /** The two files, with their names. */
    public record Files(String markdownName, byte[] markdown, String chartName, byte[] chart) {
    }

    private final DeclaredIncidentDesk desk;
    private final ClusterAccess cluster;

    public Postmortems(DeclaredIncidentDesk desk, ClusterAccess cluster) {
        this.desk = desk;
        this.cluster = cluster;
    }

    public Files of(long id) throws UsageException {
        IncidentDossier d = desk.dossier(id);
        ZoneId zone = desk.clock().getZone();
        Map<Instant, Map<String, Integer>> samples = desk.samples().between(d.windowStart(), d.windowEnd());
        String chartName = d.incident().tag() + "-nodes.png";
        String md = PostmortemDocument.markdown(d, SacctImpact.in(cluster, d.windowStart(), d.windowEnd(), zone),
                NodeStateSamples.nodeMinutesLost(samples, d.windowStart(), d.windowEnd()), chartName, zone);
        return new Files(d.incident().tag() + "-postmortem.md", md.getBytes(StandardCharsets.UTF_8), chartName,
                chart(d, samples, zone));
    }

    /** The chart alone (for {@code incident report INC-N}). */
    public byte[] chart(long id) throws UsageException {
        IncidentDossier d = desk.dossier(id);
        ZoneId zone = desk.clock().getZone();
        return chart(d, desk.samples().between(d.windowStart(), d.windowEnd()), zone);
    }

    static byte[] chart(IncidentDossier d, Map<Instant, Map<String, Integer>> samples, ZoneId zone) {
        List<NodeStateChart.Marker> markers = new ArrayList<>();
        markers.add(new NodeStateChart.Marker(d.alerts().isEmpty() ? null : d.detectedAt(), "alert"));
        markers.add(new NodeStateChart.Marker(d.approvedAt(), "approval"));
        markers.add(new NodeStateChart.Marker(d.recoveredAt(), "recovery"));
        return NodeStateChart.png(d.incident().tag() + " " + d.incident().title() + ": nodes by state", samples,
                markers, d.windowStart(), d.windowEnd(), zone);
    }
}
