package io.slurmops.adapters.chat;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The platform-neutral pieces both adapters share. */
class ChatCommonTest {

    @Test
    void dedupKeepsIdsForTenMinutesFromFirstSightingCoveringSlacksFiveMinuteRetry() {
        AtomicLong nanos = new AtomicLong();
        Ticker ticker = nanos::get;
        EventDeduplicator dedup = new EventDeduplicator(EventDeduplicator.DEFAULT_RETENTION, ticker);

        assertThat(dedup.firstTime("Ev1")).isTrue();
        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(dedup.firstTime("Ev1")).as("retry after 1 min").isFalse();
        nanos.addAndGet(Duration.ofMinutes(4).toNanos());
        assertThat(dedup.firstTime("Ev1")).as("retry after 5 min").isFalse();
        nanos.addAndGet(Duration.ofMinutes(4).plusSeconds(59).toNanos());
        assertThat(dedup.firstTime("Ev1")).as("at 9:59, retries did not extend the window").isFalse();
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(dedup.firstTime("Ev1")).as("after 10 min").isTrue();
        assertThat(dedup.firstTime("Ev2")).isTrue();
        assertThat(EventDeduplicator.DEFAULT_RETENTION).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void commandTextTakesThePrefixOrALeadingMentionAndNothingElse() {
        CommandText t = new CommandText("!slurm", Pattern.compile("<@UBOT(?:\\|[^>]*)?>"));
        assertThat(t.extract("!slurm status")).contains("!slurm status");
        assertThat(t.extract("  !slurm   nodes  ")).contains("!slurm   nodes");
        assertThat(t.extract("!slurm")).contains("!slurm");
        assertThat(t.extract("<@UBOT> status")).contains("!slurm status");
        assertThat(t.extract("<@UBOT|slurmops> drain n1 why")).contains("!slurm drain n1 why");
        assertThat(t.extract("<@UBOT> !slurm status")).contains("!slurm status");
        assertThat(t.extract("<@UBOT>")).contains("!slurm");
        assertThat(t.extract("!slurmy status")).isEmpty();
        assertThat(t.extract("hey <@UBOT> status")).isEmpty();
        assertThat(t.extract("<@UOTHER> status")).isEmpty();
        assertThat(t.extract("please run !slurm status")).isEmpty();
        assertThat(t.extract(null)).isEmpty();
    }

    @Test
    void channelPolicyDeniesByDefaultAndRefusesOnlyWhenAsked() {
        ChannelPolicy none = new ChannelPolicy(Set.of(), OutsideChannels.IGNORE, false);
        assertThat(none.decide("C1", false)).isEqualTo(ChannelPolicy.Decision.IGNORE);

        ChannelPolicy some = new ChannelPolicy(Set.of("C1"), OutsideChannels.REFUSE, false);
        assertThat(some.decide("C1", false)).isEqualTo(ChannelPolicy.Decision.ALLOW);
        assertThat(some.decide("C2", false)).isEqualTo(ChannelPolicy.Decision.REFUSE);
        assertThat(some.decide("D1", true)).isEqualTo(ChannelPolicy.Decision.REFUSE);
        assertThat(some.allows("C2", false)).isFalse();

        ChannelPolicy all = new ChannelPolicy(Set.of("*"), OutsideChannels.IGNORE, true);
        assertThat(all.decide("C9", false)).isEqualTo(ChannelPolicy.Decision.ALLOW);
        assertThat(all.decide("D9", true)).isEqualTo(ChannelPolicy.Decision.ALLOW);
        assertThat(all.describe()).isEqualTo("all channels allowed, direct messages on");
        assertThat(some.describe()).isEqualTo("1 channel allowed");

        assertThat(OutsideChannels.parse(" Refuse ")).isEqualTo(OutsideChannels.REFUSE);
        assertThatThrownBy(() -> OutsideChannels.parse("shout")).hasMessageContaining("ignore or refuse");
    }

    @Test
    void emojiNamesAndCharactersTranslateBothWays() {
        assertThat(Emoji.toUnicode("white_check_mark")).isEqualTo("✅");
        assertThat(Emoji.toUnicode(":x:")).isEqualTo("❌");
        assertThat(Emoji.toUnicode("✅")).isEqualTo("✅");
        assertThat(Emoji.toSlackName("👀")).isEqualTo("eyes");
        assertThat(Emoji.toSlackName(":eyes:")).isEqualTo("eyes");
        assertThat(Emoji.toSlackName("rocket")).isEqualTo("rocket");
    }

    @Test
    void textIsCutAtALineEndAndFileNamesAreSafe() {
        assertThat(TextCut.head("aaaa\nbbbb\ncccc", 11)).isEqualTo("aaaa\nbbbb");
        assertThat(TextCut.head("abcdefgh", 5)).isEqualTo("abcde");
        assertThat(TextCut.head("ab😀cd", 3)).isEqualTo("ab");                    // no half surrogate pair
        assertThat(TextCut.head("short", 100)).isEqualTo("short");
        assertThat(TextCut.linesAfter("a\nb\nc\nd", 4)).isEqualTo(2);
        assertThat(TextCut.fileName("Nodes: node[1-4] drained / über")).isEqualTo("slurmops-nodes-node-1-4-drained-uber.txt");
        assertThat(TextCut.fileName("")).isEqualTo("slurmops.txt");
    }
}
