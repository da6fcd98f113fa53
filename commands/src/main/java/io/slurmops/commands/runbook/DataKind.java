package io.slurmops.commands.runbook;

import java.util.Locale;

/** What a step can destroy, and what a verified backup can protect. */
public enum DataKind {
    /** slurmctld's StateSaveLocation: the queue, job and node state. */
    STATE("slurmctld state"),
    /** The accounting database behind slurmdbd. */
    ACCOUNTING_DB("accounting database"),
    /** /etc/slurm and the other configuration files. */
    CONFIG("configuration"),
    /**
     * The accounting tables CHECK TABLE finds damaged: a repair rewrites them, and a dump of a crashed
     * table fails, so their protection is a verified copy of their files, not a db-dump.
     */
    DB_TABLES("damaged accounting tables");

    private final String text;

    DataKind(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static java.util.Optional<DataKind> parse(String s) {
        for (DataKind k : values()) {
            if (k.label().equals(s) || (k == ACCOUNTING_DB && s.equals("db"))) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}
