package io.slurmops.testing;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.Transport;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.site.SiteProfile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A small Slurm cluster behind the {@link Transport} interface — the network edge — for fast tests:
 * it answers sinfo, squeue, scontrol (ping, update, reconfig, hold …), systemctl, sha256sum, base64,
 * find, cp, mkdir and install from an in-memory state that commands really change, and records every argv it ran.
 * Hooks let a test make one host fail or block.
 */
public final class FakeCluster implements Transport {

    public static final String CONTROLLER = "ctl";

    /** A node as sinfo reports it. */
    public record Node(String state, String reason) {
    }

    /** A job as squeue reports it. */
    public record Job(String id, String user, String name, String state, String reason, String node) {
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Job> jobs = new ArrayList<>();
    /** Partition → its nodes; a node in none is in {@link #DEFAULT_PARTITION}. */
    private final Map<String, Set<String>> partitions = new java.util.TreeMap<>();
    public static final String DEFAULT_PARTITION = "debug";
    private final Map<String, Set<String>> active = new HashMap<>();
    private final Map<String, Map<String, byte[]>> files = new HashMap<>();
    private final List<HostCommand> ran = new CopyOnWriteArrayList<>();
    private final List<Function<HostCommand, Optional<ExecResult>>> hooks = new CopyOnWriteArrayList<>();

    /** node001..nodeN, idle; slurmctld, slurmdbd, mariadb, munge up on the controller; slurmd, munge on nodes. */
    public static FakeCluster withNodes(int n) {
        FakeCluster c = new FakeCluster();
        for (int i = 1; i <= n; i++) {
            String name = String.format("node%03d", i);
            c.nodes.put(name, new Node("idle", ""));
            c.active.put(name, new HashSet<>(Set.of("slurmd", "munge")));
        }
        c.active.put(CONTROLLER, new HashSet<>(Set.of("slurmctld", "slurmdbd", "mariadb", "munge")));
        return c;
    }

    /** A site whose controller is {@link #CONTROLLER} and whose services are managed by systemctl. */
    public static SiteProfile site() {
        return new SiteProfile("test", CONTROLLER, "", "", List.of("systemctl"), List.of("systemctl"), Map.of(),
                Map.of(), Map.of(), "/etc/slurm/slurm.conf", "/etc/munge/munge.key", Duration.ofSeconds(20),
                Duration.ofSeconds(30), 8);
    }

    public synchronized FakeCluster node(String name, String state, String reason) {
        nodes.put(name, new Node(state, reason));
        return this;
    }

    /** Puts these nodes in partition {@code name} (also) instead of the default one. */
    public synchronized FakeCluster partition(String name, String... nodeNames) {
        partitions.computeIfAbsent(name, k -> new java.util.LinkedHashSet<>()).addAll(List.of(nodeNames));
        return this;
    }

    public synchronized Node node(String name) {
        return nodes.get(name);
    }

    public synchronized FakeCluster job(String id, String user, String name, String state, String reason, String node) {
        jobs.add(new Job(id, user, name, state, reason, node));
        return this;
    }

    public synchronized FakeCluster service(String host, String unit, boolean up) {
        Set<String> s = active.computeIfAbsent(host, h -> new HashSet<>());
        if (up) {
            s.add(unit);
        } else {
            s.remove(unit);
        }
        return this;
    }

    public synchronized boolean serviceUp(String host, String unit) {
        return active.getOrDefault(host, Set.of()).contains(unit);
    }

    public synchronized FakeCluster file(String host, String path, byte[] content) {
        files.computeIfAbsent(host, h -> new HashMap<>()).put(path, content.clone());
        return this;
    }

    public synchronized byte[] file(String host, String path) {
        byte[] b = files.getOrDefault(host, Map.of()).get(path);
        return b == null ? null : b.clone();
    }

    /** Runs before the fake's own behaviour; a non-empty answer replaces it (fail a host, block, slow down). */
    public FakeCluster hook(Function<HostCommand, Optional<ExecResult>> hook) {
        hooks.add(hook);
        return this;
    }

    /** Every command run, in order. */
    public List<HostCommand> ran() {
        return List.copyOf(ran);
    }

    /** Commands whose argv (after any env prefix) starts with these words. */
    public List<HostCommand> ran(String... argvPrefix) {
        return ran.stream().filter(c -> stripEnv(c.argv()).subList(0, Math.min(argvPrefix.length,
                stripEnv(c.argv()).size())).equals(List.of(argvPrefix))).toList();
    }

