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

    /**
     * The chart of a reporting period ({@code incident report}): node states with the most recent
     * alerts' detection, approval and recovery marked (a few, so the legend stays readable).
     */
    public java.util.Optional<byte[]> periodChart(Instant from, Instant to,
                                                  List<io.slurmops.bot.alerts.Incident> incidents) {
        Map<Instant, Map<String, Integer>> samples = desk.samples().between(from, to);
        if (samples.isEmpty() && incidents.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<NodeStateChart.Marker> markers = new ArrayList<>();
        for (io.slurmops.bot.alerts.Incident i : incidents.stream().limit(MARKED_ALERTS).toList()) {
            markers.add(new NodeStateChart.Marker(i.openedAt(), "alert #" + i.id()));
            markers.add(new NodeStateChart.Marker(i.approvedAt(), "approval #" + i.id()));
            markers.add(new NodeStateChart.Marker(i.resolvedAt(), "recovery #" + i.id()));
        }
        return java.util.Optional.of(NodeStateChart.png("Nodes by state", samples, markers, from, to,
                desk.clock().getZone()));
    }

    private static final int MARKED_ALERTS = 3;

    static byte[] chart(IncidentDossier d, Map<Instant, Map<String, Integer>> samples, ZoneId zone) {
        List<NodeStateChart.Marker> markers = new ArrayList<>();
        markers.add(new NodeStateChart.Marker(d.alerts().isEmpty() ? null : d.detectedAt(), "alert"));
        markers.add(new NodeStateChart.Marker(d.approvedAt(), "approval"));
        markers.add(new NodeStateChart.Marker(d.recoveredAt(), "recovery"));
        return NodeStateChart.png(d.incident().tag() + " " + d.incident().title() + ": nodes by state", samples,
                markers, d.windowStart(), d.windowEnd(), zone);
    }
}
