package io.slurmops.adapters.store;

import io.slurmops.testing.LabCluster;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The two stores the contract runs against: an H2 file in a fresh temporary directory, and the
 * lab's MariaDB (database and user {@code slurmops_test}, created through root's socket access and
 * emptied first). The MariaDB variant is skipped when lab tests are excluded (-DexcludedGroups=lab).
 */
public final class TestStores {

    public static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/slurmops_test";
    public static final String MARIADB_USER = "slurmops_test";
    public static final String MARIADB_PASSWORD = "slurmops-test-only";

    /** How to reach one store. */
    public record Target(String name, String url, String user, String password) {
        public SlurmopsStore open() {
            return SlurmopsStore.open(url, user, password);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private TestStores() {
    }

    public static Target h2() throws IOException {
        Path dir = Files.createTempDirectory("slurmops-store-");
        dir.toFile().deleteOnExit();
        return new Target("h2", "jdbc:h2:file:" + dir.resolve("store"), "", "");
    }

    /** A clean slurmops_test database on the lab's MariaDB. */
    public static Target mariadb() throws IOException, InterruptedException {
        Assumptions.assumeFalse(LabCluster.labExcluded(), "lab tests excluded: MariaDB variant skipped");
        String sql = "CREATE DATABASE IF NOT EXISTS slurmops_test CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;"
                + "CREATE USER IF NOT EXISTS 'slurmops_test'@'127.0.0.1' IDENTIFIED BY '" + MARIADB_PASSWORD + "';"
                + "GRANT ALL ON slurmops_test.* TO 'slurmops_test'@'127.0.0.1';"
                + "DROP TABLE IF EXISTS slurmops_test.requests, slurmops_test.votes, slurmops_test.audit,"
                + " slurmops_test.chat_events, slurmops_test.incidents, slurmops_test.silences, slurmops_test.leases, slurmops_test.runbook_runs, slurmops_test.runbook_steps,"
                + " slurmops_test.runbook_values, slurmops_test.incident_acks, slurmops_test.page_outbox, slurmops_test.schema_version;";
        LabCluster.Result r = LabCluster.exec(List.of("mariadb", "-u", "root", "-e", sql), 60);
        if (r.exitCode() != 0) {
            LabCluster.ensureUp();
            r = LabCluster.exec(List.of("mariadb", "-u", "root", "-e", sql), 60);
        }
        if (r.exitCode() != 0) {
            throw new IllegalStateException("cannot prepare slurmops_test on the lab's MariaDB: " + r.output());
        }
        return new Target("mariadb", MARIADB_URL, MARIADB_USER, MARIADB_PASSWORD);
    }
}
