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
 * whoever can write the store can vote. The directory is created 0700 and the files set 0600; a
 * directory or file that group or others can write is refused at start, with the chmod that fixes it.
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
        Path dir = database.getParent();
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, DIR);
                return;
            }
            refuseIfOthersWrite(dir, "chmod 700 " + dir);
            for (Path f : storeFiles(database)) {
                refuseIfOthersWrite(f, "chmod 600 " + f);
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
