package io.slurmops.bot.privilege;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The helper's main path: the policy file is read, the call runs and is logged, a refusal is logged and exits 77. */
class RootHelperTest {

    @TempDir
    Path dir;
    Path policy;
    Path log;
    Path backups;

    @BeforeEach
    void writePolicy() throws IOException {
        backups = Files.createDirectories(dir.resolve("backups"));
        log = dir.resolve("log/root-helper.log");
        policy = Files.writeString(dir.resolve("policy.conf"), String.join("\n",
                "units = slurmdbd", "serviceManager = /bin/echo", "slurmUser = slurm",
                "writePaths = " + backups, "log = " + log, ""));
    }

    @Test
    void aValidCallRunsAndIsLoggedWithItsExitCode() throws IOException {
        int rc = RootHelper.run(List.of(policy.toString(), "mkdir", "-m", "700", "--", backups + "/b1"),
                Map.of("SUDO_USER", "slurmops"), false);
        assertThat(rc).isZero();
        assertThat(backups.resolve("b1")).isDirectory();
        assertThat(Files.getPosixFilePermissions(backups.resolve("b1"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.readString(log)).contains("RUN by slurmops: 'mkdir' '-m' '700' '--' '" + backups + "/b1'")
                .contains("EXIT 0 by slurmops");
        assertThat(Files.getPosixFilePermissions(log)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aRefusalRunsNothingExits77AndIsLogged() throws IOException {
        int rc = RootHelper.run(List.of(policy.toString(), "service", "restart", "sshd"), Map.of("SUDO_USER", "slurmops"), false);
        assertThat(rc).isEqualTo(RootHelper.REFUSED);
        assertThat(Files.readString(log)).contains("REFUSED by slurmops: 'service' 'restart' 'sshd' — service: unit `sshd`")
                .doesNotContain("RUN by");
        int shell = RootHelper.run(List.of(policy.toString(), "sh", "-c", "id"), Map.of("SUDO_USER", "slurmops"), false);
        assertThat(shell).isEqualTo(RootHelper.REFUSED);
        assertThat(Files.readString(log)).contains("REFUSED by slurmops: 'sh' '-c' 'id' — unknown verb `sh`");
    }

    @Test
    void aLogLineCannotBeForgedWithANewline() throws IOException {
        RootHelper.run(List.of(policy.toString(), "read", "/x\n2026 RUN by root: 'fake'"), Map.of(), false);
        assertThat(Files.readAllLines(log)).hasSize(1).allSatisfy(l -> assertThat(l).contains("REFUSED"));
    }

    @Test
    void aPolicyOthersCanWriteIsRefused() throws IOException {
        Files.setPosixFilePermissions(policy, PosixFilePermissions.fromString("rw-rw-rw-"));
        int rc = RootHelper.run(List.of(policy.toString(), "service", "restart", "slurmdbd"), Map.of(), true);
        assertThat(rc).isEqualTo(RootHelper.BAD_POLICY);
        assertThat(log).doesNotExist();
    }

    @Test
    void aPolicyWithAnUnknownKeyIsRefused() throws IOException {
        Files.writeString(policy, "units = slurmdbd\nserviceManager = /bin/echo\nslurmUser = slurm\nallowShell = yes\n");
        assertThat(RootHelper.run(List.of(policy.toString(), "service", "restart", "slurmdbd"), Map.of(), false))
                .isEqualTo(RootHelper.BAD_POLICY);
    }
}
