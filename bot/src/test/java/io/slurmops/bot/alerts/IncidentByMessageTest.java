package io.slurmops.bot.alerts;

import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.commands.reply.Status;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A reaction belongs to an incident only on the incident's own message: platform, channel and id. */
class IncidentByMessageTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "stored"})
    void theSameMessageIdInAnotherChannelIsNotTheIncident(String kind) {
        SlurmopsStore jdbc = kind.equals("stored") ? SlurmopsStore.open("jdbc:h2:file:" + dir.resolve("store"), "", "")
                : null;
        try {
            AlertStore store = jdbc == null ? new InMemoryAlertStore() : new StoredAlertStore(jdbc);
            Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
            Incident i = new Incident(store.nextIncidentId(), "nodes:node003", "nodes", "node003", Status.CRITICAL,
                    "node003 is down", "node-not-responding", "restart slurmd node003", t0, t0, null,
                    new AlertMessage("slack", "C0ALERTS", "1764064800.000100"), 0, 0, null, null, null);
            store.save(i);

            assertThat(store.byMessage("slack", "C0ALERTS", "1764064800.000100")).contains(i);
            assertThat(store.byMessage("slack", "C0OPS", "1764064800.000100")).isEmpty();
            assertThat(store.byMessage("discord", "C0ALERTS", "1764064800.000100")).isEmpty();
            assertThat(store.byMessage("slack", null, "1764064800.000100")).isEmpty();
        } finally {
            if (jdbc != null) {
                jdbc.close();
            }
        }
    }
}
