package io.slurmops.bot.approval;

import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.reply.Reply;
import io.slurmops.testing.FakeCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * A separate slurmops JVM for the crash test: it approves request #1 as bob on the shared store,
 * and its cluster blocks on the plan's second step (after writing a marker file), waiting to be killed.
 * Arguments: STORE_DIR MARKER_FILE NOW (the parent's test clock, ISO instant).
 */
public final class ChildApprover {

    private ChildApprover() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path marker = Path.of(args[1]);
        FakeCluster cluster = FakeCluster.withNodes(2).node("node001", "drained", "slurmd hung").hook(cmd -> {
            if (cmd.argv().contains("update")) {
                try {
                    Files.writeString(marker, "step 2 started\n");
                    Thread.sleep(120_000);
                } catch (Exception e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Optional.empty();
        });
        SlurmopsConfig config = new ConfigLoader(Map.of()).parse(ApprovalHarness.yaml(dir, "15m", ""), "child");
        Application app = Application.start(config, cluster, Clock.fixed(Instant.parse(args[2]), ZoneOffset.UTC));
        ChatChannel out = new ChatChannel() {
            @Override
            public String post(Reply reply) {
                System.out.println(reply.toPlainText());
                return "child-post";
            }
        };
        app.bot().handle(new ChatMessage("console", "child-approve", ApprovalHarness.CHANNEL, "bob", "bob",
                "!slurm approve 1", "child-approve", null), out);
        System.out.println("child finished without being killed");
        app.close();
    }
}
