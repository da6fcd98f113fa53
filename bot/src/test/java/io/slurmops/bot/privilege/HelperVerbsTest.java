package io.slurmops.bot.privilege;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HelperVerbsTest {

    @TempDir
    Path dir;
    Path state;
    Path backups;
    Path etc;
    Path triggers;
    HelperVerbs verbs;

    @BeforeEach
    void policy() throws IOException {
        state = Files.createDirectories(dir.resolve("state"));
        backups = Files.createDirectories(dir.resolve("backups"));
        etc = Files.createDirectories(dir.resolve("etc-slurm"));
        triggers = Files.createDirectories(dir.resolve("triggers"));
        Files.writeString(state.resolve("node_state"), "x");
        Files.writeString(state.resolve("node_state.old"), "y");
        verbs = new HelperVerbs(new HelperPolicy(Set.of("slurmctld", "slurmdbd"), List.of("/bin/systemctl"), "slurm",
                "/usr/sbin/runuser", "/usr/bin/strigger", triggers, List.of(etc), List.of(state, backups), dir.resolve("log")));
    }

    @Test
    void servicesOnlyWithTheFixedVerbsAndThePolicysUnits() throws Exception {
        assertThat(verbs.argv(List.of("service", "restart", "slurmdbd"))).containsExactly("/bin/systemctl", "restart", "slurmdbd");
        assertRefused(List.of("service", "restart", "sshd"), "unit `sshd` is not one of");
        assertRefused(List.of("service", "enable", "slurmdbd"), "`enable` is not one of");
        assertRefused(List.of("service", "restart", "slurmdbd", "sshd"), "expected 2 argument(s)");
        assertRefused(List.of("systemctl", "restart", "slurmdbd"), "unknown verb `systemctl`");
        assertRefused(List.of(), "no verb");
    }

    @Test
    void slurmctldOptionsOnlyAsSingleLetterFlags() throws Exception {
        assertThat(verbs.argv(List.of("service-env", "set", "SLURMCTLD_OPTIONS=-i")))
                .containsExactly("/bin/systemctl", "set-environment", "SLURMCTLD_OPTIONS=-i");
        assertThat(verbs.argv(List.of("service-env", "unset", "SLURMCTLD_OPTIONS")))
                .containsExactly("/bin/systemctl", "unset-environment", "SLURMCTLD_OPTIONS");
        assertRefused(List.of("service-env", "set", "SLURMCTLD_OPTIONS=-i;id"), "single-letter");
        assertRefused(List.of("service-env", "set", "LD_PRELOAD=/tmp/x.so"), "single-letter");
    }

    @Test
    void striggerRunsAsSlurmUserWithValidatedEventsNodesAndProgram() throws Exception {
        Path wrapper = Files.writeString(triggers.resolve("slurmops-trigger-down"), "#!/bin/sh\n");
        assertThat(verbs.argv(List.of("strigger", "--get")))
                .containsExactly("/usr/sbin/runuser", "-u", "slurm", "--", "/usr/bin/strigger", "--get");
        assertThat(verbs.argv(List.of("strigger", "--set", "--node=node[001-004]", "--down", "--flags=PERM",
                "--program=" + wrapper))).endsWith("--set", "--node=node[001-004]", "--down", "--flags=PERM",
                "--program=" + wrapper.toRealPath());
        assertRefused(List.of("strigger", "--set", "--node=node[001-", "--down", "--flags=PERM", "--program=" + wrapper),
                "not a Slurm host list");
        assertRefused(List.of("strigger", "--set", "--up", "--flags=PERM", "--program=" + wrapper), "expected EVENT");
        Path evil = Files.writeString(backups.resolve("slurmops-trigger-down"), "#!/bin/sh\n");
        assertRefused(List.of("strigger", "--set", "--down", "--flags=PERM", "--program=" + evil), "is not below");
        assertRefused(List.of("strigger", "--clear", "--id=1;id"), "only --get");
    }

    @Test
    void pathsMustStayInTheirDirectoriesAfterLinksAreResolved() throws Exception {
        assertThat(verbs.argv(List.of("copy", state.toString(), backups + "/b1/state")))
                .containsExactly("cp", "-a", "--", state.toRealPath().toString(), backups.toRealPath() + "/b1/state");
        assertThat(verbs.argv(List.of("copy", etc.toString(), backups + "/b1/config"))).contains("cp");
        assertRefused(List.of("copy", state.toString(), etc + "/x"), "is not below");
        assertRefused(List.of("copy", "/etc/passwd", backups + "/p"), "is not under");
        assertRefused(List.of("read", backups + "/../../../etc/shadow"), "contains . or ..");
        Path link = Files.createSymbolicLink(backups.resolve("out"), Path.of("/etc"));
        assertRefused(List.of("read", link + "/passwd"), "is not under");
        assertRefused(List.of("create", link + "/new"), "is not below");
        assertRefused(List.of("remove", backups.toString()), "is not below");
        assertThat(verbs.argv(List.of("remove", backups + "/gone"))).as("rm -rf of nothing").endsWith(backups.toRealPath() + "/gone");
        Path inner = Files.createSymbolicLink(backups.resolve("to-state"), state);
        assertRefused(List.of("remove", inner.toString()), "is a symbolic link");
        assertRefused(List.of("remove", "relative/path"), "not an absolute path");
        assertThat(verbs.argv(List.of("clear", state.toString()))).containsExactly("find", state.toRealPath().toString(),
                "-mindepth", "1", "-delete");
    }

    @Test
    void restoreOldNeedsTheOldCopyBesideTheFile() throws Exception {
        assertThat(verbs.argv(List.of("restore-old", state + "/node_state"))).containsExactly("cp", "-p", "--",
                state.toRealPath() + "/node_state.old", state.toRealPath() + "/node_state");
        assertRefused(List.of("restore-old", state + "/job_state"), "does not exist");
    }

    @Test
    void mkdirOnlyInItsThreeShapes() throws Exception {
        assertThat(verbs.argv(List.of("mkdir", "-p", "-m", "700", "--", backups + "/x/y")))
                .containsExactly("mkdir", "-p", "-m", "700", "--", backups.toRealPath() + "/x/y");
        assertThat(verbs.argv(List.of("mkdir", "-m", "700", "--", backups + "/x"))).hasSize(5);
        assertThat(verbs.argv(List.of("mkdir", "-p", "-m", "700", "--", backups.toString()))).as("-p on the root: a no-op")
                .endsWith(backups.toRealPath().toString());
        assertRefused(List.of("mkdir", "-m", "700", "--", backups.toString()), "is not below");
        assertRefused(List.of("mkdir", "-m", "4777", "--", backups + "/x"), "expected [-p] [-m 700] -- DIR");
        assertRefused(List.of("mkdir", "-p", backups + "/x"), "expected [-p] [-m 700] -- DIR");
    }

    @Test
    void readingCoversTheConfigDirectoryButWritingDoesNot() throws Exception {
        Files.writeString(etc.resolve("slurm.conf"), "x");
        assertThat(verbs.argv(List.of("sha256", etc + "/slurm.conf", state + "/node_state"))).hasSize(4);
        assertThat(verbs.argv(List.of("find-named", backups.toString(), "backup.meta"))).endsWith("-name", "backup.meta");
        assertThat(verbs.argv(List.of("find-named", backups.toString(), "d", "job.*"))).contains("-type", "d");
        assertRefused(List.of("find-named", backups.toString(), "-exec"), "find-named: expected");
        assertRefused(List.of("write", etc + "/slurm.conf"), "is not below");
        assertThat(verbs.argv(List.of("base64", etc + "/slurm.conf"))).containsExactly("base64", "-w", "0",
                etc.toRealPath() + "/slurm.conf");
        assertRefused(List.of("base64", "/etc/shadow"), "is not under");
    }

    private void assertRefused(List<String> request, String why) {
        assertThatThrownBy(() -> verbs.argv(request)).isInstanceOf(HelperRefusal.class).hasMessageContaining(why);
    }
}
