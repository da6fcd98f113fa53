package io.slurmops.bot.privilege;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Decides whether a path argument lies under one of the helper's directories, on the real path (links
 * resolved): {@code /var/lib/slurmops/backups/../../../etc/shadow} or a link out of the tree is refused.
 */
final class PathRule {

    private PathRule() {
    }

    /** An existing path under (or equal to, unless {@code strictlyBelow}) one of {@code roots}; its real path. */
    static Path existing(String arg, List<Path> roots, boolean strictlyBelow) throws HelperRefusal {
        Path p = plainAbsolute(arg);
        Path real;
        try {
            real = p.toRealPath();
        } catch (IOException e) {
            throw new HelperRefusal(arg + " does not exist");
        }
        return under(arg, real, roots, strictlyBelow);
    }

    /**
     * A path that may not exist yet (a copy's target, a new directory or file): the nearest existing
     * ancestor is resolved, and what follows it must be plain names. Must lie strictly below a root.
     */
    static Path creatable(String arg, List<Path> roots) throws HelperRefusal {
        return creatable(arg, roots, true);
    }

    /** As {@link #creatable(String, List)}; {@code strictlyBelow} false lets {@code mkdir -p} name a root itself. */
    static Path creatable(String arg, List<Path> roots, boolean strictlyBelow) throws HelperRefusal {
        Path p = plainAbsolute(arg);
        Path existing = p;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new HelperRefusal(arg + " has no existing parent");
        }
        try {
            Path real = existing.toRealPath().resolve(existing.relativize(p));
            return under(arg, real, roots, strictlyBelow);
        } catch (IOException e) {
            throw new HelperRefusal(arg + ": " + e.getMessage());
        }
    }

    private static Path plainAbsolute(String arg) throws HelperRefusal {
        if (arg.isEmpty() || !arg.startsWith("/") || arg.indexOf('\0') >= 0 || arg.contains("\n")) {
            throw new HelperRefusal("`" + arg + "` is not an absolute path");
        }
        Path p = Path.of(arg);
        for (Path name : p) {
            if (name.toString().equals("..") || name.toString().equals(".")) {
                throw new HelperRefusal("`" + arg + "` contains . or ..");
            }
        }
        return p;
    }

    private static Path under(String arg, Path real, List<Path> roots, boolean strictlyBelow) throws HelperRefusal {
        for (Path root : roots) {
            Path r;
            try {
                r = root.toRealPath();
            } catch (IOException e) {
                continue;
            }
            if (real.startsWith(r) && !(strictlyBelow && real.equals(r))) {
                return real;
            }
        }
        throw new HelperRefusal(arg + (strictlyBelow ? " is not below " : " is not under ") + "the helper's directories " + roots);
    }
}
