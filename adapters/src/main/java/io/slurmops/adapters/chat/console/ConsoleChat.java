package io.slurmops.adapters.chat.console;

import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatHandler;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;
import io.slurmops.commands.reply.Reply;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chat in a terminal: type {@code !slurm …} and read the bot's replies, exactly as a channel
 * would show them. {@code /as USER} switches the simulated user so four-eyes can be tried alone;
 * {@code /react ID EMOJI} votes on a posted message.
 */
public final class ConsoleChat implements ChatChannel {

    public static final String PLATFORM = "console";

    private final ChatHandler handler;
    private final BufferedReader in;
    private final PrintStream out;
    private final String channel;
    private final AtomicLong ids = new AtomicLong();
    /**
     * Qualifies the short ids shown on screen ("m3"), so that ids stay unique across console sessions
     * sharing one store: the bot dedups deliveries and binds votes by these ids.
     */
    private final String session = UUID.randomUUID().toString().substring(0, 8);
    private volatile String user;
    private final boolean switchUser;
    private final String whyNoSwitch;
    private volatile AttachmentFiles attachments;

    public ConsoleChat(ChatHandler handler, BufferedReader in, PrintStream out, String user, String channel) {
        this(handler, in, out, user, channel, true);
    }

    /** @param switchUser whether {@code /as USER} may change who is typing (the lab: yes; a real site: no) */
    public ConsoleChat(ChatHandler handler, BufferedReader in, PrintStream out, String user, String channel,
                       boolean switchUser) {
        this(handler, in, out, user, channel, switchUser,
                "switching user is off in this configuration (console.switchUser: false); you are " + user);
    }

    /** @param whyNoSwitch what {@code /as} answers when switching is not allowed */
    public ConsoleChat(ChatHandler handler, BufferedReader in, PrintStream out, String user, String channel,
                       boolean switchUser, String whyNoSwitch) {
        this.handler = handler;
        this.in = in;
        this.out = out;
        this.user = user;
        this.channel = channel;
        this.switchUser = switchUser;
        this.whyNoSwitch = whyNoSwitch;
    }

    /** Where a reply's files (postmortems, charts) are written; without it they are only named. */
    public ConsoleChat attachmentsTo(AttachmentFiles files) {
        this.attachments = files;
        return this;
    }

    /** Reads lines until end of input or {@code /quit}. */
    public void run() throws IOException {
        say("slurmops console — you are " + user + ". Type !slurm help, /as USER to switch user, "
                + "/react ID ✅ to vote, /quit to leave.");
        String line;
        prompt();
        while ((line = in.readLine()) != null) {
            String t = line.strip();
            if (t.equals("/quit") || t.equals("/exit")) {
                break;
            }
            handleLine(t);
            prompt();
        }
    }

    void handleLine(String t) {
        if (t.isEmpty()) {
            return;
        }
        if (t.startsWith("/as")) {
            if (!switchUser) {
                say(whyNoSwitch);
                return;
            }
            String[] parts = t.split("\\s+");
            if (parts.length != 2) {
                say("usage: /as USER");
            } else {
                user = parts[1];
                say("you are now " + user);
            }
            return;
        }
        if (t.startsWith("/react")) {
            String[] parts = t.split("\\s+");
            if (parts.length != 3) {
                say("usage: /react MESSAGE_ID EMOJI   (e.g. /react m3 ✅)");
                return;
            }
            String id = qualified("r" + ids.incrementAndGet());
            handler.onReaction(new ReactionEvent(PLATFORM, id, channel, qualified(parts[1]), user, user, parts[2],
                    Instant.now()), this);
            return;
        }
        if (t.startsWith("/")) {
            say("unknown console command " + t.split("\\s+")[0] + "; known: /as USER, /react ID EMOJI, /quit");
            return;
        }
        String id = qualified("m" + ids.incrementAndGet());
        handler.onMessage(new ChatMessage(PLATFORM, id, channel, user, user, t, id, Instant.now()), this);
    }

    private String qualified(String shortId) {
        return session + "-" + shortId;
    }

    private static String shortId(String messageId) {
        int dash = messageId.indexOf('-');
        return dash < 0 ? messageId : messageId.substring(dash + 1);
    }

    @Override
    public String post(Reply reply) {
        String id = "m" + ids.incrementAndGet();
        synchronized (out) {
            out.println();
            out.println("[" + id + "] " + reply.toPlainText().stripTrailing());
            AttachmentFiles files = attachments;
            for (var a : reply.attachments()) {
                try {
                    out.println(files == null ? "   (" + a.fileName() + " not saved: no attachment directory)"
                            : "   saved " + files.write(a));
                } catch (RuntimeException e) {
                    out.println("   " + e.getMessage());
                }
            }
            out.flush();
        }
        return qualified(id);
    }

    @Override
    public String postForVote(Reply plan) {
        String id = post(plan);
        say("(vote with /react " + shortId(id) + " ✅ or /react " + shortId(id) + " ❌)");
        return id;
    }

    @Override
    public void react(String messageId, String emoji) {
        say("[" + shortId(messageId) + "] +" + emoji);
    }

    private void prompt() {
        synchronized (out) {
            out.print(user + "> ");
            out.flush();
        }
    }

    private void say(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
