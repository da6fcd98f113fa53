package io.slurmops.commands.hostlist;

/** TEMPORARY stand-in until the hostlist branch merges. */
public class HostlistException extends IllegalArgumentException {
    public HostlistException(String m) {
        super(m);
    }
}
