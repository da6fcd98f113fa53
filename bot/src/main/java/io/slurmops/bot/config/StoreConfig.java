package io.slurmops.bot.config;

/**
 * The audit/approval store: a JDBC URL (embedded file database by default, MariaDB for several
 * instances) and its credentials. The password is never logged.
 */
public record StoreConfig(String url, String user, String password) {

    @Override
    public String toString() {
        return "StoreConfig[url=" + url.replaceAll("(?i)(password=)[^;&]*", "$1***") + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + "]";
    }
}
