package io.slurmops.bot.bench;

import io.slurmops.bot.config.SlurmopsConfig;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scale lab's slurm.conf-only nodes ({@code LAB_EXTRA_NODES}, sim00001…): FUTURE nodes are
 * invisible to sinfo, so a benchmark that wants Slurm to report N more nodes sets them DOWN and puts
 * them back to FUTURE afterwards. Only on the lab: on a real cluster this would touch real nodes.
 */
final class ExtraNodes {

    private final String hostlist;

    ExtraNodes(SlurmopsConfig config, int count) {
        if (count > 0 && !"lab".equals(config.site().clusterName())) {
            throw new IllegalArgumentException("--show-extra changes node states and is for the lab cluster only "
                    + "(this configuration's cluster is `" + config.site().clusterName() + "`)");
        }
        if (count > 10_000) {
            throw new IllegalArgumentException("--show-extra is at most 10000 (the scale lab's limit)");
        }
        this.hostlist = count > 0 ? String.format(Locale.ROOT, "sim[00001-%05d]", count) : "";
    }

    void show() throws Exception {
        if (!hostlist.isEmpty()) {
            scontrol("State=DOWN", "Reason=slurmops bench");
        }
    }

    void hide() throws Exception {
        if (!hostlist.isEmpty()) {
            scontrol("State=FUTURE");
        }
    }

    private void scontrol(String... settings) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("scontrol", "update", "NodeName=" + hostlist));
        argv.addAll(List.of(settings));
        ExternalTool.Run r = ExternalTool.run(argv, Map.of());
        if (!r.ok()) {
            throw new IllegalStateException("scontrol update NodeName=" + hostlist + " failed: " + r.output().strip()
                    + " (is the lab up with LAB_EXTRA_NODES at least that many?)");
        }
    }
}
