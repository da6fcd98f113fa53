package io.slurmops.commands.backup;

import io.slurmops.commands.site.ClusterAccess;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a restore replaces and whether it may: the live directory or database of each part, the daemon
 * that owns it (it must be stopped, or it would write over the restore or crash on it), and a
 * fingerprint of the live data, to prove at execution that the safety backup still holds exactly it.
 */
final class RestoreTargets {

    private RestoreTargets() {
    }

    /** Where a part goes back to: the directory it was copied from (state, config). */
    static String live(ClusterAccess cluster, BackupMeta backup, Part part) {
        return switch (part) {
            case STATE -> backup.sources().getOrDefault(part, SourceDirs.stateDir(cluster));
            case CONFIG -> backup.sources().getOrDefault(part, SourceDirs.configDir(cluster));
            case DB -> "";
        };
    }

    /** Why these parts cannot be restored now (an owner daemon runs), naming the runbook that stops it in order. */
    static Optional<String> ownersRunning(ClusterAccess cluster, List<Part> parts) {
        List<String> why = new ArrayList<>();
        for (Part p : parts) {
            if (p.owner().isEmpty()) {
                continue;
            }
            String host = p == Part.DB ? cluster.site().dbdHost() : cluster.site().controller();
            List<String> argv = new ArrayList<>(cluster.site().serviceManager());
            argv.addAll(List.of("is-active", cluster.site().unit(p.owner())));
            if (cluster.onHost(host, argv).ok()) {
                why.add(p.owner() + " is running on " + host + " and owns the " + p.label() + "; stop it first — the `"
                        + p.runbook() + "` runbook stops and starts the daemons in the safe order");
            }
        }
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
    }

    /** A fingerprint of the live data of a part: the manifest's SHA-256, or the rows per table of the database. */
    static String fingerprint(ClusterAccess cluster, BackupService backups, BackupMeta backup, Part part) {
        if (part == Part.DB) {
            return BackupService.encodeRows(backups.liveRows(cluster, List.copyOf(backup.rows().keySet())));
        }
        return Manifest.of(cluster, cluster.site().controller(), live(cluster, backup, part)).sha256();
    }

    /** For a dry run: what replacing the live data with the backup would change. */
    static List<String> changes(ClusterAccess cluster, BackupService backups, BackupMeta backup, Manifest stored, Part part) {
        List<String> out = new ArrayList<>();
        if (part == Part.DB) {
            Map<String, Long> live = backups.liveRows(cluster, List.copyOf(backup.rows().keySet()));
            backup.rows().forEach((t, n) -> out.add(t + ": " + live.getOrDefault(t, 0L) + " row(s) now → " + n + " from the backup"));
            return out;
        }
        String dir = live(cluster, backup, part);
        Manifest now = Manifest.of(cluster, cluster.site().controller(), dir);
        Manifest from = stored.under(part.label() + "/");
        from.files().forEach((f, e) -> {
            Manifest.Entry cur = now.files().get(f);
            if (cur == null) {
                out.add(dir + "/" + f + ": added (" + e.size() + " B)");
            } else if (!cur.sha256().equals(e.sha256())) {
                out.add(dir + "/" + f + ": replaced (" + cur.size() + " B → " + e.size() + " B)");
            }
        });
        now.files().keySet().stream().filter(f -> !from.files().containsKey(f))
                .forEach(f -> out.add(dir + "/" + f + ": deleted (not in the backup)"));
        if (out.isEmpty()) {
            out.add(dir + ": already identical to the backup (" + from.files().size() + " file(s))");
        }
        return out;
    }
}
