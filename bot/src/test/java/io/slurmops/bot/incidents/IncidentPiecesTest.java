package io.slurmops.bot.incidents;

import io.slurmops.bot.config.ConfigException;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.commands.slurm.NodeRecord;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small parts: state categories, node-minutes, the node-naming rule, the chart, the config section. */
class IncidentPiecesTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void nodesAreCountedOncePerNodeByCategory() {
        List<NodeRecord> nodes = NodeRecord.parseSinfo("""
                node001|idle|||
                node001|idle|||
                node002|down*|root|2026-11-25T10:00:00|Not responding
                node003|drained|alice|2026-11-25T10:00:00|cable
                node004|mixed|||
                node005|idle*|||
                node006|maint|||
                sim00001|future|||
                """);
        assertThat(NodeStateSamples.counts(nodes)).containsExactly(Map.entry("idle", 1), Map.entry("allocated", 1),
                Map.entry("drained", 1), Map.entry("down", 2), Map.entry("other", 1));
    }

    @Test
    void nodeMinutesLostHoldEachSampleUntilTheNext() {
        Map<Instant, Map<String, Integer>> samples = new LinkedHashMap<>();
        samples.put(T0, Map.of("idle", 4));
        samples.put(T0.plusSeconds(60), Map.of("idle", 2, "down", 1, "drained", 1));
        samples.put(T0.plusSeconds(180), Map.of("idle", 3, "down", 1));
        // 2 nodes × 2 min + 1 node × 1 min (until the window's end at +4 min) = 5 node-minutes.
        assertThat(NodeStateSamples.nodeMinutesLost(samples, T0, T0.plusSeconds(240)).getAsDouble())
                .isEqualTo(5.0);
        assertThat(NodeStateSamples.nodeMinutesLost(Map.of(), T0, T0.plusSeconds(240))).isEmpty();
    }

    @Test
    void aCommandNamesANodeThroughAnyHostlistWord() {
        assertThat(IncidentLinker.namesAny("drain node[001-004] flapping", Set.of("node003"))).isTrue();
        assertThat(IncidentLinker.namesAny("resume node003", Set.of("node003"))).isTrue();
        assertThat(IncidentLinker.namesAny("drain node004 node003-like", Set.of("node003"))).isFalse();
        assertThat(IncidentLinker.namesAny("status", Set.of())).isFalse();
    }

    @Test
    void theChartIsAPngOfTheWindowEvenWithoutSamples() throws Exception {
        Map<Instant, Map<String, Integer>> samples = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            samples.put(T0.plusSeconds(10L * i), i > 5 && i < 20 ? Map.of("idle", 3, "down", 1)
                    : Map.of("idle", 4));
        }
        List<NodeStateChart.Marker> marks = List.of(new NodeStateChart.Marker(T0.plusSeconds(60), "alert"),
                new NodeStateChart.Marker(T0.plusSeconds(120), "approval"),
                new NodeStateChart.Marker(T0.plusSeconds(200), "recovery"), new NodeStateChart.Marker(null, "none"));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(NodeStateChart.png("INC-1", samples, marks, T0,
                T0.plusSeconds(300), ZoneOffset.UTC)));
        assertThat(img.getWidth()).isEqualTo(900);
        assertThat(img.getHeight()).isEqualTo(420);
        BufferedImage empty = ImageIO.read(new ByteArrayInputStream(NodeStateChart.png("INC-2", Map.of(), List.of(),
                T0, T0.plusSeconds(300), ZoneOffset.UTC)));
        assertThat(empty.getWidth()).isEqualTo(900);
    }

    @Test
    void theIncidentsSectionIsCheckedKeyByKey() throws Exception {
        SlurmopsConfig c = new ConfigLoader(Map.of()).parse("""
                incidents:
                  updateCadence: {SEV1: 5m}
                  sampleRetention: 2d
                """, "test");
        assertThat(c.incidents().cadence("SEV1")).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.incidents().cadence("SEV3")).isEqualTo(Duration.ofHours(1));
        assertThat(c.incidents().sampleRetention()).isEqualTo(Duration.ofDays(2));
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse("""
                incidents:
                  updateCadence: {SEV5: 5m}
                  cadence: 3m
                """, "test")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("incidents.updateCadence.SEV5: unknown key")
                .hasMessageContaining("incidents.cadence: unknown key");
    }
}
