package io.slurmops.bot.lab;

import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot as its own user on the real lab (`lab/lab privilege`): `slurmops run` processes started as the
 * `slurmops` account drain a node after approval (Slurm authorizes the user through AdminLevel=Admin), restart
 * slurmdbd and take a state backup through the root helper (sudo -n, one rule); the helper refuses — and logs —
 * verbs and arguments outside its set, and sudo refuses everything but the helper.
 */
@LabTest
class PrivilegeLabTest {

    private static final String NODE = "node003";
    private static final Path DIR = Path.of("/var/lib/slurmlab/privilege");
    private static final Path HELPER = DIR.resolve("slurmops-root-helper");
    private static final Path LOG = DIR.resolve("root-helper.log");

    private static Path config;
    private static String run;

    @BeforeAll
    static void installTheHelperAndWriteAConfiguration() throws Exception {
        LabCluster.ensureUp();
        LabCluster.Result install = LabCluster.run(List.of("privilege", System.getProperty("java.class.path")));
        assertThat(install.exitCode()).as(install.output()).isZero();
        run = UUID.randomUUID().toString().substring(0, 8);
        String stateDir = LabCluster.exec(List.of("scontrol", "show", "config"), 30).output().lines()
                .filter(l -> l.startsWith("StateSaveLocation")).map(l -> l.split("=", 2)[1].strip()).findFirst().orElseThrow();
        // Root-owned in a root-owned directory: trusted for --as, readable by slurmops.
        config = Files.writeString(DIR.resolve("test-" + run + ".yaml"), String.join("\n",
                "site:", "  cluster: lab", "  controller: localhost", "  serviceManager: [/var/lib/slurmlab/bin/systemctl]",
                "  nodeServiceManager: [systemctl]", "  slurmTimeout: 20s", "ssh:", "  user: root",
                "  privateKey: /var/lib/slurmlab/ssh/id_ed25519", "  knownHosts: /var/lib/slurmlab/ssh/known_hosts",
                "store:", "  url: jdbc:h2:file:" + DIR.resolve("state/" + run + "/db/store"),
                "access:", "  users:", "    \"console:alice\": operator", "    \"console:bob\": approver",
                "console:", "  switchUser: true", "alerts:", "  enabled: false",
                "backups:", "  dir: " + DIR.resolve("backups"),
                "privilege:", "  helper: " + HELPER, "  paths: [" + stateDir + ", /etc/slurm, /etc/munge]", ""));
        Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterAll
    static void removeTheConfiguration() throws IOException {
        if (config != null) {
            Files.deleteIfExists(config);
        }
    }

    @AfterEach
    void putTheNodeBackAndSlurmdbdUp() throws Exception {
        SlurmopsProcess.resume(NODE);
        LabCluster.exec(List.of("/var/lib/slurmlab/bin/systemctl", "start", "slurmdbd"), 60);
    }

    @Test
    void asTheServiceUserADrainIsApprovedAndSlurmdbdRestartsThroughTheHelper() throws Exception {
        SlurmopsProcess.idleNode(NODE);
        LabCluster.Result ask = asServiceUser("run", "--as", "alice", "!slurm drain " + NODE + " privilege test");
        assertThat(ask.exitCode()).as(ask.output()).isZero();
        assertThat(ask.output()).contains("#1 needs 1 approval");
        LabCluster.Result approve = asServiceUser("run", "--as", "bob", "!slurm approve 1");
        assertThat(approve.exitCode()).as(approve.output()).isZero();
        assertThat(SlurmopsProcess.state(NODE)).isEqualTo("drained");
        assertThat(SlurmopsProcess.reason(NODE)).isEqualTo("privilege test [alice #1]");
        assertThat(Files.getOwner(DIR.resolve("state/" + run + "/db")).getName()).as("the store is the service user's")
                .isEqualTo("slurmops");

        long before = Files.exists(LOG) ? Files.readAllLines(LOG).size() : 0;
        LabCluster.Result restart = asServiceUser("run", "--as", "alice", "!slurm restart slurmdbd");
        assertThat(restart.exitCode()).as(restart.output()).isZero();
        LabCluster.Result approveRestart = asServiceUser("run", "--as", "bob", "!slurm approve 2");
        assertThat(approveRestart.exitCode()).as(approveRestart.output()).isZero();
        assertThat(approveRestart.output()).contains("done");
        List<String> log = Files.readAllLines(LOG);
        assertThat(log.subList((int) before, log.size())).anySatisfy(l -> assertThat(l)
                        .contains("RUN by slurmops: 'service' 'restart' 'slurmdbd'"))
                .anySatisfy(l -> assertThat(l).contains("EXIT 0 by slurmops: 'service' 'restart' 'slurmdbd'"));
        assertThat(LabCluster.exec(List.of("/var/lib/slurmlab/bin/systemctl", "is-active", "slurmdbd"), 30).exitCode()).isZero();
    }

    @Test
    void aStateBackupIsTakenAndVerifiedThroughTheHelper() throws Exception {
        LabCluster.Result backup = asServiceUser("run", "--as", "alice", "!slurm backup state");
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        assertThat(backup.output()).containsPattern("Verified +yes").contains("match the SHA-256 manifest");
        assertThat(Files.readString(LOG)).contains("by slurmops: 'copy' ").contains("by slurmops: 'sha256' ");
        LabCluster.Result list = asServiceUser("run", "--as", "alice", "!slurm backups");
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).contains("state");
    }

