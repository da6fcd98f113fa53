package io.slurmops.bot.alerts;

import io.slurmops.commands.site.ClusterAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Slurm triggers as an event source: slurmctld runs a small program as SlurmUser when a node goes
 * down, drains or fails, or when slurmdbd is lost. The program drops a file into a spool directory;
 * the watch turns it into an immediate poll of the matching probe, so the alert does not wait for
 * the next scheduled poll. Three parts: {@link TriggerScripts} writes the programs,
 * {@link TriggerRegistration} sets and clears the triggers, {@link TriggerSpool} watches the spool.
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

    private final Path spool;
    private final String slurmUser;
    private final TriggerScripts scripts;
    private final TriggerRegistration registration;
    private final TriggerSpool watch;

    /**
     * Event files must belong to {@code slurmUser}, as slurmctld runs the trigger program as it.
     *
     * @throws IllegalArgumentException when the spool path is not path-safe or the user is unknown
     */
    public TriggerSource(ClusterAccess cluster, Path spool, String slurmUser, Consumer<String> runProbe) {
        this(cluster, spool, slurmUser, uidOf(slurmUser), runProbe);
    }

    /** @param spoolOwnerUid the uid event files must belong to (tests, which write them as themselves) */
    TriggerSource(ClusterAccess cluster, Path spool, String slurmUser, long spoolOwnerUid,
                  Consumer<String> runProbe) {
        this.scripts = new TriggerScripts(spool);
        this.spool = spool.toAbsolutePath().normalize();
        this.slurmUser = slurmUser;
        this.registration = new TriggerRegistration(cluster, scripts, slurmUser);
        this.watch = new TriggerSpool(this.spool, spoolOwnerUid, EVENTS, runProbe);
    }

    public Path program() {
        return scripts.program();
    }

    /** Writes the trigger program, starts watching, and registers the triggers that are missing. */
    public void start() throws IOException {
        prepareSpool();
        scripts.writeProgram();
        watch.start();
        registration.register(EVENTS);
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
    }

    /** The uid of an account, from the account database ({@code getent passwd}, so LDAP/SSSD resolve too). */
    static long uidOf(String user) {
        if (!user.matches("[A-Za-z0-9._][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("alerts.slurmUser `" + user + "` is not a user name");
        }
        try {
            Process p = new ProcessBuilder(List.of("getent", "passwd", user))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String[] f = out.split(":");
            if (p.waitFor() == 0 && f.length > 2 && f[2].matches("\\d+")) {
                return Long.parseLong(f[2]);
            }
        } catch (IOException e) {
            // reported below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalArgumentException("alerts.slurmUser `" + user + "`: no such user on this host");
    }

    @Override
    public void close() {
        watch.close();
    }
}
