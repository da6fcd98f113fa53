package io.slurmops.bot.reliability.faults;

import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.wiring.Application;
import io.slurmops.bot.wiring.Transports;
import io.slurmops.commands.chat.ChatMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The bot process {@link BotKillFault} kills: the cell's configuration and store, the real lab
 * transport. {@code request LINE}: alice asks, the plan is posted, the marker holds the request id,
 * then it waits to be killed. {@code approve ID}: bob approves; right after the changing command came
 * back from the node (its result not yet recorded) it appends to {@code child.ran}, writes the marker
 * and waits to be killed.
 */
public final class FaultMatrixChild {

    private FaultMatrixChild() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        SlurmopsConfig config = MatrixCell.load(Path.of(args[1]), state);
        String mode = args[2];
        Path marker = Path.of(args[4]);
        BotKillFault fault = new BotKillFault();
        GateTransport gate = new GateTransport(Transports.fromConfig(config), MatrixCell.changing(fault));
        Application app = Application.startLongRunning(config, gate, Clock.systemDefaultZone());
        DirectDriver.Channel channel = new DirectDriver.Channel();
        if (mode.equals("request")) {
            BotResponse r = say(app, channel, "alice", args[3]);
            Files.writeString(marker, Long.toString(r.requestId()));
        } else {
            gate.armAfter(() -> {
                Files.writeString(state.resolve("child.ran"), "ran\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                Files.writeString(marker, "ran");
                Thread.sleep(Long.MAX_VALUE);
            });
            say(app, channel, "bob", "!slurm approve " + args[3]);
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private static BotResponse say(Application app, DirectDriver.Channel ch, String who, String line) {
        String id = UUID.randomUUID().toString();
        return app.bot().handle(new ChatMessage(DirectDriver.PLATFORM, id, DirectDriver.CHANNEL, who, who, line, id,
                Instant.now()), ch);
    }
}
