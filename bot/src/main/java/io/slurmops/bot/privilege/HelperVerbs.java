package io.slurmops.bot.privilege;

import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.hostlist.HostlistException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The root helper's fixed verbs: each turns validated arguments into exactly one argv (never a shell).
 * Anything else — an unknown verb, a unit outside the policy, a path outside its directories after
 * links are resolved, a node list that is not a Slurm host list — is a {@link HelperRefusal}.
 *
 * <pre>
 * service start|stop|restart UNIT          the service manager, units from the policy only
 * service-env set SLURMCTLD_OPTIONS=-i …   | unset SLURMCTLD_OPTIONS   (slurmctld -i for one start)
 * strigger --get | --clear --id=N | --set [--node[=HOSTLIST]] EVENT --flags=PERM --program=PATH   as SlurmUser
 * copy SRC DST | copy-contents SRC DST | restore-old FILE     cp -a / cp -a SRC/. DST/ / cp -p FILE.old FILE
 * mkdir [-p] [-m 700] -- DIR | remove PATH | clear DIR         mkdir / rm -rf (below a root) / find -delete
 * create FILE | write FILE (stdin)                              install -m 600 /dev/null / dd of=
 * list DIR | list-any DIR | find-named DIR [d] NAME | sha256 FILE… | read FILE | read-all FILE… | base64 FILE
 * </pre>
 */
final class HelperVerbs {

    static final Set<String> SERVICE_VERBS = Set.of("start", "stop", "restart");
    /** The events TriggerSource registers; nothing else may become a permanent trigger. */
    static final Set<String> TRIGGER_EVENTS = Set.of("--down", "--drained", "--fail", "--primary_slurmdbd_failure",
            "--primary_database_failure");
    private static final Pattern OPTIONS_VALUE = Pattern.compile("-[A-Za-z]( -[A-Za-z])*");
    private static final Pattern FIND_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*\\*?");
    private static final Map<List<String>, List<String>> MKDIR_SHAPES = Map.of(
            List.of("-p", "-m", "700"), List.of("mkdir", "-p", "-m", "700", "--"),
            List.of("-m", "700"), List.of("mkdir", "-m", "700", "--"),
            List.of("-p"), List.of("mkdir", "-p", "--"));

    private final HelperPolicy policy;
    private final List<Path> readable;

    HelperVerbs(HelperPolicy policy) {
        this.policy = policy;
        List<Path> r = new ArrayList<>(policy.readPaths());
        r.addAll(policy.writePaths());
        this.readable = List.copyOf(r);
    }

    /** The argv that runs as root for this request. */
    List<String> argv(List<String> request) throws HelperRefusal {
        if (request.isEmpty()) {
            throw new HelperRefusal("no verb given");
        }
        String verb = request.get(0);
        List<String> a = request.subList(1, request.size());
        return switch (verb) {
            case "service" -> service(a);
            case "service-env" -> serviceEnv(a);
            case "strigger" -> strigger(a);
            case "restore-old" -> restoreOld(a);
            case "mkdir" -> mkdir(a);
            case "find-named" -> findNamed(a);
            case "sha256" -> files(a, verb, List.of("sha256sum", "--"));
            case "read-all" -> files(a, verb, List.of("grep", "-H", "-Z", ""));
            default -> paths(verb, a);
        };
    }

    /** The verbs with a fixed number of path arguments. */
    private List<String> paths(String verb, List<String> a) throws HelperRefusal {
        switch (verb) {
            case "copy" -> need(a, 2, verb);
            case "copy-contents" -> need(a, 2, verb);
            case "remove", "clear", "create", "write", "list", "list-any", "read", "base64" -> need(a, 1, verb);
            default -> throw new HelperRefusal("unknown verb `" + verb + "`");
        }
        return switch (verb) {
            case "copy" -> List.of("cp", "-a", "--", read(a.get(0)), write(a.get(1)));
            case "copy-contents" -> List.of("cp", "-a", "--", read(a.get(0)) + "/.",
                    PathRule.existing(a.get(1), policy.writePaths(), false) + "/");
            case "remove" -> List.of("rm", "-rf", "--", removable(a.get(0)));
            case "clear" -> List.of("find", PathRule.existing(a.get(0), policy.writePaths(), false).toString(),
                    "-mindepth", "1", "-delete");
            case "create" -> List.of("install", "-m", "600", "/dev/null", write(a.get(0)));
            case "write" -> List.of("dd", "of=" + write(a.get(0)), "status=none");
            case "list" -> List.of("find", read(a.get(0)), "-type", "f", "-printf", "%s %P\\n");
            case "list-any" -> List.of("find", read(a.get(0)), "-mindepth", "1");
            case "base64" -> List.of("base64", "-w", "0", read(a.get(0)));
            default -> List.of("cat", "--", read(a.get(0)));
        };
    }

    private List<String> service(List<String> a) throws HelperRefusal {
        need(a, 2, "service");
        if (!SERVICE_VERBS.contains(a.get(0))) {
            throw new HelperRefusal("service: `" + a.get(0) + "` is not one of " + SERVICE_VERBS);
        }
        if (!policy.units().contains(a.get(1))) {
            throw new HelperRefusal("service: unit `" + a.get(1) + "` is not one of " + policy.units());
        }
        List<String> argv = new ArrayList<>(policy.serviceManager());
        argv.addAll(a);
        return argv;
    }

