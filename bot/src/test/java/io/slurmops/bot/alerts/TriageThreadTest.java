package io.slurmops.bot.alerts;

import io.slurmops.commands.alerts.NodeSymptoms;
import io.slurmops.commands.alerts.Observation;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.reply.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13: the triage findings in the alert's thread, and other checks' symptoms attached to the node's incident. */
class TriageThreadTest {

    private final AlertServiceTest.ScriptedProbe probe = new AlertServiceTest.ScriptedProbe();
    private final RecordingChannel channel = new RecordingChannel();
    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final AlertService service = new AlertService(List.of(probe), new IncidentTracker(store, 2,
            Duration.ofMinutes(10)), store, new AlertPoster(channel, "test", "alerts", KnowledgeBase.builtIn(), "!slurm",
            "lab"), () -> null, java.time.Clock.systemUTC());

    private static Observation cut(String node) {
        return Observation.of("nodes", node, Status.CRITICAL, node + " is down*: Not responding — node unreachable",
                "node-no-answer", "").withTriage(List.of("reach: ssh port 22 no answer (timed out) from the bot; "
                + "slurmd port 6818 no answer (timed out) from the controller", "node-side checks: not run"));
    }

    @Test
    void theTriageFollowsTheAlertInItsThreadOnceAndSaysWhyThereIsNoFix() {
        probe.next = List.of(cut("node002"));
        service.poll(probe);
        service.poll(probe);
        assertThat(channel.topLevel()).hasSize(1);
        String alert = channel.posts.get(0).id();
        List<RecordingChannel.Post> thread = channel.posts.stream().filter(p -> alert.equals(p.parent())).toList();
        assertThat(thread).singleElement().satisfies(p -> assertThat(p.reply().title() + "\n" + p.reply().toPlainText())
                .startsWith("Triage of node002 (incident #").contains("slurmd port 6818 no answer (timed out)")
                .contains("No suggested fix: From the controller neither"));
    }

    @Test
    void aSymptomWaitsForTheNodesIncidentThenJoinsItsThreadOnce() {
        NodeSymptoms symptoms = new NodeSymptoms();
        service.attachSymptoms(symptoms);
        symptoms.noted("config", Map.of("node002", "command timeout after 30s"), List.of("node001", "node002"),
                Instant.now());
        probe.next = List.of();
        service.poll(probe);
        assertThat(channel.posts).as("no incident of the node yet: nothing posted").isEmpty();

        probe.next = List.of(cut("node002"));
        service.poll(probe);
        service.poll(probe);
        Incident incident = store.latest("nodes:node002").orElseThrow();
        assertThat(channel.posts).filteredOn(p -> incident.messageId().equals(p.parent()))
                .extracting(p -> p.reply().title())
                .containsOnlyOnce("config check: node002 unreadable (command timeout after 30s) — a symptom of this "
                        + "incident, no alert of its own");
        assertThat(service.symptomsOf(incident.id())).extracting(NodeSymptoms.Symptom::check).containsExactly("config");
        assertThat(channel.topLevel()).hasSize(1);
    }
}
