package io.slurmops.adapters.chat.console;

import io.slurmops.commands.chat.ChatHandler;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;
import io.slurmops.commands.reply.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** In a terminal a reply's files are written owner-only under the state directory and their paths shown. */
class ConsoleAttachmentsTest {

    @TempDir
    Path state;

    @Test
    void attachmentsAreWrittenPrivatelyAndNamed() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChatHandler handler = new ChatHandler() {
            @Override
            public void onMessage(ChatMessage m, ChatChannel ch) {
                ch.post(Reply.builder("Postmortem").attach("INC-1-nodes.png", "image/png", new byte[]{1, 2, 3})
                        .build());
            }

            @Override
            public void onReaction(ReactionEvent e, ChatChannel ch) {
            }
        };
        Path dir = state.resolve("attachments");
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
        new ConsoleChat(handler, new BufferedReader(new StringReader("!slurm incident postmortem 1\n")),
                new PrintStream(out, true, StandardCharsets.UTF_8), "alice", "incident")
                .attachmentsTo(new AttachmentFiles(dir, clock)).run();
        Path file = dir.resolve("20261125-100000-INC-1-nodes.png");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("📎 INC-1-nodes.png (3 bytes)")
                .contains("saved " + file);
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        // A second one the same second keeps the first.
        Path second = new AttachmentFiles(dir, clock).write(new io.slurmops.commands.reply.Block.Attachment(
                "INC-1-nodes.png", "image/png", new byte[]{4}));
        assertThat(second.getFileName().toString()).isEqualTo("20261125-100000-1-INC-1-nodes.png");
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
    }
}
