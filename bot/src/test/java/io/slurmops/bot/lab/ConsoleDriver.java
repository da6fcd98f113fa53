package io.slurmops.bot.lab;

import io.slurmops.adapters.chat.console.ConsoleChat;
import io.slurmops.bot.wiring.Application;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Types into a real {@link ConsoleChat} through its input stream and reads what it prints. */
final class ConsoleDriver implements AutoCloseable {

    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Thread loop;

    ConsoleDriver(Application app, String user, String channel) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(new PipedInputStream(keyboard, 1 << 16),
                StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(screen, true, StandardCharsets.UTF_8);
        ConsoleChat chat = new ConsoleChat(app.bot(), in, out, user, channel);
        app.bot().attach(ConsoleChat.PLATFORM, channel, chat);
        loop = new Thread(() -> {
            try {
                chat.run();
            } catch (IOException ignored) {
                // the pipe closed: the test is over
            }
        }, "console-driver");
        loop.setDaemon(true);
        loop.start();
    }

    void type(String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    String screen() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until the screen matches {@code regex} after position {@code from}; returns the first group. */
    String await(String regex, int from, long timeoutMs) throws InterruptedException {
        Pattern p = Pattern.compile(regex, Pattern.DOTALL);
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            String s = screen();
            Matcher m = p.matcher(s.substring(Math.min(from, s.length())));
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("console never showed /" + regex + "/; screen:\n" + screen());
    }

    @Override
    public void close() throws Exception {
        type("/quit");
        loop.join(5000);
        keyboard.close();
    }
}
