package io.slurmops.bot.runbook.chat;

import io.slurmops.adapters.store.Decision;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.bot.approval.Approvals;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.runbook.run.RunJournal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which request a run belongs to, and so where its news goes: the request's plan message thread.
 * The link is a run value ({@code chat:request}, a name no runbook can declare), so a restarted bot
 * still knows it; the channel object is known only in memory (or once the channel speaks again).
 */
final class RunLinks {

    static final String REQUEST = "chat:request";

    private final SlurmopsStore store;
    private final RunJournal journal;
    private final java.util.function.Supplier<Approvals> approvals;
    private final Map<Long, ChatChannel> channels = new ConcurrentHashMap<>();
    private final ThreadLocal<RequestRecord> starting = new ThreadLocal<>();
    private final ThreadLocal<ChatChannel> startingChannel = new ThreadLocal<>();

    RunLinks(SlurmopsStore store, RunJournal journal, java.util.function.Supplier<Approvals> approvals) {
        this.store = store;
        this.journal = journal;
        this.approvals = approvals;
    }

    /** The run about to be created on this thread belongs to {@code r}; its channel is the request's. */
    void starting(RequestRecord r, ChatChannel channel) {
        starting.set(r);
        startingChannel.set(channel);
    }

    void doneStarting() {
        starting.remove();
        startingChannel.remove();
    }

    /** Called when the engine created the run on this thread: records the link. Empty when not ours. */
    Optional<RequestRecord> link(long run) {
        RequestRecord r = starting.get();
        if (r == null) {
            return Optional.empty();
        }
        journal.setValue(run, REQUEST, Long.toString(r.id()));
        ChatChannel ch = startingChannel.get();
        if (ch != null) {
            channels.put(run, ch);
        }
        return Optional.of(r);
    }

    Optional<RequestRecord> request(long run) {
        RequestRecord r = starting.get();
        if (r != null && journal.run(run).map(rec -> !rec.values().containsKey(REQUEST)).orElse(true)) {
            return Optional.of(r);
        }
        return journal.run(run).map(rec -> rec.values().get(REQUEST)).flatMap(id ->
                store.transaction(tx -> tx.request(Long.parseLong(id))));
    }

    /** Where to talk about the run: the channel it was asked in, when this process knows it. */
    Optional<ChatChannel> channel(long run) {
        ChatChannel ch = channels.get(run);
        if (ch != null) {
            return Optional.of(ch);
        }
        return request(run).flatMap(r -> approvals.get().channelOf(r));
    }

    /** Posts in the request's thread; false when no channel for it is known (yet). */
    boolean post(long run, io.slurmops.commands.reply.Reply reply) {
        Optional<RequestRecord> r = request(run);
        Optional<ChatChannel> ch = channel(run);
        if (r.isEmpty() || ch.isEmpty()) {
            return false;
        }
        if (r.get().messageId() != null) {
            ch.get().postInThread(r.get().messageId(), reply);
        } else {
            ch.get().post(reply);
        }
        return true;
    }

    /** Who approved the run's request, for the audit. */
    List<String> approvers(long requestId) {
        return store.transaction(tx -> tx.votes(requestId)).stream().filter(v -> v.decision() == Decision.APPROVE)
                .map(v -> v.voterName()).toList();
    }
}
