package io.slurmops.adapters.chat.slack;

import com.slack.api.model.block.LayoutBlock;
import io.slurmops.commands.reply.Block;

import java.util.List;
import java.util.Optional;

/**
 * A reply rendered for Slack.
 *
 * @param text       the notification/fallback text (shown in push notifications and by old clients)
 * @param blocks     the Block Kit body, within Slack's limits
 * @param fullText   the whole reply as plain text when something had to be cut; uploaded as a file
 * @param fileName   the name of that file
 * @param files      the reply's attachments, uploaded into the thread after the message
 */
public record SlackMessage(String text, List<LayoutBlock> blocks, Optional<String> fullText, String fileName,
                           List<Block.Attachment> files) {

    public SlackMessage {
        blocks = List.copyOf(blocks);
        files = List.copyOf(files);
    }

    public SlackMessage(String text, List<LayoutBlock> blocks, Optional<String> fullText, String fileName) {
        this(text, blocks, fullText, fileName, List.of());
    }

    public boolean truncated() {
        return fullText.isPresent();
    }
}
