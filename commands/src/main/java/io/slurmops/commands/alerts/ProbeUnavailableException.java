package io.slurmops.commands.alerts;

/**
 * A probe could not tell: e.g. the node probe while the controller is down. Its incidents stay as
 * they are rather than all "recovering" at once.
 */
public class ProbeUnavailableException extends Exception {

    public ProbeUnavailableException(String message) {
        super(message);
    }
}
