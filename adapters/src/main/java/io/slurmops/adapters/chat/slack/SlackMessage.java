package io.slurmops.adapters.chat.slack;

import com.slack.api.model.block.LayoutBlock;

import java.util.List;
import java.util.Optional;

/**
 * A reply rendered for Slack.
 *
 * @param text       the notification/fallback text (shown in push notifications and by old clients)
 * @param blocks     the Block Kit body, within Slack's limits
 * @param fullText   the whole reply as plain text when something had to be cut; uploaded as a file
 * @param fileName   the name of that file
 */
public record SlackMessage(String text, List<LayoutBlock> blocks, Optional<String> fullText, String fileName) {

    public SlackMessage {
        blocks = List.copyOf(blocks);
    }

    public boolean truncated() {
        return fullText.isPresent();
    }
}
