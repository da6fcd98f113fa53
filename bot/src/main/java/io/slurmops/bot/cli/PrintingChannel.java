package io.slurmops.bot.cli;

import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.reply.Reply;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/** The CLI's channel: every reply the bot posts is printed as plain text. */
final class PrintingChannel implements ChatChannel {

    private final PrintStream out;
    private final AtomicLong ids = new AtomicLong();
    private final String session = Long.toString(ProcessHandle.current().pid(), 36);

    PrintingChannel(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized String post(Reply reply) {
        out.println(reply.toPlainText().stripTrailing());
        out.flush();
        return "cli-" + session + "-" + ids.incrementAndGet();
    }
}
