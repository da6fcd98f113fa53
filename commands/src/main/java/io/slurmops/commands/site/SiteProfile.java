package io.slurmops.commands.site;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How this cluster is run: which host is the controller, how services are managed, where logs
 * are, how long Slurm's clients may take. Defaults fit a standard systemd install; the lab
 * configuration overrides what differs there.
 *
 * @param controller       host where slurmctld runs and Slurm client commands are run;
 *                         "localhost" means the bot's own host (no SSH)
 * @param backupController host of the backup slurmctld, empty if there is none
 * @param dbdHost          host of slurmdbd (and usually MariaDB)
 * @param serviceManager   argv prefix that manages services on the controller, e.g. [systemctl]
 * @param nodeServiceManager the same on compute nodes
 * @param units            service name (slurmctld, slurmdbd, slurmd, munge, mariadb) → unit name
 * @param logs             daemon name → where its log is read
 * @param slurmEnvironment environment for Slurm client commands (e.g. SLURM_CONF), passed through env(1)
 * @param slurmTimeout     timeout for one Slurm client command; must exceed MessageTimeout − 1 s
 *                         (the time clients retry a dead controller), else a dead controller looks
 *                         like a hung bot
 * @param nodeTimeout      timeout for one command on a node
 * @param fanout           how many hosts are worked on at once
 */
public record SiteProfile(String clusterName, String controller, String backupController, String dbdHost,
                          List<String> serviceManager, List<String> nodeServiceManager, Map<String, String> units,
                          Map<String, LogSource> logs, Map<String, String> slurmEnvironment, String slurmConf,
                          String mungeKey, Duration slurmTimeout, Duration nodeTimeout, int fanout) {

    public SiteProfile {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(controller, "controller");
        backupController = backupController == null ? "" : backupController;
        dbdHost = dbdHost == null || dbdHost.isBlank() ? controller : dbdHost;
        serviceManager = List.copyOf(serviceManager);
        nodeServiceManager = List.copyOf(nodeServiceManager);
        units = Map.copyOf(units);
        logs = Map.copyOf(logs);
        slurmEnvironment = Map.copyOf(slurmEnvironment);
        Objects.requireNonNull(slurmConf, "slurmConf");
        Objects.requireNonNull(mungeKey, "mungeKey");
        Objects.requireNonNull(slurmTimeout, "slurmTimeout");
        Objects.requireNonNull(nodeTimeout, "nodeTimeout");
        if (fanout < 1) {
            throw new IllegalArgumentException("fanout must be at least 1");
        }
    }

    /** A standard systemd site whose controller is the bot's own host. */
    public static SiteProfile systemdDefaults(String clusterName) {
        return new SiteProfile(clusterName, "localhost", "", "", List.of("systemctl"), List.of("systemctl"),
                Map.of(),
                Map.of("slurmctld", LogSource.journal("slurmctld"), "slurmdbd", LogSource.journal("slurmdbd"),
                        "slurmd", LogSource.journal("slurmd"), "munge", LogSource.journal("munge"),
                        "mariadb", LogSource.journal("mariadb")),
                Map.of(), "/etc/slurm/slurm.conf", "/etc/munge/munge.key", Duration.ofSeconds(20),
                Duration.ofSeconds(30), 64);
    }

    public String unit(String service) {
        return units.getOrDefault(service, service);
    }

    public Optional<LogSource> log(String daemon) {
        return Optional.ofNullable(logs.get(daemon));
    }

    public boolean hasBackupController() {
        return !backupController.isBlank();
    }
}
