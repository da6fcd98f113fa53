package io.slurmops.commands.runbook.run;

/** Whether an action or check succeeded, with the (folded) output a person reads. */
record Outcome(boolean ok, String output) {

    static Outcome ok(String output) {
        return new Outcome(true, output);
    }

    static Outcome failed(String output) {
        return new Outcome(false, output);
    }

    static Outcome notImplemented(String what) {
        return failed(what + " not implemented");
    }
}
