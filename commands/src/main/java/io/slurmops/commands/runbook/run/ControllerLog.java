package io.slurmops.commands.runbook.run;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.commands.site.LogSource;

import java.time.Duration;
import java.util.List;

/**
 * slurmctld's log where the site keeps it (a file or a journal unit), read as argv on the controller.
 * A run marks the log before each slurmctld start it makes (the file's size, or the controller's
 * clock for a journal), so a check reads only what slurmctld said since: an old line from the crash
 * that started the incident must not decide a later step.
 */
final class ControllerLog {

    /** How much of the log a read takes at most: a start attempt is a few dozen lines. */
    private static final int TAIL_LINES = 2000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ClusterAccess cluster;

    ControllerLog(ClusterAccess cluster) {
        this.cluster = cluster;
    }

    private LogSource source() {
        return cluster.site().log("slurmctld").orElseThrow(() -> new IllegalStateException(
                "the site has no log source for slurmctld; set site.logs.slurmctld (file or journal unit)"));
    }

    /** Records where the log ends now on the run, for {@link #sinceMark}. */
    void mark(RunValues values) {
        if (cluster.site().log("slurmctld").isEmpty()) {
            return;                 // nothing to read later; controller-log-says says so when asked
        }
        LogSource src = source();
        List<String> argv = src.file() != null ? List.of("stat", "-c", "%s", "--", src.file()) : List.of("date", "+%s");
        ExecResult r = cluster.onController(argv, TIMEOUT);
        // a log file that does not exist yet is marked at 0: everything slurmctld writes is new
        values.record(RunValues.CTLD_LOG_MARK, r.ok() ? r.stdout().strip() : "0");
    }

    /** What slurmctld logged since this run last started it; throws when nothing is marked. */
    String sinceMark(RunValues values) {
        String mark = values.get(RunValues.CTLD_LOG_MARK);
        if (mark == null) {
            throw new IllegalStateException("this run has not started slurmctld yet, so there is no log of its start to read");
        }
        LogSource src = source();
        if (src.file() != null) {
            ExecResult size = cluster.onController(List.of("stat", "-c", "%s", "--", src.file()), TIMEOUT);
            long from = Long.parseLong(mark) + 1;
            // rotated since the mark: the new file is all new
            if (size.ok() && Long.parseLong(size.stdout().strip()) < from - 1) {
                from = 1;
            }
            return read(List.of("tail", "-c", "+" + from, "--", src.file()));
        }
        return read(List.of("journalctl", "--no-pager", "-o", "cat", "-u", src.journalUnit(), "--since", "@" + mark));
    }

    /** The last lines of the log, whatever the run did (what slurmctld said when it last failed). */
    String tail() {
        return read(source().tailArgv(TAIL_LINES));
    }

    String describe() {
        return source().describe();
    }

    private String read(List<String> argv) {
        ExecResult r = cluster.onController(argv, TIMEOUT);
        if (!r.ok()) {
            throw new IllegalStateException("cannot read slurmctld's log (" + source().describe() + "): " + r.outcome()
                    + " " + r.stderr().strip());
        }
        return r.stdout();
    }
}
