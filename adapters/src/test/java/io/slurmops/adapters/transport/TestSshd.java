package io.slurmops.adapters.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway OpenSSH server on 127.0.0.1 for one test class: {@code /usr/sbin/sshd -D -e} with its
 * own config, host key, client key and known_hosts in a temp directory, key authentication only.
 * It logs in as the dedicated user {@value #USER} (created if missing, shell /bin/sh) so that no
 * login script prints noise on stderr. Stopped by its own PID after the class.
 *
 * <pre>{@code @RegisterExtension static final TestSshd SSHD = new TestSshd();}</pre>
 */
public final class TestSshd implements BeforeAllCallback, AfterAllCallback {

    public static final String USER = "slurmops-test";
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private final List<String> extraConfig;
    private Path dir;
    private Path config;
    private Path log;
    private Path clientKey;
    private Path knownHosts;
    private int port;
    private Process process;

    /** @param extraConfig sshd_config lines added to the fixture's own, e.g. "MaxSessions 2" */
    public TestSshd(String... extraConfig) {
        this.extraConfig = List.of(extraConfig);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // It creates a user and runs sshd: root's work, so never part of the fast tier (-DexcludedGroups=lab).
        org.junit.jupiter.api.Assumptions.assumeFalse(io.slurmops.testing.LabCluster.labExcluded(),
                "the lab group is excluded: no sshd as root");
        if (!Files.isExecutable(SSHD) || !Files.isExecutable(SSH_KEYGEN)) {
            // A fresh machine: the lab script installs OpenSSH (and starts the lab).
            io.slurmops.testing.LabCluster.ensureUp();
        }
        assertTrue(Files.isExecutable(SSHD) && Files.isExecutable(SSH_KEYGEN), "OpenSSH server is not installed");
        ensureTestUser();
        // sshd re-reads authorized_keys as the target user: the directory must be traversable by it.
        dir = Files.createTempDirectory("slurmops-sshd-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createDirectories(Path.of("/run/sshd")); // privilege separation directory
        Path hostKey = generateKey("ssh_host_ed25519_key");
        clientKey = generateKey("id_ed25519");
        Path authorizedKeys = dir.resolve("authorized_keys");
        Files.copy(Path.of(clientKey + ".pub"), authorizedKeys);
        Files.setPosixFilePermissions(authorizedKeys, PosixFilePermissions.fromString("rw-r--r--"));
        port = freePort();
        knownHosts = writeKnownHosts("known_hosts", Path.of(hostKey + ".pub"));
        log = dir.resolve("sshd.log");
        config = dir.resolve("sshd_config");
        List<String> lines = new ArrayList<>(List.of(
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorizedKeys,
                "StrictModes no",
                "UsePAM no",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "AllowUsers " + USER,
                "LogLevel VERBOSE"));
        lines.addAll(extraConfig);
        Files.writeString(config, String.join("\n", lines) + "\n");
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public int port() {
        return port;
    }

    public Path clientKey() {
        return clientKey;
    }

    public Path knownHosts() {
        return knownHosts;
    }

    /** Settings that reach this server as {@value #USER} with short timeouts. */
    public SshSettings.Builder settings() {
        return SshSettings.builder(USER, clientKey, knownHosts).port(port)
                .connectTimeout(java.time.Duration.ofSeconds(5));
    }

    /** How many logins the server accepted so far (one per SSH connection). */
    public long acceptedLogins() throws IOException {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains("Accepted publickey for " + USER)).count();
        }
    }

    public String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** A fresh key pair the server does not know. */
    public Path unauthorizedKey() throws IOException, InterruptedException {
        return generateKey("stranger_" + System.nanoTime());
    }

    /** A known_hosts file that lists a different key for this server's address and port. */
    public Path knownHostsWithWrongKey() throws IOException, InterruptedException {
        Path otherHostKey = generateKey("other_host_" + System.nanoTime());
        return writeKnownHosts("known_hosts_wrong_" + System.nanoTime(), Path.of(otherHostKey + ".pub"));
    }

    /** Kills the server with every connection it serves, then starts it again on the same port. */
    public void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    private void start() throws IOException, InterruptedException {
        long before = Files.exists(log) ? countListening() : 0;
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (countListening() == before) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("sshd did not start:\n" + logText());
            }
            Thread.sleep(20);
        }
    }

    private long countListening() throws IOException {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains("Server listening on 127.0.0.1 port " + port)).count();
        }
    }

    /** SIGTERM to the listener and its per-connection children (our own PIDs only), then SIGKILL. */
    private void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            process.waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle handle : tree) {
            handle.onExit().completeOnTimeout(handle, 5, TimeUnit.SECONDS).join();
        }
        process = null;
    }

    private Path generateKey(String name) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        run(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString());
        return key;
    }

    private Path writeKnownHosts(String name, Path hostPublicKey) throws IOException {
        String[] fields = Files.readString(hostPublicKey).trim().split("\\s+");
        Path file = dir.resolve(name);
        Files.writeString(file, "[127.0.0.1]:" + port + " " + fields[0] + " " + fields[1] + "\n");
        return file;
    }

    private static void ensureTestUser() throws IOException, InterruptedException {
        if (exitCode("id", "-u", USER) != 0) {
            exitCode("useradd", "-m", "-s", "/bin/sh", USER); // may race with another fixture: re-check
            if (exitCode("id", "-u", USER) != 0) {
                throw new IllegalStateException("cannot create test user " + USER);
            }
        }
        // A '!' (locked) password makes sshd refuse even key logins when PAM is off; '*' does not.
        run("usermod", "-p", "*", USER);
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        int code = exitCode(argv);
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " exited with " + code);
        }
    }

    private static int exitCode(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", argv) + " did not finish");
        }
        return p.exitValue();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
