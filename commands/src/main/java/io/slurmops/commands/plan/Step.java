package io.slurmops.commands.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One frozen step of a plan: the argv, where it runs, its timeout, and which hosts it may touch.
 *
 * <p>Two shapes: a <b>per-host</b> step ({@code via} empty) runs its argv on every host in
 * {@code hosts}; a <b>controller</b> step runs its argv once on {@code via} (the host where Slurm
 * clients run), and {@code hosts} are the nodes it is about. In a controller step an argv element
 * that ends with {@link #HOSTS} gets that suffix replaced by the compressed host list the step
 * finally acts on (see {@code onlyWhereSucceeded}); every Reason the bot writes ends with the
 * request tag "]", so free text can never end in the token.
 *
 * @param onlyWhereSucceeded 0, or the 1-based number of an earlier step: then this step acts only on
 *                           the hosts where that step succeeded ("resume the nodes the restart fixed")
 * @param stdin              the file fed to standard input, or null
 */
public record Step(String description, String via, List<String> hosts, List<String> argv, Duration timeout,
                   int onlyWhereSucceeded, FileRef stdin) {

    /** Replaced, at the end of an argv element of a controller step, by the host list acted on. */
    public static final String HOSTS = "{hosts}";

    public Step {
        Objects.requireNonNull(description, "description");
        via = via == null ? "" : via;
        hosts = List.copyOf(hosts);
        argv = List.copyOf(argv);
        Objects.requireNonNull(timeout, "timeout");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a step needs an argv: " + description);
        }
        if (via.isEmpty() && hosts.isEmpty()) {
            throw new IllegalArgumentException("a per-host step needs hosts: " + description);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a step needs a positive timeout: " + description);
        }
        if (onlyWhereSucceeded < 0) {
            throw new IllegalArgumentException("onlyWhereSucceeded must be 0 or a step number");
        }
    }

    /** A step that runs once on the controller host. */
    public static Step onController(String controller, String description, List<String> argv, Duration timeout) {
        return new Step(description, controller, List.of(), argv, timeout, 0, null);
    }

    /** A step that runs on each of {@code hosts}. */
    public static Step onEachHost(List<String> hosts, String description, List<String> argv, Duration timeout) {
        return new Step(description, "", hosts, argv, timeout, 0, null);
    }

    /** The nodes a controller step is about (its {@link #HOSTS} token expands to them). */
    public Step about(List<String> nodes) {
        return new Step(description, via, nodes, argv, timeout, onlyWhereSucceeded, stdin);
    }

    public Step onlyWhereSucceeded(int stepNumber) {
        return new Step(description, via, hosts, argv, timeout, stepNumber, stdin);
    }

    public Step withStdin(FileRef file) {
        return new Step(description, via, hosts, argv, timeout, onlyWhereSucceeded, file);
    }

    /** True when a controller step's argv names {@link #HOSTS} (it then needs hosts to act on). */
    public boolean namesHosts() {
        return argv.stream().anyMatch(a -> a.endsWith(HOSTS));
    }

    public boolean onController() {
        return !via.isEmpty();
    }

    /** The argv with {@link #HOSTS} filled in for the given (compressed) host list. */
    public List<String> argvFor(String hostlist) {
        return argv.stream().map(a -> a.endsWith(HOSTS) ? a.substring(0, a.length() - HOSTS.length()) + hostlist : a)
                .toList();
    }
}
