package io.slurmops.commands.catalog;

import java.util.Objects;

/**
 * A command defined by its declaration: the base every command class extends, so a new command is
 * its {@link CommandSpec} plus what it does, and nothing else.
 */
public abstract class DeclaredCommand implements SlurmCommand {

    private final CommandSpec spec;

    protected DeclaredCommand(CommandSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    @Override
    public final CommandSpec spec() {
        return spec;
    }

    /** The correct form, for a usage error that only shows once a value is looked up (an unknown node). */
    protected final String usage(CommandContext ctx) {
        return spec.usage(ctx.prefix());
    }
}
