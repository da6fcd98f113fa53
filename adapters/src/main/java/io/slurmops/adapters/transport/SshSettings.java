package io.slurmops.adapters.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link SshTransport} connects. Key authentication and strict host key checking only: there is
 * deliberately no password and no "accept unknown hosts" setting.
 *
 * @param user                  remote login name
 * @param port                  default SSH port (22)
 * @param privateKey            OpenSSH/PKCS#8/PuTTY private key file
 * @param keyPassphrase         passphrase of the key, or null; never printed by {@link #toString()}
 * @param knownHosts            OpenSSH known_hosts file; it must exist
 * @param connectTimeout        TCP connect, and each handshake/authentication step
 * @param defaultCommandTimeout for commands built with {@link SshTransport#command}
 * @param keepAliveInterval     keepalive@openssh.com interval on pooled connections; zero disables
 * @param idleExpiry            a pooled connection unused this long is closed
 * @param maxSessionsPerHost    concurrent sessions (channels) per host; keep it below the server's
 *                              MaxSessions (OpenSSH: 10)
 * @param maxOutputBytes        bytes kept per stream (stdout, stderr) of one command
 * @param maxPooledConnections  connections kept open at once; beyond it the least recently used one
 *                              is closed (when its last command ends). Bounds memory on big clusters:
 *                              each pooled sshj connection holds buffers and a reader thread.
 * @param endpoints             per-host address/port overrides; known_hosts is matched against the
 *                              address actually dialled, as OpenSSH does without HostKeyAlias
 */
public record SshSettings(String user, int port, Path privateKey, String keyPassphrase, Path knownHosts,
                          Duration connectTimeout, Duration defaultCommandTimeout, Duration keepAliveInterval,
                          Duration idleExpiry, int maxSessionsPerHost, int maxOutputBytes,
                          int maxPooledConnections, Map<String, Endpoint> endpoints) {

    public static final int DEFAULT_PORT = 22;
    public static final int DEFAULT_MAX_SESSIONS_PER_HOST = 8;
    public static final int DEFAULT_MAX_POOLED_CONNECTIONS = 2048;

    public SshSettings {
        requireText(user, "user");
        checkPort(port);
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(knownHosts, "knownHosts");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(defaultCommandTimeout, "defaultCommandTimeout");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        if (keepAliveInterval.isNegative()) {
            throw new IllegalArgumentException("keepAliveInterval must not be negative");
        }
        requirePositive(idleExpiry, "idleExpiry");
        if (maxSessionsPerHost < 1) {
            throw new IllegalArgumentException("maxSessionsPerHost must be at least 1: " + maxSessionsPerHost);
        }
        if (maxPooledConnections < 1) {
            throw new IllegalArgumentException("maxPooledConnections must be at least 1: " + maxPooledConnections);
        }
        if (maxOutputBytes < 0) {
            throw new IllegalArgumentException("maxOutputBytes must not be negative: " + maxOutputBytes);
        }
        endpoints = Map.copyOf(endpoints);
    }

    public static Builder builder(String user, Path privateKey, Path knownHosts) {
        return new Builder(user, privateKey, knownHosts);
    }

    /** Where to dial for {@code host}: its override, or the host itself on {@link #port()}. */
    public Endpoint endpointFor(String host) {
        Endpoint override = endpoints.get(host);
        return override != null ? override : new Endpoint(host, port);
    }

    /** Like the generated one, but the passphrase never reaches a log line. */
    @Override
    public String toString() {
        return "SshSettings[user=" + user + ", port=" + port + ", privateKey=" + privateKey
                + ", keyPassphrase=" + (keyPassphrase == null ? "none" : "<redacted>")
                + ", knownHosts=" + knownHosts + ", connectTimeout=" + connectTimeout
                + ", defaultCommandTimeout=" + defaultCommandTimeout + ", keepAliveInterval=" + keepAliveInterval
                + ", idleExpiry=" + idleExpiry + ", maxSessionsPerHost=" + maxSessionsPerHost
                + ", maxOutputBytes=" + maxOutputBytes + ", maxPooledConnections=" + maxPooledConnections
                + ", endpoints=" + endpoints + "]";
    }

    /** A network address and port to dial. */
    public record Endpoint(String address, int port) {
        public Endpoint {
            requireText(address, "address");
            checkPort(port);
        }

        @Override
        public String toString() {
            return address + ":" + port;
        }
    }

    /** Defaults: port 22, connect 10 s, command 60 s, keepalive 30 s, idle 5 min, 8 sessions, 4 MiB. */
    public static final class Builder {
        private final String user;
        private final Path privateKey;
        private final Path knownHosts;
        private int port = DEFAULT_PORT;
        private String keyPassphrase;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration defaultCommandTimeout = Duration.ofSeconds(60);
        private Duration keepAliveInterval = Duration.ofSeconds(30);
        private Duration idleExpiry = Duration.ofMinutes(5);
        private int maxSessionsPerHost = DEFAULT_MAX_SESSIONS_PER_HOST;
        private int maxOutputBytes = LocalTransport.DEFAULT_MAX_OUTPUT_BYTES;
        private int maxPooledConnections = DEFAULT_MAX_POOLED_CONNECTIONS;
        private final Map<String, Endpoint> endpoints = new HashMap<>();

        private Builder(String user, Path privateKey, Path knownHosts) {
            this.user = user;
            this.privateKey = privateKey;
            this.knownHosts = knownHosts;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder keyPassphrase(String passphrase) {
            this.keyPassphrase = passphrase;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder defaultCommandTimeout(Duration timeout) {
            this.defaultCommandTimeout = timeout;
            return this;
        }

        public Builder keepAliveInterval(Duration interval) {
            this.keepAliveInterval = interval;
            return this;
        }

        public Builder idleExpiry(Duration expiry) {
            this.idleExpiry = expiry;
            return this;
        }

        public Builder maxSessionsPerHost(int max) {
            this.maxSessionsPerHost = max;
            return this;
        }

        public Builder maxOutputBytes(int max) {
            this.maxOutputBytes = max;
            return this;
        }

        public Builder maxPooledConnections(int max) {
            this.maxPooledConnections = max;
            return this;
        }

        public Builder endpoint(String host, String address, int port) {
            endpoints.put(host, new Endpoint(address, port));
            return this;
        }

        public SshSettings build() {
            return new SshSettings(user, port, privateKey, keyPassphrase, knownHosts, connectTimeout,
                    defaultCommandTimeout, keepAliveInterval, idleExpiry, maxSessionsPerHost, maxOutputBytes,
                    maxPooledConnections, endpoints);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
