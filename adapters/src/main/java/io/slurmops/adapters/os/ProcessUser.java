package io.slurmops.adapters.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Who this process runs as, from the kernel rather than the {@code user.name} property (which
 * {@code -Duser.name=} or {@code SLURMOPS_JAVA_OPTS} can set to anyone): the real uid from
 * {@code /proc/self/status}, its name from the account database through {@code getent passwd}.
 */
public final class ProcessUser {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessUser() {
    }

    /** The real uid of this process. */
    public static long realUid() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read the process's uid from " + STATUS + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException(STATUS + " has no Uid line");
    }

    public static boolean isRoot() {
        return realUid() == 0;
    }

    /**
     * The account name of the real uid ({@code getent passwd UID}, so LDAP/SSSD accounts resolve too);
     * the number itself when the account database does not know it.
     */
    public static String realUserName() {
        long uid = realUid();
        try {
            Process p = new ProcessBuilder(List.of("getent", "passwd", Long.toString(uid)))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() == 0) {
                String name = out.split(":", 2)[0].strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException e) {
            // getent missing: fall through to the number
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Long.toString(uid);
    }
}
