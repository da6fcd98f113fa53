package io.slurmops.commands.backup;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.commands.slurm.SlurmConfig;

import java.util.List;

/** Where the data a backup copies lives: StateSaveLocation and the Slurm configuration directory. */
public final class SourceDirs {

    private SourceDirs() {
    }

    /**
     * StateSaveLocation from {@code scontrol show config}; while slurmctld is stopped (when a state
     * backup is the safe one) from slurm.conf itself.
     */
    public static String stateDir(ClusterAccess cluster) {
        ExecResult r = cluster.slurm(SlurmConfig.ARGV);
        String dir = r.ok() ? SlurmConfig.parse(r.stdout()).values().getOrDefault("StateSaveLocation", "") : "";
        if (dir.isBlank()) {
            ExecResult g = HostFiles.run(cluster, cluster.site().controller(),
                    List.of("grep", "-i", "-m", "1", "^[[:space:]]*StateSaveLocation[[:space:]]*=", "--", cluster.site().slurmConf()));
            if (g.ok()) {
                dir = g.stdout().substring(g.stdout().indexOf('=') + 1).strip();
            }
        }
        if (!dir.startsWith("/")) {
            throw new IllegalStateException("cannot find StateSaveLocation (scontrol show config: " + r.outcome()
                    + "; not in " + cluster.site().slurmConf() + ")");
        }
        return dir;
    }

    /** The directory of slurm.conf (slurmdbd.conf, gres.conf … next to it). */
    public static String configDir(ClusterAccess cluster) {
        String conf = cluster.site().slurmConf();
        return conf.substring(0, Math.max(1, conf.lastIndexOf('/')));
    }
}
