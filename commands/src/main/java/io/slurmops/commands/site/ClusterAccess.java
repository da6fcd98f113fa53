package io.slurmops.commands.site;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.Executor;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.ParallelCalls;
import io.slurmops.commands.exec.Transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Runs commands where the site says they belong: Slurm clients on the controller (with the
 * site's Slurm environment and timeout), services through the site's service manager, node
 * commands fanned out over the nodes. Also hands out the accounting-DB probe when the site has one.
 */
public final class ClusterAccess implements AutoCloseable {

    private final SiteProfile site;
    private final Transport transport;
    private final Executor executor;
    private final ParallelCalls parallel;
    private final AccountingDbProbe accountingDb;

    public ClusterAccess(SiteProfile site, Transport transport) {
        this(site, transport, null);
    }

    /** @param accountingDb the accounting-DB probe, null when the site configured none */
    public ClusterAccess(SiteProfile site, Transport transport, AccountingDbProbe accountingDb) {
        this.site = site;
        this.transport = transport;
        this.executor = new Executor(transport, site.fanout());
        this.parallel = new ParallelCalls(site.fanout());
        this.accountingDb = accountingDb;
    }

    public SiteProfile site() {
        return site;
    }

    public Transport transport() {
        return transport;
    }

    /** The accounting-DB probe, when {@code site.accountingDb} is configured. */
    public Optional<AccountingDbProbe> accountingDb() {
        return Optional.ofNullable(accountingDb);
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

    /** Any command on one host, with the node timeout. */
    public ExecResult onHost(String host, List<String> argv) {
        return transport.exec(new HostCommand(host, argv, site.nodeTimeout()));
    }

    /** The same argv on many hosts, {@code site.fanout()} at a time, with the node timeout; results in host order. */
    public List<ExecResult> onNodes(Collection<String> hosts, List<String> argv) {
        return executor.run(hosts, argv, site.nodeTimeout());
    }

    /** Different commands at once (e.g. one per host), within the fan-out window. */
    public List<ExecResult> runAll(List<HostCommand> commands) {
        return executor.runAll(commands);
    }

    public Executor executor() {
        return executor;
    }

    /**
     * Independent calls side by side, on the one pool all checks share (at most {@code site.fanout()}
     * threads); results in the order given, a failed call replaced by {@code onFailure}'s value.
     */
    public <T> List<T> inParallel(List<? extends Callable<T>> calls, Function<Throwable, T> onFailure) {
        return parallel.all(calls, onFailure);
    }

    /** Stops the shared pools; the transport is not ours to close. */
    @Override
    public void close() {
        parallel.close();
        executor.close();
    }

    /**
     * The argv that runs a Slurm client with the site's environment: what a plan step must
     * contain so that it runs exactly like {@link #slurm}. Env vars go through env(1), so argv stays argv.
     */
    public List<String> withSlurmEnv(List<String> argv) {
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
