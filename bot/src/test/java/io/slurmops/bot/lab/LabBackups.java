package io.slurmops.bot.lab;

import io.slurmops.bot.backup.BackupServices;
import io.slurmops.bot.config.BackupConfig;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.wiring.Transports;
import io.slurmops.commands.backup.BackupService;
import io.slurmops.commands.exec.Transport;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.testing.LabCluster;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The lab's own configuration (config/lab.yaml) with the backups in a test's temporary directory. */
final class LabBackups implements AutoCloseable {

    final SlurmopsConfig config;
    final Transport transport;
    final ClusterAccess cluster;
    final BackupService service;

    LabBackups(Path dir) throws Exception {
        config = new ConfigLoader(Map.of()).load(LabCluster.repoRoot().resolve("config/lab.yaml"));
        BackupConfig b = config.backups();
        transport = Transports.fromConfig(config);
        cluster = new ClusterAccess(config.site(), transport);
        service = BackupServices.from(new BackupConfig(dir.toString(), b.retention(), b.dailyAt(), b.scratch(),
                b.database(), b.clientDefaults()), Clock.systemUTC());
    }

    /** A lab command on the controller (this machine), e.g. the service shim; its output. */
    static LabCluster.Result sh(String... argv) throws Exception {
        return LabCluster.exec(List.of(argv), 60);
    }

    @Override
    public void close() throws Exception {
        cluster.close();
        transport.close();
    }
}
