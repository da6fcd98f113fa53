package io.slurmops.bot.privilege;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * What the root helper may do, from a root-owned file the wrapper script names (never from the caller):
 * the units it may start and stop, the service manager, SlurmUser, and the directories it may read and write.
 * A file that someone other than root could change is refused, since it would widen what root does.
 *
 * <pre>
 * units = slurmctld slurmdbd munge mariadb
 * serviceManager = /bin/systemctl
 * slurmUser = slurm
 * strigger = /usr/bin/strigger
 * triggerDir = /var/lib/slurmops/state
 * readPaths = /etc/slurm
 * writePaths = /var/spool/slurmctld /var/lib/slurmops/backups
 * log = /var/log/slurmops/root-helper.log
 * </pre>
 */
record HelperPolicy(Set<String> units, List<String> serviceManager, String slurmUser, String runuser, String strigger,
                    Path triggerDir, List<Path> readPaths, List<Path> writePaths, Path log) {

    static final Set<String> KEYS = Set.of("units", "serviceManager", "slurmUser", "runuser", "strigger", "triggerDir",
            "readPaths", "writePaths", "log");

    HelperPolicy {
        units = Set.copyOf(units);
        serviceManager = List.copyOf(serviceManager);
        readPaths = List.copyOf(readPaths);
        writePaths = List.copyOf(writePaths);
    }

    /** Reads the policy; throws with the reason when the file is missing, unsafe or incomplete. */
    static HelperPolicy load(Path file, boolean requireRootOwner) throws IOException {
        if (requireRootOwner) {
            requireOnlyRootCanWrite(file);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        for (String k : p.stringPropertyNames()) {
            if (!KEYS.contains(k)) {
                throw new IOException(file + ": unknown key " + k + " (known: " + KEYS + ")");
            }
        }
        return new HelperPolicy(Set.copyOf(words(p, file, "units")), words(p, file, "serviceManager"),
                one(p, file, "slurmUser", null), one(p, file, "runuser", "/usr/sbin/runuser"),
                one(p, file, "strigger", "/usr/bin/strigger"), Path.of(one(p, file, "triggerDir", "/nonexistent")),
                paths(p, "readPaths"), paths(p, "writePaths"), Path.of(one(p, file, "log", "/var/log/slurmops/root-helper.log")));
    }

    private static void requireOnlyRootCanWrite(Path file) throws IOException {
        for (Path p = file.toAbsolutePath(); p != null; p = p.getParent()) {
            Object uid = Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            if (((Number) uid).intValue() != 0 || perms.contains(PosixFilePermission.GROUP_WRITE)
                    || perms.contains(PosixFilePermission.OTHERS_WRITE) || Files.isSymbolicLink(p)) {
                throw new IOException(p + " must be a root-owned real file or directory that group and others cannot write"
                        + " (the helper's policy decides what runs as root)");
            }
        }
    }

    private static List<String> words(Properties p, Path file, String key) throws IOException {
        List<String> w = Arrays.stream(p.getProperty(key, "").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        if (w.isEmpty()) {
            throw new IOException(file + ": " + key + " is required");
        }
        return w;
    }

    private static String one(Properties p, Path file, String key, String def) throws IOException {
        String v = p.getProperty(key, "").trim();
        if (v.isEmpty() && def == null) {
            throw new IOException(file + ": " + key + " is required");
        }
        return v.isEmpty() ? def : v;
    }

    private static List<Path> paths(Properties p, String key) {
        return Arrays.stream(p.getProperty(key, "").trim().split("\\s+")).filter(s -> s.startsWith("/") && s.length() > 1)
                .map(Path::of).toList();
    }
}
