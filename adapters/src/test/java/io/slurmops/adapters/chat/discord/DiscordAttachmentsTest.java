package io.slurmops.adapters.chat.discord;

import io.slurmops.adapters.chat.OutsideChannels;
import io.slurmops.adapters.chat.testing.RecordingHandler;
import io.slurmops.commands.reply.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static io.slurmops.adapters.chat.discord.DiscordFrames.USER;
import static io.slurmops.adapters.chat.discord.FakeDiscordGateway.CHANNEL;
import static io.slurmops.adapters.chat.discord.FakeDiscordRest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** A reply's attachments go to Discord as files of the reply message (JDA FileUpload, multipart), byte for byte. */
@Timeout(60)
class DiscordAttachmentsTest {

    private static final String MSG = "100000000000000040";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, (byte) 0xff, 1, 2};

    private FakeDiscordGateway gateway;
    private FakeDiscordRest rest;
    private final RecordingHandler handler = new RecordingHandler();
    private DiscordAdapter adapter;

    @BeforeEach
    void fakes() throws Exception {
        gateway = new FakeDiscordGateway();
        gateway.startAndWait();
        rest = new FakeDiscordRest();
    }

    @AfterEach
    void stop() {
        if (adapter != null) {
            adapter.close();
        }
        rest.close();
        gateway.shutdown();
    }

    @Test
    void attachmentsAreFilesOfTheReply() {
        handler.answering((m, c) -> c.post(Reply.builder("Postmortem of INC-1")
                .attach("INC-1-postmortem.md", "text/markdown", "# INC-1\n".getBytes(StandardCharsets.UTF_8))
                .attach("INC-1-nodes.png", "image/png", PNG).build()));
        adapter = new DiscordAdapter(new DiscordSettings(TOKEN, rest.url(), gateway.url(), Set.of(CHANNEL),
                OutsideChannels.IGNORE, false), "!slurm", handler);
        adapter.start();
        gateway.dispatch(DiscordFrames.message(MSG, CHANNEL, USER, "oncall", "!slurm incident postmortem INC-1"));
        handler.nextMessage();

        FakeDiscordRest.Call reply = rest.await("reply", c -> c.method().equals("POST")
                && c.path().equals("/api/v10/channels/" + CHANNEL + "/messages"));
        assertThat(reply.payload().get("content").getAsString()).contains("Postmortem of INC-1")
                .contains("INC-1-nodes.png");
        assertThat(reply.files()).containsOnlyKeys("INC-1-postmortem.md", "INC-1-nodes.png");
        assertThat(reply.files().get("INC-1-nodes.png")).isEqualTo(PNG);
        assertThat(new String(reply.files().get("INC-1-postmortem.md"), StandardCharsets.UTF_8)).isEqualTo("# INC-1\n");
    }
}
