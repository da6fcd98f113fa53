package io.slurmops.bot.config;

import io.slurmops.adapters.chat.discord.DiscordSettings;
import io.slurmops.adapters.chat.slack.SlackSettings;

import java.util.Optional;

/** Which chat platforms to connect, from the {@code slack:} and {@code discord:} sections. */
public record ChatConfig(Optional<SlackSettings> slack, Optional<DiscordSettings> discord) {

    public boolean any() {
        return slack.isPresent() || discord.isPresent();
    }
}
