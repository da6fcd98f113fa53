package io.slurmops.commands.runbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The actions that carry an argv: scontrol and sacctmgr operations, and the raw escape hatch. */
public final class ArgvActions {

    private ArgvActions() {
    }

    /** An scontrol operation; the sub-command must be one {@link SlurmOperations} allows. */
    public record Scontrol(List<Template> args) implements Action {
        public Scontrol {
            args = List.copyOf(args);
        }

        public String kind() {
            return "scontrol";
        }

        public String describe() {
            return "scontrol " + joined(args);
        }

        public List<String> fields() {
            return texts(args);
        }

        public List<Template> templates() {
            return args;
        }

        public Optional<Check> inherentCheck() {
            return SlurmOperations.scontrolReadOnly(args) ? Optional.of(commandCheck("scontrol", args)) : Optional.empty();
        }
    }

    /** An sacctmgr operation (run with -i); a delete destroys accounting data. */
    public record Sacctmgr(List<Template> args) implements Action {
        public Sacctmgr {
            args = List.copyOf(args);
        }

        public String kind() {
            return "sacctmgr";
        }

        public String describe() {
            return "sacctmgr " + joined(args);
        }

        public List<String> fields() {
            return texts(args);
        }

        public List<Template> templates() {
            return args;
        }

        public Optional<DataKind> destroys() {
            return SlurmOperations.sacctmgrDeletes(args) ? Optional.of(DataKind.ACCOUNTING_DB) : Optional.empty();
        }

        public Optional<Check> inherentCheck() {
            return SlurmOperations.sacctmgrReadOnly(args) ? Optional.of(commandCheck("sacctmgr", args)) : Optional.empty();
        }
    }

    /**
     * A raw argv (never a shell string) for what the closed set does not cover: allowed only with
     * an explicit {@code destructive:} (what it destroys, or nothing) and an explicit check.
     *
     * @param destructiveDeclared whether the author wrote {@code destructive:} at all
     */
    public record RawArgv(List<Template> argv, HostSet on, Optional<DataKind> destroysData, boolean destructiveDeclared)
            implements Action {
        public RawArgv {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("a raw step needs an argv");
            }
        }

        public String kind() {
            return "run";
        }

        public String describe() {
            return "run " + joined(argv) + " on " + on.describe();
        }

        public List<String> fields() {
            List<String> out = new ArrayList<>(List.of(on.text(), destroysData.map(DataKind::label).orElse("nothing")));
            out.addAll(texts(argv));
            return out;
        }

        public List<Template> templates() {
            List<Template> out = new ArrayList<>(argv);
            if (on.hostlist() != null) {
                out.add(on.hostlist());
            }
            return out;
        }

        public Optional<DataKind> destroys() {
            return destroysData;
        }
    }

    private static Check commandCheck(String tool, List<Template> args) {
        List<Template> argv = new ArrayList<>(List.of(Template.of(tool)));
        argv.addAll(args);
        return new Check.CommandSucceeds(argv, HostSet.CONTROLLER, Duration.ofSeconds(30));
    }

    private static String joined(List<Template> args) {
        return args.stream().map(Template::text).collect(Collectors.joining(" "));
    }

    private static List<String> texts(List<Template> args) {
        return args.stream().map(Template::text).toList();
    }
}
