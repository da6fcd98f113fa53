package io.slurmops.commands.slurm;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.site.ClusterAccess;

import java.util.List;
import java.util.Optional;

/**
 * Which slurmctld is in control. {@code scontrol ping} cannot say: a backup in standby answers
 * pings exactly like one in control. So when the primary is down and a backup answers, a cheap
 * state query ({@code sinfo}) decides: the client library retries a standby backup until it takes
 * over or the retry window (about SlurmctldTimeout + MessageTimeout) ends, so success means a
 * backup is in control, failure means nobody schedules (verified on the lab with 22.05).
 *
 * @param pings      the controller lines of {@code scontrol ping}, primary first
 * @param inControl  the host in control, empty when nobody is (or nobody answers)
 * @param detail     the query's first error line when a backup answers but is not in control
 */
public record ControllerControl(List<ControllerPing> pings, String inControl, String detail) {

    public static ControllerControl of(ClusterAccess cluster) {
        ExecResult ping = cluster.slurm("scontrol", "ping");
        return decide(ControllerPing.parse(ping.stdout()), cluster);
    }

    public static ControllerControl decide(List<ControllerPing> pings, ClusterAccess cluster) {
        Optional<ControllerPing> primary = pings.stream().filter(ControllerPing::primary).findFirst();
        if (primary.isPresent() && primary.get().up()) {
            return new ControllerControl(pings, primary.get().host(), "");
        }
        Optional<ControllerPing> backup = pings.stream().filter(p -> !p.primary() && p.up()).findFirst();
        if (backup.isEmpty()) {
            return new ControllerControl(pings, "", "");
        }
        ExecResult query = cluster.slurm("sinfo", "-h", "-o", "%P");
        if (query.ok()) {
            return new ControllerControl(pings, backup.get().host(), "");
        }
        String err = query.combinedOutput().strip();
        int nl = err.indexOf('\n');
        return new ControllerControl(pings, "", nl < 0 ? err : err.substring(0, nl));
    }

    public boolean primaryUp() {
        return pings.stream().anyMatch(p -> p.primary() && p.up());
    }

    /** A backup answers {@code scontrol ping}, in control or in standby. */
    public Optional<String> backupUp() {
        return pings.stream().filter(p -> !p.primary() && p.up()).map(ControllerPing::host).findFirst();
    }

    /** The backup holds control (the primary is down). */
    public boolean backupInControl() {
        return !inControl.isEmpty() && !primaryUp();
    }

    /** Both (all) configured controllers answer and the primary is among them: the normal pair. */
    public boolean normalPair() {
        return pings.size() > 1 && pings.stream().allMatch(ControllerPing::up);
    }

    /** "backup ctl2 is in control", "primary vm is in control", or "nobody is in control". */
    public String describe() {
        if (inControl.isEmpty()) {
            return backupUp().map(b -> "nobody is in control: backup " + b + " answers but stays in standby"
                    + (detail.isEmpty() ? "" : " (" + detail + ")")).orElse("nobody is in control");
        }
        return (primaryUp() ? "primary " : "backup ") + inControl + " is in control";
    }
}
