package io.slurmops.bot.wiring;

import io.slurmops.adapters.http.EmbeddedHttpServer;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The bot's HTTP listeners by port: the Alertmanager webhook and the metrics endpoint configured on
 * one port share one {@link EmbeddedHttpServer}. Closes them all.
 */
final class HttpListeners implements AutoCloseable {

    private record Bound(String address, EmbeddedHttpServer server) {
    }

    private final Map<Integer, Bound> byPort = new HashMap<>();

    /**
     * The listener on {@code port}, started on first use.
     *
     * @param maxBodyBytes the body cap, fixed by whoever starts it (the owners agree on it beforehand)
     * @throws IOException              when the address cannot be bound
     * @throws IllegalArgumentException when the port is already served on another address
     */
    synchronized EmbeddedHttpServer on(String address, int port, int maxBodyBytes) throws IOException {
        Bound b = byPort.get(port);
        if (b != null) {
            if (!b.address().equals(address)) {
                throw new IllegalArgumentException("port " + port + " is already served on " + b.address()
                        + ", not " + address + ": use the same address or another port");
            }
            return b.server();
        }
        EmbeddedHttpServer server = EmbeddedHttpServer.start(address, port, maxBodyBytes);
        byPort.put(port, new Bound(address, server));
        return server;
    }

    @Override
    public synchronized void close() {
        byPort.values().forEach(b -> b.server().close());
        byPort.clear();
    }
}
