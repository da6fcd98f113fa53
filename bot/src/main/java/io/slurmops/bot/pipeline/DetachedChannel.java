package io.slurmops.bot.pipeline;

import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.reply.Reply;

import java.util.concurrent.atomic.AtomicLong;

/** Where replies go when the caller only wants the returned one; never remembered as a request's channel. */
final class DetachedChannel implements ChatChannel {

    private static final AtomicLong IDS = new AtomicLong();

    @Override
    public String post(Reply reply) {
        return "detached-" + IDS.incrementAndGet();
    }
}
