package io.slurmops.adapters.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded store's files belong to the account running slurmops alone: a vote is a row, so
 * whoever can write the store can vote. The directory is created 0700; an existing one must be owned by
 * the running account (refused otherwise: its owner could plant rows or swap files) and must not be
 * writable by group or others (refused, with the chmod: they may have written already); one that group
 * or others may only read or enter is repaired to 0700. Store files are refused the same way when
 * others can write them and set to 0600 at open and at close.
 *
 * <p>Why the directory and not a umask: Java cannot set the process umask, and a umask set by a launcher
 * does not cover {@code java -jar} run by hand; H2 creates further files later (.trace.db on an error,
 * .lock.db, temp files) with whatever mode the umask gives. A 0700 directory owned by the running account
 * keeps every file in it, present or future, out of others' reach whatever its own mode, so that is what
 * is checked at every start. (The systemd unit also sets UMask=0077, as a second layer.)
 */
final class StoreFiles {

    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private StoreFiles() {
    }

    /** The database path of an embedded H2 file URL ({@code jdbc:h2:file:/var/lib/slurmops/store}); else empty. */
    static Optional<Path> h2File(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        String restLower = rest.toLowerCase(Locale.ROOT);
        if (restLower.startsWith("mem:") || restLower.startsWith("tcp:") || restLower.startsWith("ssl:")
                || restLower.startsWith("zip:")) {
            return Optional.empty();
        }
        if (restLower.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        int semicolon = rest.indexOf(';');
        String path = semicolon < 0 ? rest : rest.substring(0, semicolon);
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return path.isBlank() ? Optional.empty() : Optional.of(Path.of(path).toAbsolutePath().normalize());
    }

    /** Before opening: creates the directory 0700, or refuses one (or a store file) others can write. */
    static void prepare(Path database) {
        prepare(database, io.slurmops.adapters.os.ProcessUser.realUserName());
    }

    /** {@link #prepare(Path)} for the account {@code runningAs} (the real uid's name). */
    static void prepare(Path database, String runningAs) {
        Path dir = database.getParent();
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                if (dir.getParent() != null) {
                    Files.createDirectories(dir.getParent());
                }
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
                Files.setPosixFilePermissions(dir, DIR);
                return;
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new StoreException(dir + " is not a directory (a link is not followed for the store); "
                        + "give store.url a path in a directory of its own");
            }
            refuseIfNotOwnedBy(dir, runningAs);
            refuseIfOthersWrite(dir, "chmod 700 " + dir);
            repairIfOthersMayRead(dir, DIR);
            for (Path f : storeFiles(database)) {
                refuseIfNotOwnedBy(f, runningAs);
                refuseIfOthersWrite(f, "chmod 600 " + f);
                repairIfOthersMayRead(f, FILE);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw new StoreException("cannot prepare the store directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** After opening: the files H2 created (with the umask's mode) are made the owner's only. */
    static void restrict(Path database) {
        try {
            for (Path f : storeFiles(database)) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(f, FILE);
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the 0700 directory already keeps others out
        }
    }

    private static void refuseIfNotOwnedBy(Path p, String runningAs) throws IOException {
        String owner = Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
        if (!owner.equals(runningAs)) {
            throw new StoreException(p + " is owned by " + owner + ", not by " + runningAs + " who runs slurmops; "
                    + "its owner could write votes into the store. Use a store directory of " + runningAs
                    + "'s own, or fix it with: chown -R " + runningAs + " " + p);
        }
    }

    /** Group or others may read or enter but not write: nothing was planted, so take their access away. */
    private static void repairIfOthersMayRead(Path p, Set<PosixFilePermission> wanted) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        boolean others = perms.stream().anyMatch(x -> x.name().startsWith("GROUP_") || x.name().startsWith("OTHERS_"));
        if (others) {
            Files.setPosixFilePermissions(p, wanted);
        }
    }

    private static void refuseIfOthersWrite(Path p, String fix) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new StoreException(p + " is writable by group or others, who could then vote by writing rows; "
                    + "fix it with: " + fix);
        }
    }

    /** store.mv.db, store.lock.db, store.trace.db, … of the database {@code store}. */
    private static java.util.List<Path> storeFiles(Path database) throws IOException {
        java.util.List<Path> out = new java.util.ArrayList<>();
        String base = database.getFileName().toString() + ".";
        try (DirectoryStream<Path> s = Files.newDirectoryStream(database.getParent(), base + "*")) {
            s.forEach(out::add);
        }
        return out;
    }
}