    @Test
    void theHelperRefusesAndLogsWhatIsOutsideItsSetAndSudoAllowsNothingElse() throws Exception {
        LabCluster.Result unit = helper("service", "restart", "sshd");
        assertThat(unit.exitCode()).isEqualTo(77);
        assertThat(unit.output()).contains("refused: service: unit `sshd` is not one of");
        LabCluster.Result shell = helper("sh", "-c", "id");
        assertThat(shell.exitCode()).isEqualTo(77);
        LabCluster.Result path = helper("copy", "/etc/shadow", DIR.resolve("backups/shadow").toString());
        assertThat(path.exitCode()).isEqualTo(77);
        assertThat(DIR.resolve("backups/shadow")).doesNotExist();
        String log = Files.readString(LOG);
        assertThat(log).contains("REFUSED by slurmops: 'service' 'restart' 'sshd'")
                .contains("REFUSED by slurmops: 'sh' '-c' 'id' — unknown verb `sh`")
                .contains("REFUSED by slurmops: 'copy' '/etc/shadow'");
        LabCluster.Result direct = LabCluster.exec(List.of("runuser", "-u", "slurmops", "--", "sudo", "-n",
                "/var/lib/slurmlab/bin/systemctl", "restart", "slurmdbd"), 30);
        assertThat(direct.exitCode()).as("the rule names the helper only").isNotZero();
        assertThat(direct.output()).contains("password is required");
    }

    private static LabCluster.Result helper(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("runuser", "-u", "slurmops", "--", "sudo", "-n", HELPER.toString()));
        argv.addAll(List.of(args));
        return LabCluster.exec(argv, 60);
    }

    /** {@code slurmops ARGS…} as the service user, from the root-owned copy of the classes the helper runs from. */
    private static LabCluster.Result asServiceUser(String... args) throws IOException, InterruptedException {
        String classpath = Files.readString(DIR.resolve("classpath")).strip();
        List<String> argv = new ArrayList<>(List.of("runuser", "-u", "slurmops", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                "io.slurmops.bot.cli.Main"));
        argv.addAll(List.of(args.length > 0 && args[0].equals("run") ? new String[] {"run", "--config", config.toString()}
                : new String[] {args[0]}));
        argv.addAll(List.of(args).subList(1, args.length));
        return LabCluster.exec(argv, 120);
    }
}
