package io.slurmops.commands.runbook;

import java.util.Objects;

/**
 * Where a service step acts: the controller, the slurmdbd host, every node of the cluster, or a
 * hostlist (which may be a declared value such as {@code ${nodes}}). Resolved to hosts at plan time.
 */
public record HostSet(Kind kind, Template hostlist) {

    public enum Kind { CONTROLLER, DBD_HOST, ALL_NODES, SET_DOWN_BY_RUN, HOSTLIST }

    public static final HostSet CONTROLLER = new HostSet(Kind.CONTROLLER, null);
    public static final HostSet DBD_HOST = new HostSet(Kind.DBD_HOST, null);
    public static final HostSet ALL_NODES = new HostSet(Kind.ALL_NODES, null);
    /** The nodes this run set down (known only while it runs); never nodes people drained. */
    public static final HostSet SET_DOWN_BY_RUN = new HostSet(Kind.SET_DOWN_BY_RUN, null);

    public HostSet {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.HOSTLIST) != (hostlist != null)) {
            throw new IllegalArgumentException("a hostlist, and only a hostlist, carries host names");
        }
    }

    /** The declared values the host set names. */
    public java.util.Set<String> references() {
        return hostlist == null ? java.util.Set.of() : hostlist.references();
    }

    /** The YAML spelling: controller, dbd-host, all-nodes, nodes-set-down-by-run, or a hostlist. */
    public static HostSet parse(String text) {
        return switch (text) {
            case "controller" -> CONTROLLER;
            case "dbd-host" -> DBD_HOST;
            case "all-nodes" -> ALL_NODES;
            case "nodes-set-down-by-run" -> SET_DOWN_BY_RUN;
            default -> new HostSet(Kind.HOSTLIST, Template.of(text));
        };
    }

    /** The service's natural host set: slurmd on all nodes, mariadb and slurmdbd on the dbd host. */
    public static HostSet defaultFor(Service service) {
        return switch (service) {
            case SLURMD -> ALL_NODES;
            case MARIADB, SLURMDBD -> DBD_HOST;
            default -> CONTROLLER;
        };
    }

    public boolean nodeSide() {
        return kind == Kind.ALL_NODES || kind == Kind.SET_DOWN_BY_RUN || kind == Kind.HOSTLIST;
    }

    /** For people: "all nodes", "the controller", or the hostlist. */
    public String describe() {
        return switch (kind) {
            case CONTROLLER -> "the controller";
            case DBD_HOST -> "the slurmdbd host";
            case ALL_NODES -> "all nodes";
            case SET_DOWN_BY_RUN -> "the nodes this run set down";
            case HOSTLIST -> hostlist.text();
        };
    }

    public String text() {
        return switch (kind) {
            case CONTROLLER -> "controller";
            case DBD_HOST -> "dbd-host";
            case ALL_NODES -> "all-nodes";
            case SET_DOWN_BY_RUN -> "nodes-set-down-by-run";
            case HOSTLIST -> hostlist.text();
        };
    }
}
