package io.slurmops.adapters.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The remote program must receive exactly the argv we sent, whatever it contains: the command
 * string passes through the remote user's shell, so this is where quoting mistakes become
 * injections.
 */
// A throwaway sshd as root with a dedicated login user (TestSshd): lab tier, not the fast one.
@Tag("ssh")
@Tag("lab")
@Timeout(60)
class HostileArgvOverSshTest {

    @RegisterExtension
    static final TestSshd SSHD = new TestSshd();

    @Test
    void printfReceivesEveryHostileArgumentByteForByte() {
        Path marker = Path.of("/tmp/pwned-" + UUID.randomUUID());
        List<String> hostile = HostileArguments.all(marker.toString());
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(hostile);

        ExecResult result;
        try (SshTransport transport = new SshTransport(SSHD.settings().build())) {
            result = transport.exec(new HostCommand("127.0.0.1", argv, Duration.ofSeconds(20)));
        }

        assertThat(result.ok()).as(result.outcome() + " " + result.stderr()).isTrue();
        assertThat(result.stderr()).isEmpty();
        byte[] expected = HostileArguments.nulTerminated(hostile).getBytes(StandardCharsets.UTF_8);
        assertThat(result.stdout().getBytes(StandardCharsets.UTF_8)).isEqualTo(expected);
        // Argument by argument too, so that a failure names the argument that broke.
        List<String> received = Arrays.asList(result.stdout().split("\0", -1)).subList(0, hostile.size());
        assertThat(received).containsExactlyElementsOf(hostile);
        assertThat(marker).doesNotExist();
    }

    @Test
    void aShellScriptPassedAsOneArgumentStillRuns() {
        // The other side of the coin: sh -c SCRIPT is how a caller asks for shell features on purpose.
        ExecResult result;
        try (SshTransport transport = new SshTransport(SSHD.settings().build())) {
            result = transport.exec(new HostCommand("127.0.0.1",
                    List.of("sh", "-c", "echo $((6*7)) \"$1\"", "sh", "a b; c"), Duration.ofSeconds(20)));
        }

        assertThat(result.stdout()).isEqualTo("42 a b; c\n");
    }
}
