package io.slurmops.bot.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads and checks {@code alertmanager:} (see {@link AlertmanagerConfig}). */
final class AlertmanagerLoader {

    /** A {@code {label}} placeholder; it must be a whole word of the command. */
    static final String PLACEHOLDER = "\\{[A-Za-z_][A-Za-z0-9_]*}";

    private AlertmanagerLoader() {
    }

    static AlertmanagerConfig load(Node n) {
        n.allowOnly(Set.of("enabled", "address", "port", "path", "maxBodyBytes", "auth", "fixes"));
        AlertmanagerConfig d = AlertmanagerConfig.off();
        boolean enabled = n.bool("enabled", false);
        String address = n.string("address", d.address());
        if (!address.matches("[A-Za-z0-9.:-]+")) {
            n.problem("address", "`" + address + "` is not an IP address or host name");
        }
        String path = n.string("path", d.path());
        if (!path.matches("/[A-Za-z0-9._/-]*")) {
            n.problem("path", "`" + path + "` must be a URL path such as /alertmanager");
        }
        Node auth = n.child("auth");
        auth.allowOnly(Set.of("type", "username", "secret", "secretFile"));
        String type = auth.string("type", "bearer").toLowerCase(Locale.ROOT);
        if (!Set.of("bearer", "basic").contains(type)) {
            auth.problem("type", "`" + type + "` is not bearer or basic");
        }
        String username = auth.string("username", "");
        String secret = auth.string("secret", "");
        String secretFile = auth.string("secretFile", "");
        if (enabled) {
            // Deny by default: an open webhook would let anyone on the network post incidents.
            if (secret.isEmpty() == secretFile.isEmpty()) {
                auth.problem("secret", "give exactly one of secret (e.g. ${SLURMOPS_ALERTMANAGER_TOKEN}) or secretFile");
            }
            if (type.equals("basic") && username.isBlank()) {
                auth.problem("username", "is required with type: basic");
            }
        }
        if (!secretFile.isEmpty() && !secretFile.startsWith("/")) {
            auth.problem("secretFile", "`" + secretFile + "` must be an absolute path");
        }
        return new AlertmanagerConfig(enabled, address, n.integer("port", d.port(), 0, 65535), path,
                n.integer("maxBodyBytes", d.maxBodyBytes(), 1024, 16 * 1024 * 1024),
                type.equals("basic") ? AlertmanagerConfig.AuthType.BASIC : AlertmanagerConfig.AuthType.BEARER,
                username, secret, secretFile, fixes(n));
    }

    private static List<AlertmanagerConfig.FixRule> fixes(Node n) {
        List<AlertmanagerConfig.FixRule> out = new ArrayList<>();
        List<Node> rules = n.list("fixes");
        for (int i = 0; i < rules.size(); i++) {
            Node r = rules.get(i);
            r.allowOnly(Set.of("alertname", "matchers", "command"));
            String alertname = r.requiredString("alertname", "the alert's name, e.g. SlurmNodeDown");
            String command = r.requiredString("command", "a command with {label} words, e.g. restart slurmd {node}");
            for (String word : command.strip().split("\\s+")) {
                if (word.contains("{") && !word.matches(PLACEHOLDER)) {
                    r.problem("command", "`" + word + "`: a placeholder must be a whole word like {node}");
                }
            }
            out.add(new AlertmanagerConfig.FixRule(alertname, r.child("matchers").stringMap(), command.strip()));
        }
        return out;
    }
}
