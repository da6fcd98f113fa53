package io.slurmops.bot.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Watches the trigger spool and turns event files into probe runs. The spool is writable by
 * SlurmUser and read by the bot, often as root: an entry is read only when it is a regular file
 * (never through a symlink), has one link (a hard link to a file elsewhere is refused) and belongs
 * to the expected owner. Anything else is logged without its content and removed.
 */
final class TriggerSpool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerSpool.class);
    /** An event file holds a node list; more is not an event. */
    private static final int MAX_BYTES = 4096;

    /** One accepted event file: its event name and (bounded, printable) content. */
    record Event(String name, String detail) {
    }

    private final Path spool;
    private final long ownerUid;
    private final Map<String, String> events;
    private final Consumer<String> runProbe;
    private volatile WatchService watcher;
    private Thread thread;

    /**
     * @param ownerUid the uid event files must belong to (SlurmUser's: slurmctld runs the program as it)
     * @param events   strigger event flag → probe to run
     */
    TriggerSpool(Path spool, long ownerUid, Map<String, String> events, Consumer<String> runProbe) {
        this.spool = spool;
        this.ownerUid = ownerUid;
        this.events = events;
        this.runProbe = runProbe;
    }

    void start() throws IOException {
        watcher = FileSystems.getDefault().newWatchService();
        spool.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        thread = new Thread(this::watch, "strigger-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        try {
            drainAndRun();
            while (true) {
                WatchKey key = watcher.take();
                key.pollEvents();
                drainAndRun();
                if (!key.reset()) {
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainAndRun() {
        // Events that piled up (e.g. while no bot ran) collapse into one poll per probe: a probe looks
        // at the cluster as it is now, whatever fired.
        Set<String> probes = new LinkedHashSet<>();
        for (Event e : drain()) {
            probes.add(events.getOrDefault("--" + e.name(), "nodes"));
            LOG.info("slurm trigger {} fired: {}", e.name(), e.detail());
        }
        probes.forEach(runProbe);
    }

    /** Takes every event file out of the spool; the accepted ones are returned. */
    List<Event> drain() {
        List<Event> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(spool, "*.evt")) {
            for (Path f : files) {
                read(f).ifPresent(out::add);
            }
        } catch (IOException e) {
            LOG.warn("cannot read trigger spool {}: {}", spool, e.getMessage());
        }
        return out;
    }

    private java.util.Optional<Event> read(Path f) {
        String name = f.getFileName().toString();
        String event = name.substring(name.indexOf('.') + 1, name.length() - ".evt".length());
        try {
            String refusal = refusal(f);
            if (refusal != null) {
                LOG.warn("trigger spool: ignoring and removing {} ({})", f, refusal);
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Event(event, printable(readNoFollow(f))));
        } catch (IOException e) {
            LOG.warn("trigger spool: cannot read {}: {}", f, e.getMessage());
            return java.util.Optional.empty();
        } finally {
            removeQuietly(f);
        }
    }

    /** Why {@code f} must not be read, or null when it may. Never follows a link. */
    private String refusal(Path f) throws IOException {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (!a.isRegularFile()) {
            return "not a regular file";
        }
        long uid = ((Number) Files.getAttribute(f, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
        if (uid != ownerUid) {
            return "owned by uid " + uid + ", not " + ownerUid;
        }
        int links = ((Number) Files.getAttribute(f, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        if (links != 1) {
            return links + " hard links";
        }
        return null;
    }

    /** Opens with O_NOFOLLOW: a link swapped in after the checks fails the open instead of being read. */
    private static byte[] readNoFollow(Path f) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(f, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)); InputStream in = Channels.newInputStream(ch)) {
            return in.readNBytes(MAX_BYTES);
        }
    }

    private static String printable(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).strip().replaceAll("[\\p{Cntrl}&&[^\t]]", " ");
    }

    private static void removeQuietly(Path f) {
        try {
            // Deletes the entry itself: for a symlink the link, never its target.
            if (!Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            LOG.warn("trigger spool: cannot remove {}: {}", f, e.getMessage());
        }
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
