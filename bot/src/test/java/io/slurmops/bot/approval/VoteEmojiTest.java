package io.slurmops.bot.approval;

import io.slurmops.adapters.store.Decision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class VoteEmojiTest {

    @ParameterizedTest
    @ValueSource(strings = {"white_check_mark", ":white_check_mark:", "heavy_check_mark", "ballot_box_with_check", "+1",
            ":+1::skin-tone-3:", "+1_medium_light_skin_tone", "thumbsup", "THUMBSUP", "✅", "✔️", "✔", "☑️",
            "👍", "👍🏻", "👍🏽", "👍🏿", "👍\uFE0F"})
    void approves(String emoji) {
        assertThat(VoteEmoji.decision(emoji)).contains(Decision.APPROVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", ":x:", "no_entry_sign", "no_entry", "-1", "-1::skin-tone-5", "thumbsdown", "❌", "🚫",
            "⛔", "⛔️", "👎", "👎🏾"})
    void denies(String emoji) {
        assertThat(VoteEmoji.decision(emoji)).contains(Decision.DENY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eyes", "👀", "heart", "❤️", "ok_hand", "👌", "", "+2", "xx", "check"})
    void ignoresEverythingElse(String emoji) {
        assertThat(VoteEmoji.decision(emoji)).isEmpty();
    }
}
