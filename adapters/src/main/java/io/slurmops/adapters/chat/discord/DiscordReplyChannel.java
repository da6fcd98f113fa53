package io.slurmops.adapters.chat.discord;

import io.slurmops.adapters.chat.Emoji;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.reply.Reply;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;

/**
 * One conversation on Discord: a channel, with every reply sent as a reply (message reference) to the
 * command, so the answer is linked to the question in a busy channel. Cut output is attached in full.
 * Calls block ({@code complete()}): they run on the adapter's worker threads, never on JDA's.
 */
final class DiscordReplyChannel implements ChatChannel {

    static final String APPROVE_PREFIX = "slurmops_approve:";
    static final String DENY_PREFIX = "slurmops_deny:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MessageChannel channel;
    private final String replyTo;
    private final DiscordReplyRenderer renderer;

    DiscordReplyChannel(MessageChannel channel, String replyTo, DiscordReplyRenderer renderer) {
        this.channel = channel;
        this.replyTo = replyTo;
        this.renderer = renderer;
    }

    @Override
    public String post(Reply reply) {
        return send(build(renderer.render(reply), null, DiscordReplyRenderer.mentioned(reply)), null);
    }

    /** Discord returns the message already made with the same nonce (JDA always sends enforce_nonce). */
    @Override
    public String postOnce(String key, String parentMessageId, Reply reply, boolean forVote) {
        DiscordReplyChannel target = parentMessageId == null ? this
                : new DiscordReplyChannel(channel, parentMessageId, renderer);
        String id = target.send(build(renderer.render(reply), forVote ? newVoteKey() : null,
                DiscordReplyRenderer.mentioned(reply)), nonce(key));
        if (forVote) {
            react(id, Emoji.DONE);                            // adding a reaction that is there already changes nothing
            react(id, Emoji.FAILED);
        }
        return id;
    }

    /** Discord takes nonces of up to 25 characters: the first 25 hex digits of the key's SHA-256. */
    static String nonce(String key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 25);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A reply to {@code parentMessageId} (an alert's update) in the same channel. */
    @Override
    public String postInThread(String parentMessageId, Reply reply) {
        return new DiscordReplyChannel(channel, parentMessageId, renderer).post(reply);
    }

    /** The plan with ✅/❌ already on it and Approve/Deny buttons (custom id = action + vote key). */
    @Override
    public String postForVote(Reply plan) {
        String id = send(build(renderer.render(plan), newVoteKey(), DiscordReplyRenderer.mentioned(plan)), null);
        react(id, Emoji.DONE);
        react(id, Emoji.FAILED);
        return id;
    }

    @Override
    public void react(String messageId, String emoji) {
        channel.addReactionById(messageId, net.dv8tion.jda.api.entities.emoji.Emoji.fromUnicode(Emoji.toUnicode(emoji)))
                .complete();
    }

    /** Replaces the message whole: content, attachment, and no buttons any more. */
    @Override
    public void update(String messageId, Reply reply) {
        channel.editMessageById(messageId, MessageEditBuilder.fromCreateData(build(renderer.render(reply), null,
                        DiscordReplyRenderer.mentioned(reply))).build())
                .complete();
    }

    /** @param nonce null for JDA's own random one */
    private String send(MessageCreateData data, String nonce) {
        var action = channel.sendMessage(data);
        if (nonce != null) {
            action = action.setNonce(nonce);
        }
        if (replyTo != null) {
            // A deleted command message must not make the answer fail.
            action = action.setMessageReference(replyTo).failOnInvalidReply(false).mentionRepliedUser(false);
        }
        return action.complete().getId();
    }

    /** A message that pings nobody (slash-command answers). */
    static MessageCreateData build(DiscordMessage message, String voteKey) {
        return build(message, voteKey, new DiscordReplyRenderer.Mentioned(java.util.List.of(), java.util.List.of()));
    }

    static MessageCreateData build(DiscordMessage message, String voteKey, DiscordReplyRenderer.Mentioned mentioned) {
        MessageCreateBuilder b = new MessageCreateBuilder()
                .setContent(message.content())
                // Output may contain "@everyone" or user mentions: never ping anyone from a reply,
                // except the on-call role or people an escalation calls on purpose.
                .setAllowedMentions(EnumSet.noneOf(net.dv8tion.jda.api.entities.Message.MentionType.class))
                .mentionRoles(mentioned.roles())
                .mentionUsers(mentioned.users());
        java.util.List<FileUpload> files = new java.util.ArrayList<>();
        message.fullText().ifPresent(full ->
                files.add(FileUpload.fromData(full.getBytes(StandardCharsets.UTF_8), message.fileName())));
        message.files().forEach(f -> files.add(FileUpload.fromData(f.content(), f.fileName())));
        if (!files.isEmpty()) {
            b.setFiles(files);
        }
        if (voteKey != null) {
            b.setComponents(ActionRow.of(Button.success(APPROVE_PREFIX + voteKey, "✅ Approve"),
                    Button.danger(DENY_PREFIX + voteKey, "❌ Deny")));
        }
        return b.build();
    }

    static String newVoteKey() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return "vote-" + HexFormat.of().formatHex(b);
    }
}
