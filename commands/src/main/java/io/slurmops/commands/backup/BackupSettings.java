package io.slurmops.commands.backup;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where backups go and how they are checked.
 *
 * @param root           the backup directory (on the controller; a dump's part on the dbd host, same path)
 * @param retention      backups older than this are deleted, except the newest verified one of each kind
 * @param database       the accounting database's name (slurmdbd.conf's StorageLoc)
 * @param clientDefaults a client option file on the dbd host for mariadb-dump and the live restore, empty
 *                       for the client's own defaults (root over the socket on the lab)
 * @param scratch        the account that restores a dump to verify it; empty: dumps cannot be verified
 * @param verify         how far a dump's verification goes (whole restore, or structure and counts)
 */
public record BackupSettings(String root, Duration retention, String database, String clientDefaults,
                             Optional<ScratchDb> scratch, VerifyLimits verify) {

    public BackupSettings(String root, Duration retention, String database, String clientDefaults,
                          Optional<ScratchDb> scratch) {
        this(root, retention, database, clientDefaults, scratch, VerifyLimits.DEFAULT);
    }

    public BackupSettings {
        Objects.requireNonNull(root, "root");
        root = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
        if (!database.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("database `" + database + "` must be letters, digits and _");
        }
        clientDefaults = clientDefaults == null ? "" : clientDefaults;
        verify = verify == null ? VerifyLimits.DEFAULT : verify;
    }
}
