package io.slurmops.commands.read;

import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.CommandRegistry;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.Transport;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.site.AccountingDbProbe;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.commands.site.SiteProfile;
import io.slurmops.commands.slurm.Captured;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A cluster whose commands answer from a script (mostly real captured output), for testing the read
 * commands through the real catalog parser. Unscripted commands fail with exit 127, loudly.
 */
final class ScriptedCluster implements Transport {

    private record Rule(Predicate<HostCommand> when, Function<HostCommand, ExecResult> then) {
    }

    private final List<Rule> rules = Collections.synchronizedList(new ArrayList<>());
    final List<HostCommand> calls = Collections.synchronizedList(new ArrayList<>());
    private AccountingDbProbe probe;
    private Clock clock = Clock.systemUTC();

    /** The four lab nodes, all idle, as sinfo prints them. */
    static ScriptedCluster lab() {
        ScriptedCluster c = new ScriptedCluster();
        c.on("localhost", "sinfo -h -o %N", ok("node001\nnode002\nnode003\nnode004\n"));
        c.on("localhost", "sinfo -h -o %N|%T|%u|%H|%E", ok(Captured.output("sinfo-nodes.txt")));
        c.on("localhost", "scontrol ping", ok(Captured.output("ping-up.txt")));
        c.on("localhost", "scontrol show config", ok(Captured.output("show-config.txt")));
        return c;
    }

    /** Answers {@code argv} (joined by spaces, as a prefix) on {@code host} ("*" for any). Later rules win. */
    ScriptedCluster on(String host, String argvPrefix, Function<HostCommand, ExecResult> then) {
        rules.add(0, new Rule(c -> (host.equals("*") || c.host().equals(host))
                && String.join(" ", c.argv()).startsWith(argvPrefix), then));
        return this;
    }

    ScriptedCluster withProbe(AccountingDbProbe p) {
        this.probe = p;
        return this;
    }

    ScriptedCluster withClock(Clock c) {
        this.clock = c;
        return this;
    }

    static Function<HostCommand, ExecResult> ok(String stdout) {
        return c -> ExecResult.exited(c, 0, stdout, "", Duration.ofMillis(5));
    }

    static Function<HostCommand, ExecResult> exit(int code, String stdout, String stderr) {
        return c -> ExecResult.exited(c, code, stdout, stderr, Duration.ofMillis(5));
    }

    static Function<HostCommand, ExecResult> failed(FailureKind kind, String detail) {
        return c -> ExecResult.failed(c, kind, detail, "", "", Duration.ofMillis(5));
    }

    @Override
    public ExecResult exec(HostCommand command) {
        calls.add(command);
        synchronized (rules) {
            for (Rule r : rules) {
                if (r.when().test(command)) {
                    return r.then().apply(command);
                }
            }
        }
        return ExecResult.exited(command, 127, "", "not scripted: " + command.host() + " " + command.argv(),
                Duration.ZERO);
    }

    List<HostCommand> callsTo(String argvPrefix) {
        synchronized (calls) {
            return calls.stream().filter(c -> String.join(" ", c.argv()).startsWith(argvPrefix)).toList();
        }
    }

    static String stdin(HostCommand c) {
        return new String(c.stdin(), StandardCharsets.US_ASCII);
    }

    /** Parses and runs one chat line with every read command, as the bot does. */
    Reply run(String line) throws UsageException {
        CommandCatalog catalog = catalog();
        CommandCatalog.Parsed p = catalog.parse(line);
        return p.command().execute(p.invocation(), context());
    }

    CommandContext context() {
        SiteProfile site = SiteProfile.systemdDefaults("lab");
        return new CommandContext(new ClusterAccess(site, this, probe), KnowledgeBase.builtIn(), clock, "carol", "!slurm");
    }

    private static CommandCatalog catalog() {
        return new CommandCatalog("!slurm", ReadCommands.register(new CommandRegistry()).commands());
    }
}
