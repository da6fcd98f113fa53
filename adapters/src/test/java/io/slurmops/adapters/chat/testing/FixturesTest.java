package io.slurmops.adapters.chat.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The copies in src/test/resources keep the tests running without ../shared; they must not drift from it. */
class FixturesTest {

    @ParameterizedTest
    @ValueSource(strings = {"slack", "discord"})
    void everySharedFixtureHasAnIdenticalCopy(String platform) throws IOException {
        assumeTrue(Fixtures.sharedDir() != null, "no ../shared beside this clone; the copies are used");
        try (Stream<java.nio.file.Path> files = Files.list(Fixtures.sharedDir().resolve(platform))) {
            files.filter(f -> f.toString().endsWith(".json")).forEach(f -> {
                String name = platform + "/" + f.getFileName();
                assertThat(Fixtures.readCopy(name)).as(name).isEqualTo(Fixtures.read(name));
            });
        }
    }

    @Test
    void copiesAreOnTheClasspath() {
        assertThat(Fixtures.readCopy("slack/events_api_message.json")).contains("\"events_api\"");
        assertThat(Fixtures.readCopy("discord/gateway_ready_minimal.json")).contains("\"READY\"");
    }
}
