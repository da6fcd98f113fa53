package io.slurmops.commands.plan;

import io.slurmops.commands.catalog.UsageException;

/**
 * A change that must not be made now, with the reason ("slurmdbd is down: start slurmdbd before
 * slurmctld"). The input was fine, so no usage line is shown.
 */
public class PlanRefusedException extends UsageException {

    public PlanRefusedException(String reason) {
        super(reason, null);
    }
}
