package io.slurmops.bot.runbook.chat;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.runbook.Parameter;
import io.slurmops.commands.runbook.Runbook;
import io.slurmops.commands.runbook.ValueType;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.commands.slurm.SlurmConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values a requester need not type because slurmctld knows them: a {@code state-dir} value is
 * StateSaveLocation and a {@code config-dir} value the directory of SLURM_CONF, from
 * {@code scontrol show config}. They are read once, when the plan is made, and become part of what
 * is approved. Given values and declared defaults win.
 */
final class PlanTimeValues {

    private PlanTimeValues() {
    }

    static Map<String, String> fill(Runbook rb, Map<String, String> given, ClusterAccess cluster) {
        Map<String, String> out = new LinkedHashMap<>(given);
        SlurmConfig config = null;
        for (Parameter p : rb.parameters()) {
            boolean fromSlurm = p.type() == ValueType.STATE_DIR || p.type() == ValueType.CONFIG_DIR;
            if (p.known() != Parameter.Known.PLAN || !fromSlurm || out.containsKey(p.name()) || p.defaultValue().isPresent()) {
                continue;
            }
            if (config == null) {
                ExecResult r = cluster.slurm(SlurmConfig.ARGV);
                if (!r.ok()) {
                    throw new IllegalArgumentException("`" + p.name() + "` was not given and `scontrol show config` "
                            + "failed (" + r.outcome() + "); give it as " + p.name() + "=/path");
                }
                config = SlurmConfig.parse(r.stdout());
            }
            String v = p.type() == ValueType.STATE_DIR ? config.stateSaveLocation()
                    : config.get("SLURM_CONF").map(c -> c.substring(0, Math.max(1, c.lastIndexOf('/')))).orElse("");
            if (!v.isBlank()) {
                out.put(p.name(), v);
            }
        }
        return out;
    }
}
