package io.slurmops.commands.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command is called, what it takes and how risky it is: the data that help, the parser and
 * the approval policy read.
 *
 * @param name        one or more words, e.g. "status" or "check munge"
 * @param arguments   the positional part of the usage, e.g. "HOSTLIST REASON"
 * @param summary     one line for the command list
 * @param description a few lines for {@code help COMMAND}: what it runs and what it tells
 * @param minArgs     how many positional arguments are required
 * @param maxArgs     how many are allowed; {@link Integer#MAX_VALUE} when the rest is free text
 * @param role        the least role a person needs to ask for it, beyond what its risk asks
 *                    ({@code silence} changes no cluster state but hides faults, so it takes an operator)
 */
public record CommandSpec(String name, String arguments, String summary, String description, Risk risk,
                          int minArgs, int maxArgs, List<OptionSpec> options, Role role) {

    public CommandSpec {
        Objects.requireNonNull(name, "name");
        arguments = arguments == null ? "" : arguments;
        Objects.requireNonNull(summary, "summary");
        description = description == null ? "" : description;
        Objects.requireNonNull(risk, "risk");
        options = List.copyOf(options);
        role = role == null ? risk.requesterRole() : role;
        if (minArgs < 0 || maxArgs < minArgs) {
            throw new IllegalArgumentException("bad argument bounds for " + name);
        }
    }

    /** The correct form, e.g. "!slurm logs DAEMON [HOST] [--lines N] [--grep RE]". */
    public String usage(String prefix) {
        StringBuilder b = new StringBuilder(prefix).append(' ').append(name);
        if (!arguments.isBlank()) {
            b.append(' ').append(arguments);
        }
        options.forEach(o -> b.append(' ').append(o.usage()));
        return b.toString();
    }

    /**
     * The role needed to request this command when its risk is {@code effectiveRisk} (a site may raise
     * a command's risk in the approval policy): the higher of the declared role and the risk's role.
     */
    public Role requiredRole(Risk effectiveRisk) {
        Role byRisk = effectiveRisk.requesterRole();
        return role.atLeast(byRisk) ? role : byRisk;
    }

    public Optional<OptionSpec> option(String optionName) {
        return options.stream().filter(o -> o.name().equals(optionName)).findFirst();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Fluent construction, so each command's declaration reads as one block. */
    public static final class Builder {
        private final String name;
        private String arguments = "";
        private String summary = "";
        private String description = "";
        private Risk risk = Risk.READ;
        private int minArgs;
        private int maxArgs;
        private final java.util.ArrayList<OptionSpec> options = new java.util.ArrayList<>();
        private Role role;

        private Builder(String name) {
            this.name = name;
        }

        public Builder arguments(String usage, int min, int max) {
            this.arguments = usage;
            this.minArgs = min;
            this.maxArgs = max;
            return this;
        }

        public Builder summary(String s) {
            this.summary = s;
            return this;
        }

        public Builder description(String d) {
            this.description = d;
            return this;
        }

        public Builder risk(Risk r) {
            this.risk = r;
            return this;
        }

        /** The least role needed, when more than the risk asks for. */
        public Builder role(Role r) {
            this.role = r;
            return this;
        }

        public Builder option(OptionSpec o) {
            options.add(o);
            return this;
        }

        public CommandSpec build() {
            return new CommandSpec(name, arguments, summary, description, risk, minArgs, maxArgs, options, role);
        }
    }
}
