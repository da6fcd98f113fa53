package io.slurmops.bot.config;

import java.util.List;
import java.util.Map;

/**
 * {@code alertmanager:}: the webhook Prometheus Alertmanager posts to. Off unless enabled; loopback
 * unless an address is given; always authenticated (basic or bearer).
 *
 * @param secret     the bearer token or basic password (from {@code ${ENV}}), empty when {@code secretFile} is used
 * @param secretFile a file holding the secret (read at start; trailing newline ignored)
 * @param fixes      which command fixes which alert, first match wins
 */
public record AlertmanagerConfig(boolean enabled, String address, int port, String path, int maxBodyBytes,
                                 AuthType auth, String username, String secret, String secretFile,
                                 List<FixRule> fixes) {

    public enum AuthType { BEARER, BASIC }

    public static final int DEFAULT_PORT = 9095;
    public static final int DEFAULT_MAX_BODY = 1024 * 1024;

    /**
     * @param alertname the alert's {@code alertname} label
     * @param matchers  further labels that must equal these values
     * @param command   a command without prefix, {@code {label}} words filled from the alert's labels
     */
    public record FixRule(String alertname, Map<String, String> matchers, String command) {

        public FixRule {
            matchers = Map.copyOf(matchers);
        }

        public boolean matches(Map<String, String> labels) {
            return alertname.equals(labels.get("alertname"))
                    && matchers.entrySet().stream().allMatch(m -> m.getValue().equals(labels.get(m.getKey())));
        }
    }

    public AlertmanagerConfig {
        fixes = List.copyOf(fixes);
    }

    public static AlertmanagerConfig off() {
        return new AlertmanagerConfig(false, "127.0.0.1", DEFAULT_PORT, "/alertmanager", DEFAULT_MAX_BODY,
                AuthType.BEARER, "", "", "", List.of());
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "AlertmanagerConfig[enabled=" + enabled + ", " + address + ":" + port + path + ", auth=" + auth
                + ", fixes=" + fixes.size() + "]";
    }
}
