package io.slurmops.commands.alerts;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.site.SiteProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Is slurmd there but not answering? The service manager names slurmd's main PID
 * ({@code systemctl show --property=MainPID --value slurmd}); {@code ps -o state=,wchan:32= -p PID}
 * then gives its kernel state: T (stopped by a signal or a debugger) or D (waiting uninterruptibly in
 * the kernel, e.g. on a hung NFS mount) explain a node that is "not responding" with slurmd "active".
 * The PID comes from the service manager, not from a process search: on one host several slurmd
 * (the lab's nodes share a PID namespace) would be indistinguishable.
 */
public final class SlurmdProcess {

    /** What ps said about slurmd's main process; empty {@code state} when it could not be read. */
    public record State(long pid, String state, String waitChannel, String unreadable) {

        static State unreadable(String why) {
            return new State(0, "", "", why);
        }

        public boolean readable() {
            return unreadable.isEmpty();
        }

        public boolean stopped() {
            return state.startsWith("T") || state.startsWith("t");
        }

        public boolean stuckInKernel() {
            return state.startsWith("D");
        }

        public String describe() {
            if (!readable()) {
                return "slurmd process: unreadable (" + unreadable + ")";
            }
            if (pid == 0) {
                return "slurmd process: none (the service manager has no main PID)";
            }
            return "slurmd process: PID " + pid + ", state " + state + " (" + meaning(state) + ")"
                    + (waitChannel.isBlank() || waitChannel.equals("-") ? "" : ", in " + waitChannel);
        }

        private static String meaning(String s) {
            return switch (s.isEmpty() ? '?' : s.charAt(0)) {
                case 'R' -> "running";
                case 'S' -> "sleeping, normal for a daemon";
                case 'D' -> "uninterruptible wait in the kernel";
                case 'T', 't' -> "stopped";
                case 'Z' -> "zombie";
                default -> "unknown";
            };
        }
    }

    private SlurmdProcess() {
    }

    /** Two short argv runs over the node's transport, bounded by the site's node timeout. */
    public static State read(CommandContext ctx, String node) {
        SiteProfile site = ctx.cluster().site();
        List<String> show = new ArrayList<>(site.nodeServiceManager());
        show.addAll(List.of("show", "--property=MainPID", "--value", site.unit("slurmd")));
        ExecResult main = ctx.cluster().onHost(node, show);
        if (!main.ok()) {
            return State.unreadable(main.outcome());
        }
        Optional<Long> pid = parsePid(main.stdout());
        if (pid.isEmpty()) {
            return State.unreadable("unexpected MainPID: " + main.stdout().strip());
        }
        if (pid.get() == 0) {
            return new State(0, "", "", "");
        }
        ExecResult ps = ctx.cluster().onHost(node, List.of("ps", "-o", "state=,wchan:32=", "-p", Long.toString(pid.get())));
        if (!ps.ok()) {
            // ps exits 1 when the PID is gone: raced with an exit, as good as no process.
            return ps.ran() && ps.exitCode() == 1 && ps.stdout().isBlank() ? new State(0, "", "", "")
                    : State.unreadable("ps " + ps.outcome());
        }
        String[] words = ps.stdout().strip().split("\\s+", 2);
        return new State(pid.get(), words[0], words.length > 1 ? words[1].strip() : "", "");
    }

    static Optional<Long> parsePid(String out) {
        String s = out.strip();
        if (s.startsWith("MainPID=")) {
            s = s.substring("MainPID=".length());
        }
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
