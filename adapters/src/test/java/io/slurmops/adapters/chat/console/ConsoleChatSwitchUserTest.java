package io.slurmops.adapters.chat.console;

import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatHandler;
import io.slurmops.commands.chat.ChatMessage;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /as} switches only where allowed, and otherwise says why (as the application worded it). */
class ConsoleChatSwitchUserTest {

    private final List<String> senders = new ArrayList<>();
    private final ChatHandler handler = new ChatHandler() {
        @Override
        public void onMessage(ChatMessage message, ChatChannel channel) {
            senders.add(message.userId());
        }
    };

    private String run(boolean switchUser, String input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ConsoleChat(handler, new BufferedReader(new StringReader(input)),
                new PrintStream(out, true, StandardCharsets.UTF_8), "root", "console", switchUser,
                "console.switchUser is honoured only in a root-owned file; you are root").run();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRefusedSwitchSaysWhyAndKeepsTheRealUser() throws Exception {
        String out = run(false, "/as bob\n!slurm approve 1\n");
        assertThat(out).contains("console.switchUser is honoured only in a root-owned file; you are root");
        assertThat(senders).containsExactly("root");
    }

    @Test
    void anAllowedSwitchChangesWhoTypes() throws Exception {
        run(true, "/as bob\n!slurm approve 1\n");
        assertThat(senders).containsExactly("bob");
    }
}
