package io.slurmops.bot.runbook;

import io.slurmops.testing.LabCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lab's slurmctld and its StateSaveLocation, for tests that break them: a copy taken with
 * slurmctld stopped (a live copy can be torn), put back afterwards, and the corruptions verified
 * on the lab (a state file overwritten with random bytes, slurmctld stopped).
 */
final class LabStateDir {

    static final String STATE = "/var/lib/slurmlab/slurm/state";
    static final String SYSTEMCTL = "/var/lib/slurmlab/bin/systemctl";

    private final Path copy;

    private LabStateDir(Path copy) {
        this.copy = copy;
    }

    /** Stops slurmctld, copies the state dir into {@code dir}, starts slurmctld again. */
    static LabStateDir keepCopy(Path dir) throws Exception {
        // restore writes this checkout's systemctl shim (set-environment), whoever ran the lab last
        LabCluster.restore();
        Path copy = dir.resolve("state-copy");
        ctl("stop");
        try {
            sh("cp", "-a", "--", STATE, copy.toString());
        } finally {
            ctl("start");
        }
        return new LabStateDir(copy);
    }

    /** Puts the copy back (slurmctld stopped meanwhile), with no SLURMCTLD_OPTIONS left behind, and heals the lab. */
    void putBack() throws Exception {
        LabCluster.exec(List.of(SYSTEMCTL, "unset-environment", "SLURMCTLD_OPTIONS"), 30);
        ctl("stop");
        sh("rm", "-rf", "--", STATE);
        sh("cp", "-a", "--", copy.toString(), STATE);
        ctl("start");
        LabCluster.restore();
        LabCluster.Result idle = LabCluster.run(List.of("wait-idle", "90"));
        assertThat(idle.exitCode()).as("lab idle after the state dir was put back: " + idle.output()).isZero();
    }

    /** Overwrites state files with 20 random bytes, as a torn write or a bad disk would leave them. */
    static void garble(String... files) throws IOException {
        byte[] junk = new byte[20];
        new SecureRandom().nextBytes(junk);
        for (String f : files) {
            // written in place: the owner (SlurmUser) and mode stay
            Files.write(Path.of(STATE, f), junk, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        }
    }

    static LabCluster.Result ctl(String verb) throws Exception {
        return LabCluster.exec(List.of(SYSTEMCTL, verb, "slurmctld"), 120);
    }

    static String sh(String... argv) throws Exception {
        LabCluster.Result r = LabCluster.exec(List.of(argv), 120);
        assertThat(r.exitCode()).as(String.join(" ", argv) + ": " + r.output()).isZero();
        return r.output();
    }

    static boolean controllerUp() throws Exception {
        return LabCluster.exec(List.of("scontrol", "ping"), 30).output().contains("is UP");
    }
}
