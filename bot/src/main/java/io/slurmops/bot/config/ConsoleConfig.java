package io.slurmops.bot.config;

/**
 * The terminal chat and {@code slurmops run}: who you are, and the channel id they pretend to be.
 *
 * @param defaultUser who you are when {@code switchUser} is on and no --as is given
 * @param switchUser  allow {@code --as USER} and {@code /as USER}: for the lab, where one person
 *                    plays several to try four-eyes. Off (the default), the identity is the OS
 *                    user running slurmops, so nobody on the bot host can vote as someone else.
 */
public record ConsoleConfig(String defaultUser, String channel, boolean switchUser) {

    public ConsoleConfig(String defaultUser, String channel) {
        this(defaultUser, channel, true);
    }

    /** Who is typing: the requested user where switching is allowed, else the OS user. */
    public String identity(String requested) {
        if (!switchUser) {
            return System.getProperty("user.name");
        }
        return requested != null ? requested : defaultUser;
    }
}
