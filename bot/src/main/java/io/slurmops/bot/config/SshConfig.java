package io.slurmops.bot.config;

import java.time.Duration;

/**
 * How the bot reaches nodes: user, key, known_hosts (strict checking always), timeouts, and how many
 * connections stay pooled at once ({@code maxPooledConnections}: bounds the bot's memory on big clusters).
 */
public record SshConfig(String user, int port, String privateKey, String knownHosts, Duration connectTimeout,
                        Duration keepAlive, Duration idleExpiry, int maxSessionsPerHost, int maxPooledConnections) {
}
