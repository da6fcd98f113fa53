package io.slurmops.bot.config;

/** The terminal chat: who you are when it starts, and the channel id it pretends to be. */
public record ConsoleConfig(String defaultUser, String channel) {
}
