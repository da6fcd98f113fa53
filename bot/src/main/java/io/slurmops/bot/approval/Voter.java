package io.slurmops.bot.approval;

/** Who votes, from where, through which delivery. */
public record Voter(String userId, String userName, String platform, String channelId) {
}
