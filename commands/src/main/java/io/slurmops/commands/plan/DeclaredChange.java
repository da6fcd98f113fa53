package io.slurmops.commands.plan;

import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.DeclaredCommand;

import java.util.List;

/** A change command defined by its declaration: the base every change class extends. */
public abstract class DeclaredChange extends DeclaredCommand implements ChangeCommand {

    protected DeclaredChange(CommandSpec spec) {
        super(spec);
    }

    /** The nodes an approved plan was made for, to re-check before it runs. */
    protected static List<String> plannedNodes(Plan plan) {
        return plan.blastRadius().nodes().stream().map(NodeImpact::name).toList();
    }
}
