package io.slurmops.bot.cli;

import io.slurmops.adapters.os.ProcessUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hole 3 of issue 10: {@code SLURMOPS_JAVA_OPTS=-Duser.name=bob slurmops run '!slurm approve 1'}
 * approved root's drain as bob. The console identity is the real uid's account; {@code --as} needs a
 * configuration that only root (or the service account) can change.
 */
class ConsoleIdentityTest {

    @TempDir
    Path dir;

    private Path config(boolean switchUser) throws IOException {
        Path config = dir.resolve("slurmops.yaml");
        Files.writeString(config, """
                store:
                  url: jdbc:h2:file:%s/state/store
                access:
                  users: {"console:bob": admin}
                console:
                  user: bob
                  switchUser: %s
                alerts:
                  enabled: false
                """.formatted(dir, switchUser));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        return config;
    }

    @Test
    void theUserNamePropertyDoesNotChangeWhoIsTyping() throws IOException {
        Path config = config(false);
        String before = System.getProperty("user.name");
        CliCapture.Run r;
        try {
            System.setProperty("user.name", "bob");
            r = CliCapture.run("run", "--config", config.toString(), "!slurm help");
        } finally {
            System.setProperty("user.name", before);
        }
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains(ProcessUser.realUserName() + " has no slurmops role")
                .contains("console:" + ProcessUser.realUserName());
    }

    @Test
    void switchingUserIsRefusedWhenOthersCanWriteTheConfiguration() throws IOException {
        Path config = config(true);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw-rw-"));
        CliCapture.Run r = CliCapture.run("run", "--config", config.toString(), "--as", "bob", "!slurm help");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("--as refused").contains("chmod go-w " + config);
        assertThat(dir.resolve("state")).as("nothing starts before --as is checked").doesNotExist();
        CliCapture.Run check = CliCapture.run("config", "check", config.toString());
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains("warning: console.switchUser will be ignored").contains("chmod go-w");
    }

    @Test
    void switchingUserIsRefusedWhenSomeoneElseOwnsTheConfiguration() throws IOException {
        assumeTrue(ProcessUser.isRoot(), "changing a file's owner needs root");
        Path config = config(true);
        UserPrincipal nobody = config.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(config, nobody);
        CliCapture.Run r = CliCapture.run("run", "--config", config.toString(), "--as", "bob", "!slurm help");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("--as refused").contains("owned by nobody");
        CliCapture.Run me = CliCapture.run("run", "--config", config.toString(), "!slurm help");
        assertThat(me.out()).as("without a trusted file, console.user is not taken either")
                .contains(ProcessUser.realUserName() + " has no slurmops role");
    }

    @Test
    void aConfigurationOnlyRootCanChangeMaySwitchUser() throws IOException {
        assumeTrue(ProcessUser.isRoot(), "the temporary file is root's only when the test runs as root");
        Path config = config(true);
        CliCapture.Run r = CliCapture.run("run", "--config", config.toString(), "--as", "bob", "!slurm help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("slurmops commands");
    }
}
