package io.slurmops.commands.alerts;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Does a TCP port answer, seen from one host? {@code nc -z -w N ADDRESS PORT} as plain argv (the same
 * tool {@code check ports} uses), told apart by what nc says: a connect that succeeds, one the host
 * refuses (it answers, nothing listens or a firewall rejects), and one that gets no answer at all
 * (timed out, no route: a cut link, a dead host or a firewall that drops). The runbook's
 * {@code telnet host 6817} (slide 13), without a shell.
 */
public final class TcpReach {

    /** What a connect attempt showed. */
    public enum Outcome {
        OPEN("open"), REFUSED("refused"), NO_ANSWER("no answer"), UNKNOWN("not probed");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The host itself is there: it accepted or actively refused the connection. */
        public boolean hostAnswers() {
            return this == OPEN || this == REFUSED;
        }
    }

    /** One port on one address, probed from {@code from}; {@code why} is nc's own words when not open. */
    public record Probe(String from, String address, int port, Outcome outcome, String why) {
        public String describe() {
            return "port " + port + " " + outcome.label() + (why.isBlank() || outcome == Outcome.OPEN ? "" : " (" + why + ")");
        }
    }

    /** A port to try from a host. */
    public record Target(String from, String address, int port) {
    }

    private final int connectSeconds;

    public TcpReach(int connectSeconds) {
        if (connectSeconds < 1) {
            throw new IllegalArgumentException("connectSeconds must be at least 1");
        }
        this.connectSeconds = connectSeconds;
    }

    /** Probes every target at once (within the site's fan-out); results in the order given. */
    public List<Probe> probe(CommandContext ctx, List<Target> targets) {
        if (targets.isEmpty()) {
            return List.of();
        }
        Duration timeout = Duration.ofSeconds(connectSeconds + 5L);
        List<HostCommand> commands = new ArrayList<>();
        for (Target t : targets) {
            commands.add(new HostCommand(t.from(), List.of("nc", "-z", "-v", "-w", Integer.toString(connectSeconds),
                    t.address(), Integer.toString(t.port())), timeout));
        }
        List<ExecResult> results = ctx.cluster().runAll(commands);
        List<Probe> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            ExecResult r = results.get(i);
            out.add(new Probe(t.from(), t.address(), t.port(), classify(r), why(r)));
        }
        return out;
    }

    /** nc (netcat-openbsd) exits 0 when connected, 1 with "Connection refused" / "timed out" / "No route to host". */
    static Outcome classify(ExecResult r) {
        if (r.ok()) {
            return Outcome.OPEN;
        }
        if (!r.ran() || r.exitCode() != 1) {
            return Outcome.UNKNOWN;                          // nc missing (127), killed, or the host running it is gone
        }
        String text = r.combinedOutput().toLowerCase(Locale.ROOT);
        if (text.contains("refused")) {
            return Outcome.REFUSED;
        }
        if (text.contains("timed out") || text.contains("no route") || text.contains("unreachable")) {
            return Outcome.NO_ANSWER;
        }
        return Outcome.UNKNOWN;
    }

    private static String why(ExecResult r) {
        String text = r.combinedOutput().strip();
        if (text.isEmpty()) {
            return r.outcome();
        }
        String line = text.lines().reduce((a, b) -> b).orElse(text);
        int colon = line.lastIndexOf(": ");
        if (line.contains("timed out")) {
            return "timed out";
        }
        return colon >= 0 ? line.substring(colon + 2) : line;
    }
}
