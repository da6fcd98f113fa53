package io.slurmops.commands.backup;

import java.util.List;

/**
 * What a backup can hold: slurmctld's state, the accounting database, the Slurm configuration. Each
 * part lives in its own sub-directory of a backup and is owned by the daemon that must be stopped
 * before it is restored (none for the configuration, which takes effect on reconfigure).
 */
public enum Part {
    STATE("state", "slurmctld", "ctld-state-recovery"),
    DB("db", "slurmdbd", "cluster-restart"),
    CONFIG("config", "", "");

    private final String label;
    private final String owner;
    private final String runbook;

    Part(String label, String owner, String runbook) {
        this.label = label;
        this.owner = owner;
        this.runbook = runbook;
    }

    public String label() {
        return label;
    }

    /** The daemon that writes this data and must be stopped before a restore; empty for none. */
    public String owner() {
        return owner;
    }

    /** The runbook that stops the owner in the safe order, to name when a restore is refused. */
    public String runbook() {
        return runbook;
    }

    /** The parts a {@code backup KIND} takes: one, or all three for {@code all}. */
    public static List<Part> ofKind(String kind) {
        return switch (kind) {
            case "state" -> List.of(STATE);
            case "db" -> List.of(DB);
            case "config" -> List.of(CONFIG);
            case "all" -> List.of(STATE, DB, CONFIG);
            default -> throw new IllegalArgumentException("unknown backup kind `" + kind + "`; expected state, db, config or all");
        };
    }

    public static Part of(String label) {
        for (Part p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown backup part `" + label + "`");
    }
}
