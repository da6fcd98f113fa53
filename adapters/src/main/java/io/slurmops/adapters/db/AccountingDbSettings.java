package io.slurmops.adapters.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the accounting database: a JDBC URL (jdbc:mariadb://127.0.0.1:3306/slurm_acct_db), the
 * user and password slurmdbd uses (StorageUser/StoragePass), the Slurm cluster name whose tables are
 * checked ({@code <cluster>_job_table}), and how long a connection attempt may take.
 *
 * @param passwordFile when set, the password is read from this file at each probe (a generated secret
 *                     such as the lab's StoragePass); {@code password} is then ignored
 */
public record AccountingDbSettings(String url, String user, String password, Path passwordFile, String clusterName,
                                   Duration connectTimeout) {

    public AccountingDbSettings(String url, String user, String password, String clusterName, Duration connectTimeout) {
        this(url, user, password, null, clusterName, connectTimeout);
    }

    public AccountingDbSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        Objects.requireNonNull(clusterName, "clusterName");
        if (!clusterName.matches("[A-Za-z0-9_]+")) {
            // The name becomes part of a table name in CHECK TABLE, which takes no bind parameters.
            throw new IllegalArgumentException("cluster name must be letters, digits or _: " + clusterName);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /** The password to use now: the file's first line when a file is configured. */
    public String currentPassword() throws IOException {
        if (passwordFile == null) {
            return password;
        }
        return Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
    }

    @Override
    public String toString() {
        return "AccountingDbSettings[url=" + url + ", user=" + user + ", password=***, passwordFile=" + passwordFile + ", cluster=" + clusterName + "]";
    }
}
