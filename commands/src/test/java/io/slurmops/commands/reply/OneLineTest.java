package io.slurmops.commands.reply;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rejections quote what was typed: found by the hostile-input suite (issue 18), they must stay one safe line. */
class OneLineTest {

    @Test
    void controlAndInvisibleCharactersInAnErrorAreShownAsCodePoints() {
        Reply r = Reply.error("unknown command `a\u001b[2Jb\u202ec\nd\ud800`.", null);
        assertEquals("unknown command `aU+001B[2JbU+202EcU+000AdU+D800`.", r.title());
    }

    @Test
    void aHugeQuotedWordIsShortenedSoTheProblemStaysReadable() {
        String title = Reply.error("`" + "node001,".repeat(12_500) + "` is not a host list", null).title();
        assertTrue(title.length() < 120, title);
        assertTrue(title.endsWith("` is not a host list"), title);
        assertTrue(title.contains("(100002 chars)"), title);
    }

    @Test
    void aLongLineIsClippedToOneScreenLine() {
        String title = OneLine.of("word ".repeat(200));
        assertEquals(OneLine.MAX, title.length());
        assertFalse(title.contains("\n"));
    }
}
