package io.slurmops.bot.approval;

import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.reply.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A chat channel that keeps what was posted; ids are unique per instance, like a platform's. */
final class Transcript implements ChatChannel {

    record Post(String id, String thread, boolean forVote, String text) {
    }

    private final String prefix;
    private final List<Post> posts = new ArrayList<>();

    Transcript() {
        this(UUID.randomUUID().toString().substring(0, 6));
    }

    /** Ids {@code PREFIX-1, PREFIX-2, …}: two channels with one prefix repeat ids, as Slack ts do across channels. */
    Transcript(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public synchronized String post(Reply reply) {
        return add(null, false, reply);
    }

    /** Runs after a plan is posted and before its id is returned (a platform still adding ✅/❌). */
    volatile java.util.function.Consumer<String> whilePostingForVote;

    @Override
    public String postForVote(Reply plan) {
        String id;
        synchronized (this) {
            id = add(null, true, plan);
        }
        java.util.function.Consumer<String> hook = whilePostingForVote;
        if (hook != null) {
            hook.accept(id);
        }
        return id;
    }

    @Override
    public synchronized String postInThread(String parent, Reply reply) {
        return add(parent, false, reply);
    }

    private String add(String thread, boolean vote, Reply reply) {
        String id = prefix + "-" + (posts.size() + 1);
        posts.add(new Post(id, thread, vote, reply.toPlainText()));
        return id;
    }

    synchronized List<Post> posts() {
        return List.copyOf(posts);
    }

    synchronized String text() {
        StringBuilder b = new StringBuilder();
        posts.forEach(p -> b.append(p.text()).append('\n'));
        return b.toString();
    }

    /** The id of the last plan posted for vote. */
    synchronized String lastVoteMessage() {
        for (int i = posts.size() - 1; i >= 0; i--) {
            if (posts.get(i).forVote()) {
                return posts.get(i).id();
            }
        }
        throw new AssertionError("no plan was posted for vote; posts: " + posts);
    }
}
