package io.slurmops.bot.reliability.faults;

import io.slurmops.adapters.chat.OutsideChannels;
import io.slurmops.adapters.chat.slack.FakeSlackWebApi;
import io.slurmops.adapters.chat.slack.FakeSocketMode;
import io.slurmops.adapters.chat.slack.SlackFrames;
import io.slurmops.adapters.chat.slack.SlackSettings;
import io.slurmops.bot.config.ChatConfig;
import io.slurmops.bot.wiring.ChatAdapters;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Slack path on the wire: the real slack-api-client against the local Socket Mode and Web API
 * fakes. Lines go in as Socket Mode frames; the bot's messages are the {@code chat.postMessage}
 * calls the fake received. The fake can drop the socket ({@link FakeSocketMode#dropConnection()}).
 */
final class SlackDriver implements Driver {

    static final String ALICE = "U_ALICE";
    static final String BOB = "U_BOB";
    private static final String CHANNEL = "C_FAULTS";
    private static final Pattern NEEDS = Pattern.compile("#(\\d+) needs");
    private static final Duration RECONNECT = Duration.ofSeconds(30);

    private final MatrixCell cell;
    private final FakeSocketMode socket = new FakeSocketMode();
    private final FakeSlackWebApi web;
    private final AtomicLong ts = new AtomicLong(1_720_000_000_000_000L);
    private ChatAdapters adapters;

    SlackDriver(MatrixCell cell) throws Exception {
        this.cell = cell;
        socket.startAndWait();
        web = new FakeSlackWebApi(socket::url);
        web.displayName(ALICE, "alice");
        web.displayName(BOB, "bob");
        reattach();
    }

    @Override
    public void reattach() throws Exception {
        if (adapters != null) {
            adapters.close();
        }
        ChatConfig chat = new ChatConfig(Optional.of(new SlackSettings(FakeSlackWebApi.BOT_TOKEN,
                FakeSlackWebApi.APP_TOKEN, web.apiUrl(), Set.of(CHANNEL), OutsideChannels.IGNORE, false)),
                Optional.empty());
        adapters = ChatAdapters.start(chat, cell.app().config().prefix(), cell.app().bot());
        awaitConnected();
    }

    void drop() {
        socket.dropConnection();
    }

    /** Waits until the client has an open connection again (after a drop: its own reconnect). */
    int awaitConnected() throws InterruptedException {
        long end = System.nanoTime() + RECONNECT.toNanos();
        while (!socket.connected()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the Slack client did not reconnect within " + RECONNECT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
        return socket.connectionCount();
    }

    int connections() {
        return socket.connectionCount();
    }

    @Override
    public long request(String line) throws Exception {
        int before = messages().size();
        send(ALICE, line);
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            List<String> now = messages();
            for (String text : now.subList(before, now.size())) {
                Matcher m = NEEDS.matcher(text);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(line + " posted no plan; Slack saw " + messages());
    }

    @Override
    public void approve(long id) throws Exception {
        send(BOB, "!slurm approve " + id);
    }

    @Override
    public List<String> messages() {
        return web.calls("chat.postMessage").stream().map(c -> String.valueOf(c.get("text"))).toList();
    }

    @Override
    public boolean answers() throws Exception {
        String sent = send(BOB, "!slurm nodes");
        return web.await("chat.postMessage", c -> sent.equals(c.get("thread_ts"))) != null;
    }

    /** Sends a message frame once the client is connected (a dropped client must reconnect by itself). */
    private String send(String user, String line) throws Exception {
        awaitConnected();
        long n = ts.incrementAndGet();
        String stamp = "%d.%06d".formatted(n / 1_000_000, n % 1_000_000);
        socket.sendFrame(SlackFrames.message("Ev" + n, CHANNEL, user, line, stamp));
        return stamp;
    }

    @Override
    public void close() throws Exception {
        try {
            if (adapters != null) {
                adapters.close();
            }
        } finally {
            web.close();
            socket.shutdown();
        }
    }
}
