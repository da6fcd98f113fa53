package io.slurmops.adapters.transport;

import io.slurmops.adapters.transport.SshSettings.Endpoint;
import io.slurmops.commands.exec.HumanDuration;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * Opens authenticated SSH connections as {@link SshSettings} says: strict known_hosts checking, key
 * authentication only, keepalive (shared, see {@link SharedKeepAlive}), and a timeout on every step of the handshake.
 *
 * <p>The known_hosts file and the key are read once, here, so that a configuration mistake fails
 * when the transport is built rather than on the first command.
 */
final class SshConnector {

    private final SshSettings settings;
    private final DefaultConfig config;
    private final OpenSSHKnownHosts knownHosts;
    private final KeyProvider key;
    private final SharedKeepAlive keepAlive;

    /** @throws IllegalArgumentException when the known_hosts file or the key cannot be used */
    SshConnector(SshSettings settings, SharedKeepAlive keepAlive) {
        this.settings = settings;
        this.keepAlive = keepAlive;
        this.config = new DefaultConfig();
        this.knownHosts = loadKnownHosts(settings);
        this.key = loadKey(settings, config);
    }

    /**
     * Connects, verifies the host key and authenticates; closes the client again on any failure.
     * The whole sequence is bounded by {@link #handshakeLimit}: sshj reads the server's greeting
     * with no socket timeout, so a port that accepts TCP but never speaks would otherwise hang here.
     */
    SSHClient open(String host) throws IOException {
        Endpoint endpoint = settings.endpointFor(host);
        SSHClient client = new SSHClient(config);
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
        client.addHostKeyVerifier(knownHosts);
        client.setConnectTimeout(timeoutMillis);
        client.getTransport().setTimeoutMs(timeoutMillis);
        client.getConnection().setTimeoutMs(timeoutMillis);
        // sshj's own keepalive (a thread per connection) stays off: SharedKeepAlive serves them all.
        client.getConnection().getKeepAlive().setKeepAliveInterval(0);
        HandshakeWatchdog watchdog = new HandshakeWatchdog(client, handshakeLimit());
        try {
            client.connect(endpoint.address(), endpoint.port());
            client.authPublickey(settings.user(), key);
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            if (!watchdog.finish()) {
                throw new HandshakeTimeoutException(endpoint, handshakeLimit());
            }
            throw e;
        }
        if (!watchdog.finish()) {
            // Fired between the last step and here: the client is already closed.
            throw new HandshakeTimeoutException(endpoint, handshakeLimit());
        }
        keepAlive.watch(SharedKeepAlive.peerOf(client));
        return client;
    }

    /** TCP connect plus handshake plus authentication: twice the connect timeout. */
    Duration handshakeLimit() {
        return settings.connectTimeout().multipliedBy(2);
    }

    static void closeQuietly(SSHClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            // closing a broken connection: nothing left to do
        }
    }

    /** Closes the client if the handshake is still running when the limit passes. */
    private static final class HandshakeWatchdog {
        private static final int RUNNING = 0;
        private static final int FINISHED = 1;
        private static final int FIRED = 2;
        private final AtomicInteger state = new AtomicInteger(RUNNING);

        HandshakeWatchdog(SSHClient client, Duration limit) {
            CompletableFuture.delayedExecutor(limit.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (state.compareAndSet(RUNNING, FIRED)) {
                    closeQuietly(client); // unblocks the connecting thread with an I/O error
                }
            });
        }

        /** @return true if we finished in time, false if the watchdog fired (and closed the client) */
        boolean finish() {
            return state.compareAndSet(RUNNING, FINISHED) || state.get() == FINISHED;
        }
    }

    /** The server accepted the connection but did not complete the SSH handshake in time. */
    static final class HandshakeTimeoutException extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;

        HandshakeTimeoutException(Endpoint endpoint, Duration limit) {
            super("no SSH handshake from " + endpoint + " within " + HumanDuration.format(limit));
        }
    }

    private static OpenSSHKnownHosts loadKnownHosts(SshSettings settings) {
        // OpenSSHKnownHosts silently accepts a missing file and then rejects every host; say so now.
        if (!Files.isReadable(settings.knownHosts())) {
            throw new IllegalArgumentException("known_hosts file not found or not readable: " + settings.knownHosts());
        }
        try {
            return new OpenSSHKnownHosts(settings.knownHosts().toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read known_hosts " + settings.knownHosts() + ": " + e.getMessage(), e);
        }
    }

    private static KeyProvider loadKey(SshSettings settings, DefaultConfig config) {
        if (!Files.isReadable(settings.privateKey())) {
            throw new IllegalArgumentException("private key not found or not readable: " + settings.privateKey());
        }
        // loadKeys needs no connection; a throwaway client only lends its key-format detection.
        try (SSHClient loader = new SSHClient(config)) {
            String path = settings.privateKey().toString();
            KeyProvider provider = settings.keyPassphrase() == null ? loader.loadKeys(path)
                    : loader.loadKeys(path, settings.keyPassphrase().toCharArray());
            // Decrypt and parse now (the provider caches the pair), so later connections share it.
            provider.getPrivate();
            provider.getPublic();
            return provider;
        } catch (IOException e) {
            // The message never contains the passphrase; it names the file and what went wrong.
            throw new IllegalArgumentException("cannot load private key " + settings.privateKey() + ": " + e.getMessage(), e);
        }
    }
}
