package io.slurmops.bot.privilege;

import io.slurmops.adapters.transport.LocalTransport;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HelperRoutesTest {

    private final HelperRoutes routes = new HelperRoutes(List.of("/usr/bin/systemctl"),
            List.of("/var/spool/slurmctld", "/var/lib/slurmops/backups"));

    @Test
    void serviceChangesGoToTheHelperButStatusQueriesDoNot() {
        assertThat(routes.route(List.of("/usr/bin/systemctl", "restart", "slurmdbd")))
                .contains(List.of("service", "restart", "slurmdbd"));
        assertThat(routes.route(List.of("/usr/bin/systemctl", "is-active", "slurmdbd"))).isEmpty();
        assertThat(routes.route(List.of("/usr/bin/systemctl", "set-environment", "SLURMCTLD_OPTIONS=-i")))
                .contains(List.of("service-env", "set", "SLURMCTLD_OPTIONS=-i"));
        assertThat(routes.route(List.of("systemctl", "restart", "slurmdbd"))).as("not the site's manager").isEmpty();
    }

    @Test
    void striggerGoesToTheHelperWithOrWithoutRunuser() {
        assertThat(routes.route(List.of("runuser", "-u", "slurm", "--", "strigger", "--get"))).contains(List.of("strigger", "--get"));
        assertThat(routes.route(List.of("strigger", "--clear", "--id=4"))).contains(List.of("strigger", "--clear", "--id=4"));
    }

    @Test
    void fileCommandsGoToTheHelperOnlyInsideThePrivilegedDirectories() {
        assertThat(routes.route(List.of("cp", "-a", "--", "/var/spool/slurmctld", "/var/lib/slurmops/backups/b/state")))
                .contains(List.of("copy", "/var/spool/slurmctld", "/var/lib/slurmops/backups/b/state"));
        assertThat(routes.route(List.of("cp", "-a", "--", "/var/lib/slurmops/backups/b/state/.", "/var/spool/slurmctld/")))
                .contains(List.of("copy-contents", "/var/lib/slurmops/backups/b/state", "/var/spool/slurmctld"));
        assertThat(routes.route(List.of("cp", "-p", "--", "/var/spool/slurmctld/job_state.old", "/var/spool/slurmctld/job_state")))
                .contains(List.of("restore-old", "/var/spool/slurmctld/job_state"));
        assertThat(routes.route(List.of("find", "/var/lib/slurmops/backups/b", "-type", "f", "-printf", "%s %P\\n")))
                .contains(List.of("list", "/var/lib/slurmops/backups/b"));
        assertThat(routes.route(List.of("dd", "of=/var/lib/slurmops/backups/b/backup.meta", "status=none")))
                .contains(List.of("write", "/var/lib/slurmops/backups/b/backup.meta"));
        assertThat(routes.route(List.of("rm", "-rf", "--", "/tmp/slurmops-work"))).as("outside").isEmpty();
        HelperRoutes withMunge = new HelperRoutes(List.of("/usr/bin/systemctl"), List.of("/etc/munge"));
        assertThat(withMunge.route(List.of("base64", "-w", "0", "/etc/munge/munge.key"))).contains(List.of("base64", "/etc/munge/munge.key"));
        assertThat(withMunge.route(List.of("sha256sum", "/etc/munge/munge.key"))).contains(List.of("sha256", "/etc/munge/munge.key"));
        assertThat(routes.route(List.of("base64", "-w", "0", "/etc/munge/munge.key"))).as("not a privileged path here").isEmpty();
        assertThat(routes.route(List.of("cp", "-a", "--", "/var/spool/slurmctld", "/tmp/copy"))).as("one path outside").isEmpty();
        assertThat(routes.route(List.of("sha256sum", "/var/spool/slurmctld/../../../etc/shadow"))).isEmpty();
        assertThat(routes.route(List.of("scontrol", "update", "NodeName=node001", "State=DRAIN"))).isEmpty();
    }

    @Test
    void theTransportSendsRoutedCommandsThroughTheHelperPrefixAndTheRestDirectly() {
        HelperTransport t = new HelperTransport(new LocalTransport(), routes, List.of("echo", "sudo-n-helper"));
        ExecResult routed = t.exec(new HostCommand(HostCommand.LOCAL, List.of("/usr/bin/systemctl", "stop", "munge"),
                Duration.ofSeconds(10)));
        assertThat(routed.stdout().strip()).isEqualTo("sudo-n-helper service stop munge");
        ExecResult direct = t.exec(new HostCommand(HostCommand.LOCAL, List.of("echo", "direct"), Duration.ofSeconds(10)));
        assertThat(direct.stdout().strip()).isEqualTo("direct");
        assertThat(Optional.of(routed.ok())).contains(true);
    }
}