    @Override
    public ExecResult exec(HostCommand cmd) {
        ran.add(cmd);
        for (Function<HostCommand, Optional<ExecResult>> h : hooks) {
            Optional<ExecResult> r = h.apply(cmd);
            if (r.isPresent()) {
                return r.get();
            }
        }
        synchronized (this) {
            List<String> argv = stripEnv(cmd.argv());
            return switch (argv.get(0)) {
                case "sinfo" -> ok(cmd, argv.contains("%N|%R") ? sinfoPartitions() : sinfo());
                case "squeue" -> squeue(cmd, argv);
                case "scontrol" -> scontrol(cmd, argv);
                case "systemctl" -> systemctl(cmd, argv);
                case "sha256sum" -> sha256sum(cmd, argv.subList(1, argv.size()));
                case "find" -> find(cmd, argv);
                case "cp" -> copy(cmd, argv.get(argv.size() - 2), argv.get(argv.size() - 1));
                case "mkdir" -> ok(cmd, "");
                case "base64" -> base64(cmd, argv.get(argv.size() - 1));
                case "install" -> install(cmd, argv.get(argv.size() - 1));
                case "chronyc", "nvidia-smi", "true" -> ok(cmd, "");
                default -> ExecResult.exited(cmd, 127, "", argv.get(0) + ": command not found", Duration.ZERO);
            };
        }
    }

    public static ExecResult ok(HostCommand cmd, String out) {
        return ExecResult.exited(cmd, 0, out, "", Duration.ofMillis(1));
    }

    public static ExecResult unreachable(HostCommand cmd) {
        return ExecResult.failed(cmd, FailureKind.UNREACHABLE, "No route to host", "", "", Duration.ofMillis(1));
    }

    private static List<String> stripEnv(List<String> argv) {
        if (!argv.get(0).equals("env")) {
            return argv;
        }
        int i = 1;
        while (i < argv.size() && argv.get(i).contains("=")) {
            i++;
        }
        return argv.subList(i, argv.size());
    }

    private String sinfo() {
        StringBuilder b = new StringBuilder();
        nodes.forEach((name, n) -> b.append(name).append('|').append(n.state()).append('|')
                .append(n.reason().isEmpty() ? "Unknown" : "root").append('|').append("Unknown").append('|')
                .append(n.reason().isEmpty() ? "none" : n.reason()).append('\n'));
        return b.toString();
    }

    /** One line per node and partition, as {@code sinfo -h -o %N|%R} prints it. */
    private String sinfoPartitions() {
        StringBuilder b = new StringBuilder();
        for (String name : nodes.keySet()) {
            List<String> in = partitions.entrySet().stream().filter(e -> e.getValue().contains(name))
                    .map(Map.Entry::getKey).toList();
            (in.isEmpty() ? List.of(DEFAULT_PARTITION) : in).forEach(p -> b.append(name).append('|').append(p).append('\n'));
        }
        return b.toString();
    }

    private ExecResult squeue(HostCommand cmd, List<String> argv) {
        if (!serviceUp(CONTROLLER, "slurmctld")) {
            return ExecResult.exited(cmd, 1, "", "slurm_load_jobs error: Unable to contact slurm controller", Duration.ZERO);
        }
        int w = argv.indexOf("-w");
        int j = argv.indexOf("-j");
        StringBuilder b = new StringBuilder();
        for (Job job : jobs) {
            if (w >= 0 && Hostlist.parse(argv.get(w + 1)).contains(job.node())) {
                b.append(job.id()).append('|').append(job.user()).append('|').append(job.name()).append('|')
                        .append(job.state()).append('\n');
            } else if (j >= 0 && job.id().equals(argv.get(j + 1))) {
                b.append(job.id()).append('|').append(job.user()).append('|').append(job.state()).append('|')
                        .append(job.reason()).append('|').append(job.name()).append('\n');
            }
        }
        return ok(cmd, b.toString());
    }

