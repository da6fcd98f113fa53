package io.slurmops.bot.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a configuration file may grant {@code console.switchUser} (acting as someone else with
 * {@code --as}/{@code /as}): only when nobody but root or the service account could have written it.
 * Otherwise anyone could write their own configuration with {@code switchUser: true} and vote as
 * someone else.
 *
 * <p>The path is resolved to the real file first (links followed), and then the real file and every
 * directory from it up to {@code /} must be owned by root or {@value #SERVICE_ACCOUNT} and not writable
 * by group or others — except a sticky directory owned by root such as {@code /tmp}, where others may
 * create files but not replace ours. A writable directory anywhere on the way would let someone swap
 * the file or a directory under it. {@link #read} checks, reads the bytes from the real path, and
 * checks again that the same file (device and inode, size, time) is still there unchanged: the bytes
 * used are the bytes that were checked, not whatever a link points at a moment later.
 */
public final class ConfigFileTrust {

    /** The dedicated service account a site may run the bot as (User=slurmops in its systemd unit). */
    public static final String SERVICE_ACCOUNT = "slurmops";
    private static final Set<String> TRUSTED_OWNERS = Set.of("root", SERVICE_ACCOUNT);
    /** Configuration files are small; a bigger one is not read whole into memory. */
    private static final long MAX_BYTES = 4L << 20;

    /**
     * A configuration file's text and the verdict on it.
     *
     * @param realPath     the file read, links resolved
     * @param whyUntrusted empty when only root or the service account could have written it
     */
    public record Read(String text, Path realPath, Optional<String> whyUntrusted) {
        public Read {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(whyUntrusted, "whyUntrusted");
        }
    }

    private ConfigFileTrust() {
    }

    /** Empty when the file is trustworthy now; otherwise every reason why not, with what to do. */
    public static Optional<String> whyUntrusted(Path file) {
        try {
            return verdict(chain(file.toRealPath()));
        } catch (IOException e) {
            return Optional.of("cannot resolve " + file + ": " + e.getMessage());
        }
    }

    /**
     * Reads the file once and judges exactly what was read.
     *
     * @throws NoSuchFileException when there is no such file
     * @throws IOException         when it cannot be read
     */
    public static Read read(Path file) throws IOException {
        Path real = file.toRealPath();
        List<Snapshot> before = chain(real);
        String text = readOnce(real);
        List<Snapshot> after = chain(real);
        Optional<String> why = before.equals(after) ? verdict(before)
                : Optional.of(real + " or a directory above it changed while it was read; run the command again");
        return new Read(text, real, why);
    }

    private static String readOnce(Path real) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (ch.size() > MAX_BYTES) {
                throw new IOException(real + " is larger than " + MAX_BYTES + " bytes; not a configuration file");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) ch.size() + 1);
            while (ch.read(buf) > 0 && buf.hasRemaining()) {
                // read until the end of the file (or one byte past the size it had: then it grew)
            }
            buf.flip();
            return StandardCharsets.UTF_8.decode(buf).toString();
        }
    }

    /** What is checked of one path; equal snapshots before and after a read mean it was not swapped. */
    private record Snapshot(Path path, boolean directory, boolean regular, String owner, Set<PosixFilePermission> perms,
                            boolean sticky, Object fileKey, long size, long modified, String unreadable) {
    }

    /** The real file, then each directory above it up to /. */
    private static List<Snapshot> chain(Path real) {
        List<Snapshot> out = new ArrayList<>();
        for (Path p = real; p != null; p = p.getParent()) {
            out.add(snapshot(p));
        }
        return out;
    }

    private static Snapshot snapshot(Path p) {
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            boolean sticky = a.isDirectory() && isSticky(p);
            // A directory's size and time change whenever anyone adds a file to it (/tmp all the time): only its
            // identity, owner and mode say whether it was swapped or opened up; the file's own size and time count.
            boolean dir = a.isDirectory();
            return new Snapshot(p, dir, a.isRegularFile(), a.owner().getName(), Set.copyOf(a.permissions()),
                    sticky, a.fileKey(), dir ? 0 : a.size(), dir ? 0 : a.lastModifiedTime().toMillis(), null);
        } catch (IOException | UnsupportedOperationException e) {
            return new Snapshot(p, false, false, "", Set.of(), false, null, 0, 0, String.valueOf(e.getMessage()));
        }
    }

    /** The sticky bit is not in PosixFilePermission; the unix view's mode has it (Linux and macOS JDKs). */
    private static boolean isSticky(Path dir) {
        try {
            Object mode = Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer m && (m & 01000) != 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Every problem of the whole chain at once, so one round of fixes is enough. */
    private static Optional<String> verdict(List<Snapshot> chain) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            Snapshot s = chain.get(i);
            if (s.unreadable() != null) {
                problems.add("cannot read the owner and mode of " + s.path() + ": " + s.unreadable());
                continue;
            }
            if (i == 0 && !s.regular()) {
                problems.add(s.path() + " is not a regular file");
            }
            boolean stickyRootDir = s.directory() && s.sticky() && s.owner().equals("root");
            if (!TRUSTED_OWNERS.contains(s.owner())) {
                problems.add(s.path() + " is owned by " + s.owner() + ", not root or " + SERVICE_ACCOUNT + " (chown root "
                        + s.path() + ")");
            }
            boolean othersWrite = s.perms().contains(PosixFilePermission.GROUP_WRITE)
                    || s.perms().contains(PosixFilePermission.OTHERS_WRITE);
            if (othersWrite && !stickyRootDir) {
                problems.add(s.path() + " is writable by group or others (chmod go-w " + s.path() + ")");
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
}