    private List<String> serviceEnv(List<String> a) throws HelperRefusal {
        List<String> argv = new ArrayList<>(policy.serviceManager());
        if (a.size() == 2 && a.get(0).equals("unset") && a.get(1).equals("SLURMCTLD_OPTIONS")) {
            argv.addAll(List.of("unset-environment", "SLURMCTLD_OPTIONS"));
            return argv;
        }
        if (a.size() == 2 && a.get(0).equals("set") && a.get(1).startsWith("SLURMCTLD_OPTIONS=")
                && OPTIONS_VALUE.matcher(a.get(1).substring("SLURMCTLD_OPTIONS=".length())).matches()) {
            argv.addAll(List.of("set-environment", a.get(1)));
            return argv;
        }
        throw new HelperRefusal("service-env: only `set SLURMCTLD_OPTIONS=-x …` (single-letter options) or"
                + " `unset SLURMCTLD_OPTIONS`");
    }

    private List<String> strigger(List<String> a) throws HelperRefusal {
        List<String> argv = new ArrayList<>(List.of(policy.runuser(), "-u", policy.slurmUser(), "--", policy.strigger()));
        if (a.equals(List.of("--get"))) {
            argv.add("--get");
            return argv;
        }
        if (a.size() == 2 && a.get(0).equals("--clear") && a.get(1).matches("--id=[0-9]{1,9}")) {
            argv.addAll(a);
            return argv;
        }
        List<String> rest = new ArrayList<>(a);
        if (rest.isEmpty() || !rest.remove(0).equals("--set")) {
            throw new HelperRefusal("strigger: only --get, --clear --id=N or --set [--node[=HOSTLIST]] EVENT"
                    + " --flags=PERM --program=PATH");
        }
        argv.add("--set");
        if (!rest.isEmpty() && (rest.get(0).equals("--node") || rest.get(0).startsWith("--node="))) {
            String node = rest.remove(0);
            if (node.startsWith("--node=")) {
                try {
                    Hostlist.parse(node.substring("--node=".length()));
                } catch (HostlistException e) {
                    throw new HelperRefusal("strigger: " + node + " is not a Slurm host list: " + e.getMessage());
                }
            }
            argv.add(node);
        }
        if (rest.size() != 3 || !TRIGGER_EVENTS.contains(rest.get(0)) || !rest.get(1).equals("--flags=PERM")
                || !rest.get(2).startsWith("--program=")) {
            throw new HelperRefusal("strigger --set: expected EVENT (one of " + TRIGGER_EVENTS + ") --flags=PERM --program=PATH");
        }
        Path program = PathRule.existing(rest.get(2).substring("--program=".length()), List.of(policy.triggerDir()), true);
        if (!program.getFileName().toString().startsWith("slurmops-trigger-")) {
            throw new HelperRefusal("strigger: the program must be one of slurmops' trigger wrappers (slurmops-trigger-EVENT)");
        }
        argv.addAll(List.of(rest.get(0), "--flags=PERM", "--program=" + program));
        return argv;
    }

    private List<String> restoreOld(List<String> a) throws HelperRefusal {
        need(a, 1, "restore-old");
        Path old = PathRule.existing(a.get(0) + ".old", policy.writePaths(), true);
        String target = write(a.get(0));
        if (!old.toString().equals(target + ".old")) {
            throw new HelperRefusal("restore-old: " + a.get(0) + ".old is not the .old copy beside " + a.get(0));
        }
        return List.of("cp", "-p", "--", old.toString(), target);
    }

    private List<String> mkdir(List<String> a) throws HelperRefusal {
        int dash = a.indexOf("--");
        List<String> shape = dash < 0 ? null : MKDIR_SHAPES.get(a.subList(0, dash));
        if (shape == null || a.size() != dash + 2) {
            throw new HelperRefusal("mkdir: expected [-p] [-m 700] -- DIR");
        }
        List<String> argv = new ArrayList<>(shape);
        argv.add(PathRule.creatable(a.get(dash + 1), policy.writePaths(), !shape.contains("-p")).toString());
        return argv;
    }

    private List<String> findNamed(List<String> a) throws HelperRefusal {
        boolean dirs = a.size() == 3 && a.get(1).equals("d");
        if (!(a.size() == 2 || dirs) || !FIND_NAME.matcher(a.get(a.size() - 1)).matches()) {
            throw new HelperRefusal("find-named: expected DIR [d] NAME (a letter, digit or _ first, then . _ -, an optional trailing *)");
        }
        List<String> argv = new ArrayList<>(List.of("find", read(a.get(0)), "-mindepth", "2", "-maxdepth", "2"));
        if (dirs) {
            argv.addAll(List.of("-type", "d"));
        }
        argv.addAll(List.of("-name", a.get(a.size() - 1)));
        return argv;
    }

    private List<String> files(List<String> a, String verb, List<String> program) throws HelperRefusal {
        if (a.isEmpty()) {
            throw new HelperRefusal(verb + ": expected FILE…");
        }
        List<String> argv = new ArrayList<>(program);
        for (String f : a) {
            argv.add(read(f));
        }
        return argv;
    }

    /** rm -rf: a missing path is fine (nothing happens), a link is refused (its target is checked, not it). */
    private String removable(String path) throws HelperRefusal {
        if (java.nio.file.Files.isSymbolicLink(Path.of(path))) {
            throw new HelperRefusal("remove: " + path + " is a symbolic link");
        }
        return PathRule.creatable(path, policy.writePaths()).toString();
    }

    private String read(String path) throws HelperRefusal {
        return PathRule.existing(path, readable, false).toString();
    }

    private String write(String path) throws HelperRefusal {
        return PathRule.creatable(path, policy.writePaths()).toString();
    }

    /** Checks the argument count before anything indexes into it. */
    private static void need(List<String> a, int n, String verb) throws HelperRefusal {
        if (a.size() != n) {
            throw new HelperRefusal(verb + ": expected " + n + " argument(s), got " + a.size());
        }
    }
}
