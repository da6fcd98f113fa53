package io.slurmops.commands.runbook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The daemons a runbook may start and stop, in the seed's dependency order (slide 19, and
 * {@code change.ServiceOrder}): each needs the ones before it. Starts go up this list, stops come
 * down it. munge is first because every Slurm daemon on its host needs it.
 */
public enum Service {
    MUNGE, MARIADB, SLURMDBD, SLURMCTLD, SLURMD;

    /** Position in the start order; a service may only start while every lower one runs. */
    public int rank() {
        return ordinal();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the service runs on the compute nodes (the others run on the controller or dbd host). */
    public boolean onNodes() {
        return this == SLURMD;
    }

    public static Optional<Service> parse(String name) {
        return Arrays.stream(values()).filter(s -> s.label().equals(name)).findFirst();
    }

    public static String startOrder() {
        return Arrays.stream(values()).filter(s -> s != MUNGE).map(Service::label).collect(Collectors.joining(" → "));
    }

    public static String stopOrder() {
        return Arrays.stream(values()).filter(s -> s != MUNGE).sorted((a, b) -> b.rank() - a.rank())
                .map(Service::label).collect(Collectors.joining(" → "));
    }
}
