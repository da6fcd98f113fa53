package io.slurmops.commands.change;

import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.plan.BlastRadius;
import io.slurmops.commands.plan.DeclaredChange;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.commands.plan.PlanReport;
import io.slurmops.commands.plan.PlanResult;
import io.slurmops.commands.plan.Step;
import io.slurmops.commands.reply.Reply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code db max-connections N}: the runtime half of the connection-exhaustion fix (runbook slide 9).
 * {@code SET GLOBAL max_connections = N} on the accounting MariaDB through a client option file on the
 * dbd host that names an account with the CONNECTION ADMIN privilege (MariaDB 10.5.2+; SUPER before),
 * then reads the value back. The password stays in that file: it is never in the plan, the argv or a log.
 * The change is lost at MariaDB's next restart, so the reply gives the my.cnf line that keeps it.
 */
public final class MaxConnectionsCommand extends DeclaredChange {

    /** MariaDB's own range is 10..100000; above a few thousand the memory per connection is the limit. */
    public static final int MIN = 10;
    public static final int MAX = 10_000;
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String adminDefaults;

    /** @param adminDefaults the client option file on the dbd host ({@code site.accountingDb.adminDefaults}); empty: not configured */
    public MaxConnectionsCommand(String adminDefaults) {
        super(CommandSpec.builder("db max-connections")
                .required("N", ArgTypes.integer(MIN, MAX).as("connection limit", MIN + " to " + MAX))
                .risk(Risk.CHANGE)
                .summary("Change the accounting MariaDB's max_connections at runtime (SET GLOBAL), read it back")
                .description("Refused below the connections in use and without site.accountingDb.adminDefaults (a "
                        + "MariaDB client option file on the dbd host for an account with CONNECTION ADMIN). Lost at "
                        + "MariaDB's next restart: the reply gives the my.cnf line that keeps it.")
                .build());
        this.adminDefaults = adminDefaults == null ? "" : adminDefaults;
    }

    /** What the server reports now. */
    record Usage(long maxConnections, long threadsConnected) {
    }

    @Override
    public Plan plan(Invocation inv, CommandContext ctx) throws UsageException {
        int target = inv.value("n", Integer.class).orElseThrow();
        Usage now = read(ctx);
        Optional<String> refused = refusal(now, target);
        if (refused.isPresent()) {
            throw new PlanRefusedException(refused.get());
        }
        String host = ctx.cluster().site().dbdHost();
        List<Step> steps = List.of(
                Step.onController(host, "SET GLOBAL max_connections = " + target,
                        client("-e", "SET GLOBAL max_connections = " + target), TIMEOUT),
                Step.onController(host, "Read max_connections back (must be " + target + ")",
                        client("--delimiter=//", "-e", verifySql(target)), TIMEOUT));
        return new Plan(spec().name(), "Change the accounting DB's max_connections from " + now.maxConnections()
                + " to " + target + " (" + now.threadsConnected() + " in use)", steps, BlastRadius.NONE,
                List.of("max_connections now " + now.maxConnections() + ", connections in use " + now.threadsConnected()
                        + ", new value " + target + ".", persistence(target)),
                Map.of("max_connections", Long.toString(now.maxConnections()), "target", Integer.toString(target)));
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        Usage now;
        try {
            now = read(ctx);
        } catch (UsageException e) {
            return Optional.of(e.getMessage());
        }
        if (!Long.toString(now.maxConnections()).equals(plan.fact("max_connections"))) {
            return Optional.of("max_connections changed since the plan was made (" + plan.fact("max_connections")
                    + " → " + now.maxConnections() + "); plan again");
        }
        return refusal(now, Integer.parseInt(plan.fact("target")));
    }

    @Override
    public Reply report(Plan plan, PlanResult result) {
        Reply base = PlanReport.render(plan, result);
        Reply.Builder r = Reply.builder(base.title()).status(base.status()).addAll(base.blocks());
        if (result.ok()) {
            r.paragraph(persistence(Integer.parseInt(plan.fact("target"))));
        }
        return r.build();
    }

    /** The guard rails: why this target must not be set now, or empty. */
    static Optional<String> refusal(Usage now, int target) {
        if (target == now.maxConnections()) {
            return Optional.of("max_connections is already " + target);
        }
        if (target <= now.threadsConnected()) {
            return Optional.of("max_connections " + target + " is not above the " + now.threadsConnected()
                    + " connections in use; find the holders with `db connections` first");
        }
        return Optional.empty();
    }

    private Usage read(CommandContext ctx) throws PlanRefusedException {
        if (adminDefaults.isEmpty()) {
            throw new PlanRefusedException("no account may change max_connections: set site.accountingDb.adminDefaults "
                    + "to a MariaDB client option file on the dbd host ([client] user=… password=…) for an account "
                    + "with `GRANT CONNECTION ADMIN ON *.*` (SUPER before MariaDB 10.5.2)");
        }
        String host = ctx.cluster().site().dbdHost();
        ExecResult r = ctx.cluster().transport().exec(new HostCommand(host, client("-N", "-B", "-e",
                "SELECT @@GLOBAL.max_connections, (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
                        + "WHERE VARIABLE_NAME = 'THREADS_CONNECTED')"), TIMEOUT));
        if (!r.ok()) {
            throw new PlanRefusedException("cannot read max_connections on " + host + " with " + adminDefaults + ": "
                    + r.outcome() + " " + firstLine(r.combinedOutput()));
        }
        String[] f = r.stdout().strip().split("\\s+");
        try {
            return new Usage(Long.parseLong(f[0]), Long.parseLong(f[1]));
        } catch (RuntimeException e) {
            throw new PlanRefusedException("unexpected answer reading max_connections on " + host + ": `"
                    + firstLine(r.stdout()) + "`");
        }
    }

    private List<String> client(String... args) {
        // --defaults-extra-file must come first; the file holds the account and its password. A failing
        // statement is not echoed (--loose-: a client that predates the option only warns).
        List<String> argv = new ArrayList<>(List.of("mariadb", "--defaults-extra-file=" + adminDefaults,
                "--loose-skip-print-query-on-error"));
        argv.addAll(List.of(args));
        return argv;
    }

    /** Fails (SQLSTATE 45000, exit 1) unless the server now reports the target; prints the value read. */
    static String verifySql(int target) {
        return "BEGIN NOT ATOMIC DECLARE v BIGINT DEFAULT @@GLOBAL.max_connections; IF v <> " + target
                + " THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'max_connections did not read back as " + target
                + "'; END IF; SELECT CONCAT('max_connections = ', v); END//";
    }

    static String persistence(int target) {
        return "SET GLOBAL is lost at MariaDB's next restart: keep it with `[mysqld]` `max_connections=" + target
                + "` in the server's my.cnf. slurmdbd itself holds few connections; if something else exhausts them, "
                + "fix the holder, and in slurmdbd.conf bound long sacct queries with MaxQueryTimeRange.";
    }

    private static String firstLine(String s) {
        return s.strip().lines().findFirst().orElse("");
    }
}
