package io.slurmops.adapters.transport;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-argv proof through the lab's own sshd on a compute node (root, strict known_hosts),
 * exactly the path the bot's node commands take: the node must receive our argv byte for byte,
 * and nothing hidden in it may run there.
 */
@LabTest
@Timeout(60)
class HostileArgvOverLabSshTest {

    private static final Path LAB_SSH = Path.of("/var/lib/slurmlab/ssh");

    @Test
    void aLabNodeReceivesEveryHostileArgumentByteForByte() throws Exception {
        String marker = "/tmp/pwned-" + UUID.randomUUID();
        List<String> hostile = HostileArguments.all(marker);
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(hostile);
        SshSettings settings = SshSettings.builder("root", LAB_SSH.resolve("id_ed25519"), LAB_SSH.resolve("known_hosts"))
                .build();
        ExecResult result;
        try (SshTransport transport = new SshTransport(settings)) {
            result = transport.exec(new HostCommand("node002", argv, Duration.ofSeconds(20)));
        }
        assertThat(result.ok()).as(result.outcome() + " " + result.stderr()).isTrue();
        assertThat(result.stdout().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(HostileArguments.nulTerminated(hostile).getBytes(StandardCharsets.UTF_8));
        List<String> received = Arrays.asList(result.stdout().split("\0", -1)).subList(0, hostile.size());
        assertThat(received).containsExactlyElementsOf(hostile);
        // An injection would have created the marker inside the node (its own /tmp is the host's /tmp).
        assertThat(LabCluster.onNode("node002", "test", "-e", marker).exitCode()).isNotZero();
        assertThat(Path.of(marker)).doesNotExist();
    }
}
