package io.slurmops.bot.alerts;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.site.ClusterAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Slurm triggers as an event source: slurmctld runs a small program as SlurmUser when a node goes
 * down, drains or fails, or when slurmdbd is lost. The program drops a file into a spool directory;
 * this watcher turns it into an immediate poll of the matching probe, so the alert does not wait
 * for the next scheduled poll.
 *
 * <p>Works where the bot runs on the controller host as root or SlurmUser (strigger --set needs it).
 */
public final class TriggerSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerSource.class);

    /** strigger event flag → the probe to run when it fires. */
    static final Map<String, String> EVENTS = Map.of(
            "--down", "nodes",
            "--drained", "nodes",
            "--fail", "nodes",
            "--primary_slurmdbd_failure", "accounting",
            "--primary_database_failure", "accounting");

    private final ClusterAccess cluster;
    private final Path spool;
    private final String slurmUser;
    private final Consumer<String> runProbe;
    private volatile WatchService watcher;
    private Thread thread;

    public TriggerSource(ClusterAccess cluster, Path spool, String slurmUser, Consumer<String> runProbe) {
        this.cluster = cluster;
        this.spool = spool.toAbsolutePath();
        this.slurmUser = slurmUser;
        this.runProbe = runProbe;
    }

    public Path program() {
        return spool.getParent().resolve("slurmops-trigger");
    }

    /** Writes the trigger program, registers the triggers that are missing, and starts watching. */
    public void start() throws IOException {
        prepareSpool();
        watcher = FileSystems.getDefault().newWatchService();
        spool.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        thread = new Thread(this::watch, "strigger-watch");
        thread.setDaemon(true);
        thread.start();
        registerTriggers();
    }

    private void prepareSpool() throws IOException {
        Files.createDirectories(spool);
        PosixFileAttributeView view = Files.getFileAttributeView(spool, PosixFileAttributeView.class);
        try {
            UserPrincipal user = spool.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(slurmUser);
            GroupPrincipal group = spool.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(slurmUser);
            view.setOwner(user);
            view.setGroup(group);
        } catch (IOException e) {
            LOG.warn("cannot give the trigger spool {} to {}: {}", spool, slurmUser, e.getMessage());
        }
        Files.setPosixFilePermissions(spool, PosixFilePermissions.fromString("rwxrwx---"));
        // The program only writes a file named after the event; the node list is its argument.
        String script = "#!/bin/sh\n"
                + "# slurmops: Slurm trigger program (written by slurmops; runs as SlurmUser)\n"
                + "event=\"$1\"; shift\n"
                + "f=\"" + spool + "/$(date +%s%N).$event\"\n"
                + "printf '%s\\n' \"$*\" > \"$f.tmp\" && mv \"$f.tmp\" \"$f.evt\"\n";
        Path program = program();
        Files.writeString(program, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void registerTriggers() {
        ExecResult existing = cluster.slurm(asSlurmUser(List.of("strigger", "--get")));
        String have = existing.stdout();
        clearOrphans(have);
        for (Map.Entry<String, String> e : EVENTS.entrySet()) {
            String event = e.getKey().substring(2);
            // One small wrapper per event name keeps the program argument-free, as strigger wants.
            Path wrapper = spool.getParent().resolve("slurmops-trigger-" + event);
            try {
                Files.writeString(wrapper, "#!/bin/sh\nexec " + program() + " " + event + " \"$@\"\n",
                        StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException ex) {
                LOG.warn("cannot write trigger wrapper {}: {}", wrapper, ex.getMessage());
                continue;
            }
            if (have.contains(wrapper.toString())) {
                continue;
            }
            List<String> argv = new ArrayList<>(List.of("strigger", "--set", e.getKey(), "--flags=PERM",
                    "--program=" + wrapper));
            if (e.getValue().equals("nodes")) {
                argv.add(2, "--node");
            }
            ExecResult r = cluster.slurm(asSlurmUser(argv));
            if (!r.ok()) {
                LOG.warn("strigger {} not set: {}", e.getKey(), r.combinedOutput().strip());
            } else {
                LOG.info("strigger {} set", e.getKey());
            }
        }
    }

    /**
     * Triggers are permanent cluster state: a slurmops whose spool is gone (a removed install, a test's
     * temporary directory) leaves triggers whose program no longer exists. They are removed here.
     */
    private void clearOrphans(String strigger) {
        for (String line : strigger.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 2 || !f[0].matches("\\d+")) {
                continue;
            }
            String program = f[f.length - 1];
            if (program.contains("/slurmops-trigger-") && !Files.exists(Path.of(program))) {
                ExecResult r = cluster.slurm(asSlurmUser(List.of("strigger", "--clear", "--id=" + f[0])));
                LOG.info("strigger {} for the missing program {} cleared: {}", f[0], program,
                        r.ok() ? "ok" : r.combinedOutput().strip());
            }
        }
    }

    /** slurmctld accepts triggers only from SlurmUser ("Attempt to set trigger by uid 0 != SlurmUser"). */
    private List<String> asSlurmUser(List<String> argv) {
        if (!io.slurmops.adapters.os.ProcessUser.isRoot()) {
            return argv;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", slurmUser, "--"));
        wrapped.addAll(argv);
        return wrapped;
    }

    private void watch() {
        try {
            drainSpool();
            while (true) {
                WatchKey key = watcher.take();
                key.pollEvents();
                drainSpool();
                if (!key.reset()) {
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainSpool() {
        // Events that piled up (e.g. while no bot ran) collapse into one poll per probe: a probe looks
        // at the cluster as it is now, whatever fired.
        java.util.Set<String> probes = new java.util.LinkedHashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(spool, "*.evt")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String event = name.substring(name.indexOf('.') + 1, name.length() - ".evt".length());
                probes.add(EVENTS.getOrDefault("--" + event, "nodes"));
                LOG.info("slurm trigger {} fired: {}", event, Files.readString(f).strip());
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            LOG.warn("cannot read trigger spool {}: {}", spool, e.getMessage());
        }
        probes.forEach(runProbe);
    }

    @Override
    public void close() {
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
