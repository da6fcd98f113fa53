package io.slurmops.bot.config;

/**
 * The terminal chat and {@code slurmops run}: who you are, and the channel id they pretend to be.
 * Their identity is {@code console:NAME}, NAME being the account of the process's real uid (never the
 * {@code user.name} property, which {@code -Duser.name=} sets to anyone).
 *
 * @param defaultUser who you are when switching is allowed and no --as is given
 * @param switchUser  allow {@code --as USER} and {@code /as USER}: for the lab, where one person
 *                    plays several to try four-eyes. Honoured only when the configuration file is
 *                    owned by root (or the service account) and not writable by others
 *                    ({@link ConfigFileTrust}). Off (the default), nobody on the bot host can vote as
 *                    someone else.
 */
public record ConsoleConfig(String defaultUser, String channel, boolean switchUser) {

    public ConsoleConfig(String defaultUser, String channel) {
        this(defaultUser, channel, true);
    }
}
