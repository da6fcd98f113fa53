package io.slurmops.commands.site;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.Transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs commands where the site says they belong: Slurm clients on the controller (with the
 * site's Slurm environment and timeout), services through the site's service manager.
 */
public final class ClusterAccess {

    private final SiteProfile site;
    private final Transport transport;
    private final AccountingDbProbe accountingDb;

    public ClusterAccess(SiteProfile site, Transport transport) {
        this(site, transport, null);
    }

    /** @param accountingDb the accounting-DB probe, null when the site configured none */
    public ClusterAccess(SiteProfile site, Transport transport, AccountingDbProbe accountingDb) {
        this.site = site;
        this.transport = transport;
        this.accountingDb = accountingDb;
    }

    /** The accounting-DB probe, when {@code site.accountingDb} is configured. */
    public Optional<AccountingDbProbe> accountingDb() {
        return Optional.ofNullable(accountingDb);
    }

    public SiteProfile site() {
        return site;
    }

    public Transport transport() {
        return transport;
    }

    /** A Slurm client command (scontrol, sinfo, squeue, sacct …) on the controller. */
    public ExecResult slurm(String... argv) {
        return slurm(List.of(argv));
    }

    public ExecResult slurm(List<String> argv) {
        return transport.exec(new HostCommand(site.controller(), withSlurmEnv(argv), site.slurmTimeout()));
    }

    /** Any command on the controller host. */
    public ExecResult onController(List<String> argv, Duration timeout) {
        return transport.exec(new HostCommand(site.controller(), argv, timeout));
    }

    /** A command on the controller host with bytes on its standard input (e.g. a credential for unmunge). */
    public ExecResult onController(List<String> argv, Duration timeout, byte[] stdin) {
        return transport.exec(new HostCommand(site.controller(), argv, timeout, stdin));
    }

    /**
     * One argv on every host (duplicates dropped), {@code site.fanout()} at a time, each with
     * {@code site.nodeTimeout()}; one result per host, in the order given.
     */
    public List<ExecResult> onNodes(Collection<String> hosts, List<String> argv) {
        List<HostCommand> commands = new ArrayList<>();
        for (String host : new LinkedHashSet<>(hosts)) {
            commands.add(new HostCommand(host, argv, site.nodeTimeout()));
        }
        return runAll(commands);
    }

    /** Runs the commands {@code site.fanout()} at a time; one result per command, in order. */
    public List<ExecResult> runAll(List<HostCommand> commands) {
        if (commands.isEmpty()) {
            return List.of();
        }
        // TEMPORARY fan-out until the Executor (sliding window, deadlines) merges.
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(site.fanout(), commands.size()));
        try {
            List<Future<ExecResult>> futures = new ArrayList<>();
            for (HostCommand c : commands) {
                futures.add(pool.submit(() -> transport.exec(c)));
            }
            List<ExecResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (Exception e) {
                    results.add(io.slurmops.commands.exec.ExecResult.failed(commands.get(i),
                            io.slurmops.commands.exec.FailureKind.ERROR, String.valueOf(e.getMessage()), "", "",
                            Duration.ZERO));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Any command on one host, with the node timeout. */
    public ExecResult onHost(String host, List<String> argv) {
        return transport.exec(new HostCommand(host, argv, site.nodeTimeout()));
    }

    /** Slurm's environment variables are set through env(1), so argv stays argv. */
    List<String> withSlurmEnv(List<String> argv) {
        if (site.slurmEnvironment().isEmpty()) {
            return argv;
        }
        List<String> full = new ArrayList<>();
        full.add("env");
        for (Map.Entry<String, String> e : site.slurmEnvironment().entrySet()) {
            full.add(e.getKey() + "=" + e.getValue());
        }
        full.addAll(argv);
        return full;
    }
}
