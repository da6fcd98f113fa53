package io.slurmops.commands.catalog;

/** How much a command can change the cluster; decides the approval policy. */
public enum Risk {
    /** Diagnostics: runs at once. */
    READ,
    /** Changes state (drain, resume, restart a daemon): one approval by default. */
    CHANGE,
    /** Can lose jobs or data: two approvals and an admin requester by default. */
    DESTRUCTIVE;

    /** The role a person needs to ask for a command of this risk. */
    public Role requesterRole() {
        return switch (this) {
            case READ -> Role.VIEWER;
            case CHANGE -> Role.OPERATOR;
            case DESTRUCTIVE -> Role.ADMIN;
        };
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
