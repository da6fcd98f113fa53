package io.slurmops.commands.runbook;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slide 8's repair of damaged accounting tables as typed actions, so the engine knows which tables
 * are touched and that the repair can lose rows. A dump of a crashed table fails, so the backup that
 * protects a repair is a checksummed copy of the damaged tables' files.
 */
public final class DbTableActions {

    private DbTableActions() {
    }

    /**
     * FLUSH TABLES, then copy the files of every table CHECK TABLE finds damaged (MyISAM {@code .MYI},
     * {@code .MYD}, {@code .frm}; InnoDB {@code .ibd}, {@code .frm}) from the MariaDB data directory,
     * verified against a SHA-256 manifest of the originals. The damaged tables are recorded on the run,
     * and the repairs after it work on exactly those.
     */
    public record CopyDamagedTables(Template to) implements Action {
        public String kind() {
            return "db-copy-damaged-tables";
        }

        public String describe() {
            return "flush and copy the files of the damaged accounting tables to " + to + ", verified by SHA-256 manifest";
        }

        public List<String> fields() {
            return List.of(to.text());
        }

        public List<Template> templates() {
            return List.of(to);
        }

        public Optional<Check> inherentCheck() {
            return Optional.of(new Check.ManifestMatches(to));
        }

        public Optional<DataKind> verifiedBackupOf(Map<String, Parameter> declared) {
            return Optional.of(DataKind.DB_TABLES);
        }
    }

    /**
     * Repair the damaged tables recorded by the copy: {@code mysqlcheck --repair}, or with
     * {@code useFrm} {@code REPAIR TABLE … USE_FRM}, which rebuilds the index from the table
     * definition (MariaDB's last resort: it can lose rows, hence the copy first).
     */
    public record RepairTables(boolean useFrm) implements Action {
        public String kind() {
            return "db-repair-tables";
        }

        public String describe() {
            return useFrm ? "REPAIR TABLE … USE_FRM on the damaged tables (last resort: rebuilds the index from the definition)"
                    : "mysqlcheck --repair on the damaged tables";
        }

        public List<String> fields() {
            return List.of(useFrm ? "use-frm" : "mysqlcheck");
        }

        public List<Template> templates() {
            return List.of();
        }

        public Optional<DataKind> destroys() {
            return Optional.of(DataKind.DB_TABLES);
        }

        public Optional<Check> inherentCheck() {
            return Optional.of(new Check.DbTables(true));
        }
    }
}
