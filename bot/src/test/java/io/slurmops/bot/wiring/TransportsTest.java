package io.slurmops.bot.wiring;

import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.Transport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TransportsTest {

    @Test
    void aMissingKnownHostsFileBreaksOnlyRemoteCommandsWithAClearMessage() throws Exception {
        SlurmopsConfig c = new ConfigLoader(Map.of()).parse("""
                ssh:
                  privateKey: /nonexistent/id_ed25519
                  knownHosts: /nonexistent/known_hosts
                """, "t");
        try (Transport t = Transports.fromConfig(c)) {
            ExecResult local = t.exec(new HostCommand(HostCommand.LOCAL, List.of("echo", "hi"), Duration.ofSeconds(5)));
            assertThat(local.ok()).isTrue();
            assertThat(local.stdout()).isEqualTo("hi\n");
            ExecResult remote = t.exec(new HostCommand("node001", List.of("true"), Duration.ofSeconds(5)));
            assertThat(remote.failure()).isEqualTo(FailureKind.ERROR);
            assertThat(remote.detail()).contains("SSH is not usable").contains("/nonexistent/known_hosts")
                    .contains("ssh: section");
        }
    }
}
