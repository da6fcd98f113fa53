package io.slurmops.bot.config;

import java.util.Set;

/** Reads and checks {@code metrics:} (see {@link MetricsConfig}). */
final class MetricsLoader {

    private MetricsLoader() {
    }

    /** @param alertmanager the webhook's settings: on one port, the two share a listener and so an address */
    static MetricsConfig load(Node n, AlertmanagerConfig alertmanager) {
        n.allowOnly(Set.of("enabled", "address", "port"));
        MetricsConfig d = MetricsConfig.defaults();
        String address = n.string("address", d.address());
        if (!address.matches("[A-Za-z0-9.:-]+")) {
            n.problem("address", "`" + address + "` is not an IP address or host name");
        }
        MetricsConfig m = new MetricsConfig(n.bool("enabled", false), address, n.integer("port", d.port(), 0, 65535));
        if (m.sharesListenerWith(alertmanager) && m.port() != 0 && !address.equals(alertmanager.address())) {
            n.problem("address", "`" + address + "` differs from alertmanager.address `" + alertmanager.address()
                    + "` on the same port " + m.port() + ": one listener serves both, so give them the same "
                    + "address, or metrics another port");
        }
        return m;
    }
}
