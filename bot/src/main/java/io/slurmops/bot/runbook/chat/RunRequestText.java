package io.slurmops.bot.runbook.chat;

import io.slurmops.commands.plan.Sha256;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a runbook request stores as its plan text: one {@code key<TAB>value} per line, in order. A run
 * request names the runbook and its plan-time values (its hash is {@code RunbookCanonical}'s, checked
 * again before the run starts); a resume or gate request names the run (and the gate's step), so a
 * vote on it is bound to that run and that step and can never pass another.
 */
final class RunRequestText {

    static final String RUNBOOK = "runbook";
    static final String VALUE = "value:";
    static final String RUN = "run";
    static final String RERUN = "rerun";
    static final String STEP = "step";
    static final String STEP_ID = "step-id";
    static final String RUN_HASH = "run-hash";

    private RunRequestText() {
    }

    static String run(String runbook, Map<String, String> planValues) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(RUNBOOK, runbook);
        planValues.forEach((k, v) -> f.put(VALUE + k, v));
        return encode(f);
    }

    static String resume(long run, String runbook, String runHash, boolean rerun) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(RUN, Long.toString(run));
        f.put(RUNBOOK, runbook);
        f.put(RUN_HASH, runHash);
        f.put(RERUN, Boolean.toString(rerun));
        return encode(f);
    }

    static String gate(long run, String runbook, String runHash, int step, String stepId) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(RUN, Long.toString(run));
        f.put(RUNBOOK, runbook);
        f.put(RUN_HASH, runHash);
        f.put(STEP, Integer.toString(step));
        f.put(STEP_ID, stepId);
        return encode(f);
    }

    /** The hash of a resume or gate request: its whole text. */
    static String hash(String text) {
        return Sha256.hex(text);
    }

    static Map<String, String> decode(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                out.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return out;
    }

    static Map<String, String> values(Map<String, String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (k.startsWith(VALUE)) {
                out.put(k.substring(VALUE.length()), v);
            }
        });
        return out;
    }

    private static String encode(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> {
            if (v.contains("\n") || v.contains("\t")) {
                throw new IllegalArgumentException("`" + k + "` must be one line without tabs");
            }
            b.append(k).append('\t').append(v).append('\n');
        });
        return b.toString();
    }
}