    private ExecResult scontrol(HostCommand cmd, List<String> argv) {
        boolean up = serviceUp(CONTROLLER, "slurmctld");
        if (argv.get(1).equals("ping")) {
            return ExecResult.exited(cmd, up ? 0 : 1, "Slurmctld(primary) at ctl is " + (up ? "UP" : "DOWN") + "\n",
                    "", Duration.ZERO);
        }
        if (!up) {
            return ExecResult.exited(cmd, 1, "", "Unable to contact slurm controller (connect failure)", Duration.ZERO);
        }
        if (!argv.get(1).equals("update")) {
            return ok(cmd, "");
        }
        Map<String, String> kv = new LinkedHashMap<>();
        argv.subList(2, argv.size()).forEach(a -> kv.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
        List<String> names = Hostlist.parse(kv.get("NodeName")).hosts();
        String state = kv.get("State").toUpperCase();
        for (String name : names) {
            Node n = nodes.get(name);
            if (n == null) {
                return ExecResult.exited(cmd, 1, "", "Invalid node name specified", Duration.ZERO);
            }
            String next = switch (state) {
                case "DRAIN" -> "drained";
                case "DOWN" -> "down";
                case "RESUME", "UNDRAIN" -> n.state().startsWith("idle") ? null : "idle";
                default -> null;
            };
            if (next == null) {
                return ExecResult.exited(cmd, 1, "", "Invalid node state specified", Duration.ZERO);
            }
            nodes.put(name, new Node(next, next.equals("idle") ? "" : kv.getOrDefault("Reason", "")));
        }
        return ok(cmd, "");
    }

    private ExecResult systemctl(HostCommand cmd, List<String> argv) {
        String verb = argv.get(1);
        String unit = argv.get(2);
        Set<String> s = active.computeIfAbsent(cmd.host(), h -> new HashSet<>());
        return switch (verb) {
            case "is-active" -> ExecResult.exited(cmd, s.contains(unit) ? 0 : 3, s.contains(unit) ? "active\n"
                    : "inactive\n", "", Duration.ZERO);
            case "start", "restart" -> {
                s.add(unit);
                yield ok(cmd, "");
            }
            case "stop" -> {
                s.remove(unit);
                yield ok(cmd, "");
            }
            default -> ExecResult.exited(cmd, 1, "", "Unknown command verb " + verb, Duration.ZERO);
        };
    }

    private ExecResult sha256sum(HostCommand cmd, List<String> paths) {
        StringBuilder out = new StringBuilder();
        for (String path : paths) {
            byte[] b = file(cmd.host(), path);
            if (b == null) {
                return ExecResult.exited(cmd, 1, out.toString(), "sha256sum: " + path + ": No such file or directory", Duration.ZERO);
            }
            out.append(sha256(b)).append("  ").append(path).append('\n');
        }
        return ok(cmd, out.toString());
    }

    /** find DIR -type f | -mindepth 1 [-delete]: the files under DIR (the fake has no empty directories). */
    private ExecResult find(HostCommand cmd, List<String> argv) {
        String prefix = argv.get(1).endsWith("/") ? argv.get(1) : argv.get(1) + "/";
        Map<String, byte[]> mine = files.computeIfAbsent(cmd.host(), h -> new HashMap<>());
        List<String> under = mine.keySet().stream().filter(f -> f.startsWith(prefix)).sorted().toList();
        if (argv.contains("-delete")) {
            under.forEach(mine::remove);
            return ok(cmd, "");
        }
        return ok(cmd, under.stream().map(f -> f + "\n").reduce("", String::concat));
    }

    /** cp -a FROM TO with TO not existing: TO becomes a copy of FROM. */
    private ExecResult copy(HostCommand cmd, String from, String to) {
        Map<String, byte[]> mine = files.computeIfAbsent(cmd.host(), h -> new HashMap<>());
        String prefix = from + "/";
        List<String> under = mine.keySet().stream().filter(f -> f.startsWith(prefix)).toList();
        if (under.isEmpty()) {
            return ExecResult.exited(cmd, 1, "", "cp: cannot stat '" + from + "': No such file or directory", Duration.ZERO);
        }
        under.forEach(f -> mine.put(to + "/" + f.substring(prefix.length()), mine.get(f).clone()));
        return ok(cmd, "");
    }

    private ExecResult base64(HostCommand cmd, String path) {
        byte[] b = file(cmd.host(), path);
        if (b == null) {
            return ExecResult.exited(cmd, 1, "", "base64: " + path + ": No such file or directory", Duration.ZERO);
        }
        return ok(cmd, Base64.getEncoder().encodeToString(b));
    }

    private ExecResult install(HostCommand cmd, String path) {
        file(cmd.host(), path, cmd.stdin());
        return ok(cmd, "");
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
