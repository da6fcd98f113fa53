package io.slurmops.commands.backup;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.site.ClusterAccess;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The backups on disk, read from their metadata files on the controller, and their retention. */
final class BackupCatalog {

    private final BackupSettings settings;

    BackupCatalog(BackupSettings settings) {
        this.settings = settings;
    }

    /** Every backup, newest first; an unreadable metadata file is skipped, not fatal. */
    List<BackupMeta> list(ClusterAccess cluster) {
        String host = cluster.site().controller();
        ExecResult found = HostFiles.run(cluster, host, List.of("find", settings.root(), "-mindepth", "2", "-maxdepth", "2",
                "-name", BackupMeta.FILE));
        List<String> files = found.ok() ? found.stdout().lines().filter(l -> !l.isBlank()).sorted().toList() : List.of();
        if (files.isEmpty()) {
            return List.of();
        }
        List<String> argv = new ArrayList<>(List.of("grep", "-H", "-Z", ""));
        argv.addAll(files);
        ExecResult all = HostFiles.run(cluster, host, argv);
        Map<String, StringBuilder> byFile = new LinkedHashMap<>();
        for (String line : all.stdout().lines().toList()) {
            int nul = line.indexOf('\0');
            if (nul > 0) {
                byFile.computeIfAbsent(line.substring(0, nul), k -> new StringBuilder()).append(line.substring(nul + 1)).append('\n');
            }
        }
        List<BackupMeta> out = new ArrayList<>();
        byFile.values().forEach(text -> {
            try {
                out.add(BackupMeta.parse(text.toString()));
            } catch (RuntimeException e) {
                // a metadata file being written or damaged: that backup is not offered
            }
        });
        out.sort(Comparator.comparing(BackupMeta::created).reversed());
        return out;
    }

    Optional<BackupMeta> find(ClusterAccess cluster, String id) {
        return list(cluster).stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** Deletes backups older than {@code retention}; the newest verified backup of each kind is always kept. */
    List<String> prune(ClusterAccess cluster, Instant now, Duration retention) {
        List<String> deleted = new ArrayList<>();
        for (BackupMeta m : expired(list(cluster), now, retention)) {
            String dir = settings.root() + "/" + m.id();
            if (m.parts().contains(Part.DB) && !cluster.site().dbdHost().equals(cluster.site().controller())) {
                HostFiles.run(cluster, cluster.site().dbdHost(), List.of("rm", "-rf", "--", dir));
            }
            if (HostFiles.run(cluster, cluster.site().controller(), List.of("rm", "-rf", "--", dir)).ok()) {
                deleted.add(m.id());
            }
        }
        return deleted;
    }

    /** The backups retention deletes: older than {@code retention}, except the newest verified one of each kind. */
    static List<BackupMeta> expired(List<BackupMeta> all, Instant now, Duration retention) {
        List<BackupMeta> newestFirst = new ArrayList<>(all);
        newestFirst.sort(Comparator.comparing(BackupMeta::created).reversed());
        Set<String> keep = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        for (BackupMeta m : newestFirst) {
            if (m.isVerified() && kinds.add(m.kind())) {
                keep.add(m.id());
            }
        }
        return newestFirst.stream().filter(m -> !keep.contains(m.id()) && m.created().isBefore(now.minus(retention))).toList();
    }
}
