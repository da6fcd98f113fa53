package io.slurmops.adapters.chat.slack;

import com.google.gson.JsonParser;
import io.slurmops.adapters.chat.OutsideChannels;
import io.slurmops.adapters.chat.testing.RecordingHandler;
import io.slurmops.commands.reply.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static io.slurmops.adapters.chat.slack.FakeSlackWebApi.APP_TOKEN;
import static io.slurmops.adapters.chat.slack.FakeSlackWebApi.BOT_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reply's attachments (a postmortem, a PNG chart) go to Slack as files in the command's thread, by the
 * two-step upload (files.getUploadURLExternal, the bytes, files.completeUploadExternal), byte for byte.
 */
@Timeout(60)
class SlackAttachmentsTest {

    private static final String TS = "1610241741.000200";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, (byte) 0xff, 1, 2};

    private FakeSocketMode socket;
    private FakeSlackWebApi web;
    private final RecordingHandler handler = new RecordingHandler();
    private SlackAdapter adapter;

    @BeforeEach
    void fakes() throws Exception {
        socket = new FakeSocketMode();
        socket.startAndWait();
        web = new FakeSlackWebApi(socket::url);
    }

    @AfterEach
    void stop() {
        if (adapter != null) {
            adapter.close();
        }
        web.close();
        socket.shutdown();
    }

    @Test
    void eachAttachmentIsUploadedIntoTheThreadAfterTheMessage() throws Exception {
        handler.answering((m, c) -> c.post(Reply.builder("Postmortem of INC-1")
                .attach("INC-1-postmortem.md", "text/markdown", "# INC-1\n".getBytes(StandardCharsets.UTF_8))
                .attach("INC-1-nodes.png", "image/png", PNG).build()));
        adapter = new SlackAdapter(new SlackSettings(BOT_TOKEN, APP_TOKEN, web.apiUrl(), Set.of("C111"),
                OutsideChannels.IGNORE, false), "!slurm", handler);
        adapter.start();
        socket.awaitConnections(1);
        socket.sendFrame(SlackFrames.message("Ev1", "C111", "U222", "!slurm incident postmortem INC-1", TS));
        handler.nextMessage();

        FakeSlackWebApi.Call post = web.await("chat.postMessage", c -> true);
        assertThat(post.blocks().toString()).contains("INC-1-postmortem.md").contains("INC-1-nodes.png");
        FakeSlackWebApi.Call md = web.await("files.getUploadURLExternal",
                c -> "INC-1-postmortem.md".equals(c.get("filename")));
        FakeSlackWebApi.Call png = web.await("files.getUploadURLExternal",
                c -> "INC-1-nodes.png".equals(c.get("filename")));
        assertThat(Integer.parseInt(png.get("length"))).isEqualTo(PNG.length);
        assertThat(Integer.parseInt(md.get("length"))).isEqualTo(8);
        FakeSlackWebApi.Call bytes = web.await("upload", c -> c.body().length == PNG.length);
        assertThat(bytes.body()).isEqualTo(PNG);
        FakeSlackWebApi.Call done = web.await("files.completeUploadExternal",
                c -> c.get("files").contains("F0002"));
        assertThat(done.get("channel_id")).isEqualTo("C111");
        assertThat(done.get("thread_ts")).as("the files go into the command's thread").isEqualTo(TS);
        web.await("files.completeUploadExternal", c -> c.get("files").contains("F0001"));
        assertThat(JsonParser.parseString(done.get("files")).getAsJsonArray()).hasSize(1);
    }
}
