package io.slurmops.commands.runbook.run;

import io.slurmops.commands.runbook.Template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values a run's templates are bound with: the plan-time ones plus those recorded while running.
 * Every new value goes to the journal first, so a restarted bot binds later steps the same way.
 */
final class RunValues {

    static final String BACKUP_DIR = "backupDir";
    static final String NODES_SET_DOWN = "nodesSetDown";
    static final String ALL_NODES = "allNodes";
    static final String JOBS_LOST = "jobsLost";
    /** Where slurmctld's log ended before this run last started it (ControllerLog). */
    static final String CTLD_LOG_MARK = "ctldLogMark";
    static final String MANIFEST_PREFIX = "manifest:";
    /** Where a manifest's directory lives when it is not on the controller (the dbd host's table copies). */
    static final String MANIFEST_HOST_PREFIX = "manifestHost:";
    /** The accounting tables the table copy found damaged; the repairs work on exactly these. */
    static final String DAMAGED_TABLES = "damagedTables";
    static final String GATE_PREFIX = "gate:";

    private final long run;
    private final RunJournal journal;
    private final Map<String, String> values;

    RunValues(long run, RunJournal journal, Map<String, String> recorded) {
        this.run = run;
        this.journal = journal;
        this.values = new LinkedHashMap<>(recorded);
    }

    long run() {
        return run;
    }

    String get(String name) {
        return values.get(name);
    }

    void record(String name, String value) {
        journal.setValue(run, name, value);
        values.put(name, value);
    }

    String bind(Template t) {
        return t.bind(values);
    }
}
