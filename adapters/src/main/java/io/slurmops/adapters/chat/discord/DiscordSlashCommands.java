package io.slurmops.adapters.chat.discord;

import io.slurmops.adapters.chat.ChannelPolicy;
import io.slurmops.adapters.chat.ChatWorkers;
import io.slurmops.adapters.chat.EventDeduplicator;
import io.slurmops.commands.chat.ChatHandler;
import io.slurmops.commands.chat.ChatMessage;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The /slurm application command. Its one option, {@code command}, is the rest of a "!slurm …" line,
 * so the command enters the one pipeline with the same grammar, roles and approvals. The interaction
 * is deferred at once (Discord's 3 s), then answered by {@link DiscordInteractionChannel}.
 * Autocomplete of the option is answered from the bot's memory ({@link ChatHandler#complete}).
 */
final class DiscordSlashCommands extends ListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordSlashCommands.class);
    static final String OPTION = "command";

    private final ChatHandler handler;
    private final ChannelPolicy policy;
    private final String prefix;
    private final String name;
    private final ChatWorkers workers;
    private final EventDeduplicator dedup = new EventDeduplicator();
    private final DiscordReplyRenderer renderer = new DiscordReplyRenderer();

    DiscordSlashCommands(ChatHandler handler, ChannelPolicy policy, String prefix, ChatWorkers workers) {
        this.handler = handler;
        this.policy = policy;
        this.prefix = prefix.strip();
        this.name = commandName(prefix);
        this.workers = workers;
    }

    /** "!slurm" → "slurm": the command is named after the prefix when Discord allows that name. */
    static String commandName(String prefix) {
        String n = prefix.strip().replaceFirst("^[^\\p{L}\\p{N}]+", "").toLowerCase(Locale.ROOT);
        return n.matches("[-_\\p{L}\\p{N}]{1,32}") ? n : "slurm";
    }

    String name() {
        return name;
    }

    SlashCommandData definition() {
        return Commands.slash(name, "Run a slurmops command, as " + prefix + " … would")
                .addOption(OptionType.STRING, OPTION, "e.g. status · drain node001 reason · approve 12 (empty: help)",
                        false, true);
    }

    /** Registers /slurm where the settings say; failures are logged, typed commands keep working. */
    void register(JDA jda, DiscordSettings.SlashRegistration where) {
        switch (where) {
            case NONE -> LOG.info("discord: /{} not registered (discord.slashCommand: none)", name);
            case GLOBAL -> jda.updateCommands().addCommands(definition()).queue(
                    ok -> LOG.info("discord: /{} registered globally", name),
                    e -> LOG.warn("discord: registering /{} failed: {}", name, e.toString()));
            case GUILD -> {
                for (Guild g : jda.getGuilds()) {
                    g.updateCommands().addCommands(definition()).queue(
                            ok -> LOG.info("discord: /{} registered in guild {}", name, g.getId()),
                            e -> LOG.warn("discord: registering /{} in guild {} failed: {}", name, g.getId(), e.toString()));
                }
            }
        }
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent e) {
        if (!name.equals(e.getName())) {
            return;
        }
        MessageChannel channel = e.getChannel();
        boolean direct = !e.isFromGuild();
        String where = DiscordEvents.channelKey(channel, e.getChannelType().isThread());
        if (policy.decide(where, direct) != ChannelPolicy.Decision.ALLOW) {
            // Only the invoker sees it: a slash command is a question to the bot, not to the channel.
            e.reply(ChannelPolicy.refusal("discord", direct)).setEphemeral(true).queue();
            return;
        }
        if (!dedup.firstTime("interaction:" + e.getId())) {
            return;
        }
        e.deferReply().queue();
        OptionMapping option = e.getOption(OPTION);
        String args = option == null ? "" : option.getAsString().strip();
        ChatMessage message = new ChatMessage("discord", "interaction:" + e.getId(), where, e.getUser().getId(),
                DiscordEvents.name(e.getMember(), e.getUser()), args.isEmpty() ? prefix : prefix + " " + args,
                e.getId(), Instant.now());
        DiscordInteractionChannel replies = new DiscordInteractionChannel(e.getHook(), channel, renderer, e.getId());
        workers.submit(() -> handler.onMessage(message, replies));
    }

    /** On JDA's thread, from memory: the answer must be there within 3 s even when slurmctld is not. */
    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent e) {
        if (!name.equals(e.getName()) || !OPTION.equals(e.getFocusedOption().getName())) {
            return;
        }
        String where = DiscordEvents.channelKey(e.getChannel(), e.getChannelType().isThread());
        List<String> lines = policy.allows(where, !e.isFromGuild())
                ? handler.complete("discord", where, e.getUser().getId(), e.getFocusedOption().getValue()) : List.of();
        e.replyChoices(lines.stream().limit(25).map(l -> new Command.Choice(l, l)).toList()).queue(
                ok -> { }, err -> LOG.debug("discord: autocomplete answer failed: {}", err.toString()));
    }
}
