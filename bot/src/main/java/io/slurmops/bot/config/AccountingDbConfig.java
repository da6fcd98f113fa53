package io.slurmops.bot.config;

import java.time.Duration;

/**
 * {@code site.accountingDb}: how {@code check db} reaches the accounting database. Empty {@code url}
 * means not configured. The password is given inline (use ${ENV} interpolation) or read from
 * {@code passwordFile} at each check, e.g. the lab's generated StoragePass.
 */
public record AccountingDbConfig(String url, String user, String password, String passwordFile,
                                 Duration connectTimeout, String adminDefaults) {

    /**
     * @param adminDefaults a MariaDB client option file on the dbd host naming an account with CONNECTION
     *                      ADMIN, for {@code db max-connections}; empty: that command is refused
     */
    public AccountingDbConfig {
        adminDefaults = adminDefaults == null ? "" : adminDefaults;
    }

    public AccountingDbConfig(String url, String user, String password, String passwordFile, Duration connectTimeout) {
        this(url, user, password, passwordFile, connectTimeout, "");
    }

    public static AccountingDbConfig none() {
        return new AccountingDbConfig("", "", "", "", Duration.ofSeconds(5));
    }

    public boolean configured() {
        return !url.isBlank();
    }

    @Override
    public String toString() {
        return "AccountingDbConfig[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
                + ", passwordFile=" + passwordFile + ", adminDefaults=" + adminDefaults + "]";
    }
}
