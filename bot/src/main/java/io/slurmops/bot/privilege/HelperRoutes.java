package io.slurmops.bot.privilege;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bot's side of the helper: which of the argv it runs on its own host need root, and the helper
 * request each becomes. Service starts and stops through the site's service manager, strigger (as
 * SlurmUser), and the file commands of backups and runbooks whose paths all lie in the privileged
 * directories ({@code privilege.paths} and {@code backups.dir}), and the reads of root-only files there (the
 * munge key that {@code sync munge} sends). Everything else runs as the bot itself.
 * The helper checks every argument again on its side: this class only chooses the route.
 */
public final class HelperRoutes {

    private static final Set<String> SERVICE_VERBS = HelperVerbs.SERVICE_VERBS;

    private final List<String> serviceManager;
    private final List<Path> roots;

    /** @param roots the directories whose files the helper reads and writes for the bot */
    public HelperRoutes(List<String> serviceManager, List<String> roots) {
        this.serviceManager = List.copyOf(serviceManager);
        this.roots = roots.stream().map(r -> Path.of(r).normalize()).toList();
    }

    /** The helper request for {@code argv}, or empty when it runs as the bot. */
    public Optional<List<String>> route(List<String> argv) {
        Optional<List<String>> service = service(argv);
        if (service.isPresent()) {
            return service;
        }
        if (argv.size() >= 5 && argv.subList(0, 2).equals(List.of("runuser", "-u")) && argv.get(3).equals("--")
                && argv.get(4).equals("strigger")) {
            return Optional.of(with("strigger", argv.subList(5, argv.size())));
        }
        if (argv.get(0).equals("strigger")) {
            return Optional.of(with("strigger", argv.subList(1, argv.size())));
        }
        return files(argv).filter(r -> pathsOf(r).stream().allMatch(this::privileged));
    }

    private Optional<List<String>> service(List<String> argv) {
        int n = serviceManager.size();
        if (argv.size() != n + 2 || !argv.subList(0, n).equals(serviceManager)) {
            return Optional.empty();
        }
        String verb = argv.get(n);
        String arg = argv.get(n + 1);
        if (SERVICE_VERBS.contains(verb)) {
            return Optional.of(List.of("service", verb, arg));
        }
        if (verb.equals("set-environment") && arg.startsWith("SLURMCTLD_OPTIONS=")) {
            return Optional.of(List.of("service-env", "set", arg));
        }
        if (verb.equals("unset-environment") && arg.equals("SLURMCTLD_OPTIONS")) {
            return Optional.of(List.of("service-env", "unset", arg));
        }
        return Optional.empty();
    }

    /** The file command shapes backups and runbooks use, as helper requests (unchecked paths). */
    private static Optional<List<String>> files(List<String> a) {
        String p = a.get(0);
        int n = a.size();
        if (p.equals("cp") && n == 5 && a.get(2).equals("--")) {
            if (a.get(1).equals("-a")) {
                return a.get(3).endsWith("/.") && a.get(4).endsWith("/")
                        ? Optional.of(List.of("copy-contents", trim(a.get(3), 2), trim(a.get(4), 1)))
                        : Optional.of(List.of("copy", a.get(3), a.get(4)));
            }
            if (a.get(1).equals("-p") && a.get(3).equals(a.get(4) + ".old")) {
                return Optional.of(List.of("restore-old", a.get(4)));
            }
        }
        if (p.equals("mkdir") && a.contains("--") && a.indexOf("--") == n - 2) {
            return Optional.of(with("mkdir", a.subList(1, n)));
        }
        if (a.equals(List.of("rm", "-rf", "--", a.get(n - 1))) && n == 4) {
            return Optional.of(List.of("remove", a.get(3)));
        }
        if (p.equals("find") && n >= 3) {
            return find(a);
        }
        if (p.equals("sha256sum") && n >= 2) {
            List<String> f = a.get(1).equals("--") ? a.subList(2, n) : a.subList(1, n);
            return f.isEmpty() ? Optional.empty() : Optional.of(with("sha256", f));
        }
        if (n == 4 && a.subList(0, 3).equals(List.of("base64", "-w", "0"))) {
            return Optional.of(List.of("base64", a.get(3)));
        }
        if (n == 3 && p.equals("cat") && a.get(1).equals("--")) {
            return Optional.of(List.of("read", a.get(2)));
        }
        if (n >= 5 && a.subList(0, 4).equals(List.of("grep", "-H", "-Z", ""))) {
            return Optional.of(with("read-all", a.subList(4, n)));
        }
        if (n == 5 && a.subList(0, 4).equals(List.of("install", "-m", "600", "/dev/null"))) {
            return Optional.of(List.of("create", a.get(4)));
        }
        if (n == 3 && p.equals("dd") && a.get(1).startsWith("of=") && a.get(2).equals("status=none")) {
            return Optional.of(List.of("write", a.get(1).substring(3)));
        }
        return Optional.empty();
    }

    private static Optional<List<String>> find(List<String> a) {
        String dir = a.get(1);
        List<String> rest = a.subList(2, a.size());
        if (rest.equals(List.of("-mindepth", "1", "-delete"))) {
            return Optional.of(List.of("clear", dir));
        }
        if (rest.equals(List.of("-type", "f", "-printf", "%s %P\\n"))) {
            return Optional.of(List.of("list", dir));
        }
        if (rest.equals(List.of("-mindepth", "1"))) {
            return Optional.of(List.of("list-any", dir));
        }
        if (rest.size() == 6 && rest.subList(0, 5).equals(List.of("-mindepth", "2", "-maxdepth", "2", "-name"))) {
            return Optional.of(List.of("find-named", dir, rest.get(5)));
        }
        if (rest.size() == 8 && rest.subList(0, 7).equals(List.of("-mindepth", "2", "-maxdepth", "2", "-type", "d", "-name"))) {
            return Optional.of(List.of("find-named", dir, "d", rest.get(7)));
        }
        return Optional.empty();
    }

    /** The path arguments of a file request (everything but the verb, flags and names). */
    private static List<String> pathsOf(List<String> request) {
        return request.subList(1, request.size()).stream().filter(s -> s.startsWith("/")).toList();
    }

    private boolean privileged(String path) {
        Path p = Path.of(path).normalize();
        return roots.stream().anyMatch(p::startsWith);
    }

    private static List<String> with(String verb, List<String> args) {
        List<String> out = new ArrayList<>(List.of(verb));
        out.addAll(args);
        return out;
    }

    private static String trim(String s, int n) {
        return s.substring(0, s.length() - n);
    }
}
