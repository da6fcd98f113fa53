package io.slurmops.commands.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command is called, what it takes and how risky it is: the declaration that the binder
 * checks input against, that help and usage are made from, and that the approval policy and the
 * authorizer read. Nothing about a command's grammar lives anywhere else.
 *
 * @param name        one or more words, e.g. "status" or "check munge"
 * @param summary     one line for the command list
 * @param description a few lines for {@code help COMMAND}: what it runs and what it tells
 * @param params      the positional arguments, in order; optional ones and free text come last
 * @param role        the least role a person needs to ask for it, beyond what its risk asks
 *                    ({@code silence} changes no cluster state but hides faults, so it takes an operator)
 * @param jobEffect   what a change does to the jobs running on its target nodes (a mass action's plan
 *                    counts the jobs it kills from this)
 */
public record CommandSpec(String name, String summary, String description, Risk risk, List<Param> params,
                          List<OptionSpec> options, Role role, JobEffect jobEffect) {

    public CommandSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        description = description == null ? "" : description;
        Objects.requireNonNull(risk, "risk");
        params = List.copyOf(params);
        options = List.copyOf(options);
        role = role == null ? risk.requesterRole() : role;
        jobEffect = jobEffect == null ? JobEffect.KEEP : jobEffect;
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            if (p.rest() && i != params.size() - 1) {
                throw new IllegalArgumentException(name + ": free text " + p.placeholder() + " must come last");
            }
            if (p.required() && i > 0 && !params.get(i - 1).required()) {
                throw new IllegalArgumentException(name + ": required " + p.placeholder() + " after an optional one");
            }
            for (int j = 0; j < i; j++) {
                if (params.get(j).name().equals(p.name())) {
                    throw new IllegalArgumentException(name + ": two arguments named " + p.name());
                }
            }
        }
    }

    public CommandSpec(String name, String summary, String description, Risk risk, List<Param> params,
                       List<OptionSpec> options, Role role) {
        this(name, summary, description, risk, params, options, role, JobEffect.KEEP);
    }

    /** The positional part of the usage, e.g. "HOSTLIST [REASON]". */
    public String arguments() {
        return String.join(" ", params.stream().map(Param::usage).toList());
    }

    /** How many positional words are required. */
    public int minArgs() {
        return (int) params.stream().filter(Param::required).count();
    }

    /** How many are allowed; {@link Integer#MAX_VALUE} when the rest is free text. */
    public int maxArgs() {
        return !params.isEmpty() && params.get(params.size() - 1).rest() ? Integer.MAX_VALUE : params.size();
    }

    /** The correct form, e.g. "!slurm logs DAEMON [HOST] [--lines N] [--grep RE]". */
    public String usage(String prefix) {
        StringBuilder b = new StringBuilder(prefix).append(' ').append(name);
        if (!params.isEmpty()) {
            b.append(' ').append(arguments());
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

    public Optional<Param> param(String paramName) {
        return params.stream().filter(p -> p.name().equals(paramName)).findFirst();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Fluent construction, so each command's declaration reads as one block. */
    public static final class Builder {
        private final String name;
        private String summary = "";
        private String description = "";
        private Risk risk = Risk.READ;
        private final List<Param> params = new ArrayList<>();
        private final List<OptionSpec> options = new ArrayList<>();
        private Role role;
        private JobEffect jobEffect = JobEffect.KEEP;

        private Builder(String name) {
            this.name = name;
        }

        /** A required argument, asked for by its placeholder in lower case: "HOSTLIST" → "hostlist". */
        public Builder required(String placeholder, ArgType<?> type) {
            return required(nameOf(placeholder), placeholder, type);
        }

        public Builder required(String paramName, String placeholder, ArgType<?> type) {
            params.add(new Param(paramName, placeholder, type, true, false));
            return this;
        }

        /** An argument that may be left out (shown in [brackets]). */
        public Builder optional(String placeholder, ArgType<?> type) {
            return optional(nameOf(placeholder), placeholder, type);
        }

        public Builder optional(String paramName, String placeholder, ArgType<?> type) {
            params.add(new Param(paramName, placeholder, type, false, false));
            return this;
        }

        /** Free text to the end of the line (a reason, a comment); an unknown --word inside it is text too. */
        public Builder text(String placeholder, boolean required) {
            params.add(new Param(nameOf(placeholder), placeholder, ArgTypes.text(), required, true));
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

        /** What the change does to jobs running on its target nodes (default: they keep running). */
        public Builder jobs(JobEffect effect) {
            this.jobEffect = effect;
            return this;
        }

        public Builder option(OptionSpec o) {
            options.add(o);
            return this;
        }

        public CommandSpec build() {
            return new CommandSpec(name, summary, description, risk, params, options, role, jobEffect);
        }

        private static String nameOf(String placeholder) {
            return placeholder.toLowerCase(Locale.ROOT);
        }
    }
}
