package io.slurmops.bot.alerts.alertmanager;

import io.slurmops.bot.config.AlertmanagerConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Checks the {@code Authorization} header Alertmanager's {@code http_config} sends (bearer token or
 * basic). Compares digests in constant time, so neither the content nor the length of the secret
 * leaks through timing. Holds the expected header only; never prints it.
 */
final class WebhookAuth {

    private final byte[] expected;

    WebhookAuth(AlertmanagerConfig.AuthType type, String username, String secret) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the Alertmanager webhook secret is empty");
        }
        String header = type == AlertmanagerConfig.AuthType.BEARER ? "Bearer " + secret
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
        this.expected = sha256(header);
    }

    boolean accepts(String authorization) {
        return MessageDigest.isEqual(expected, sha256(authorization == null ? "" : authorization.strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookAuth[***]";
    }
}
