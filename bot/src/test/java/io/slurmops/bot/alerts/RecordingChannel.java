package io.slurmops.bot.alerts;

import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.reply.Reply;

import java.util.ArrayList;
import java.util.List;

/** A chat channel that remembers what was posted, for assertions. */
final class RecordingChannel implements ChatChannel {

    record Post(String id, String parent, boolean forVote, Reply reply) {
    }

    final List<Post> posts = new ArrayList<>();
    final List<String> reactions = new ArrayList<>();

    @Override
    public synchronized String post(Reply reply) {
        return add(null, false, reply);
    }

    @Override
    public synchronized String postForVote(Reply plan) {
        return add(null, true, plan);
    }

    @Override
    public synchronized String postInThread(String parentMessageId, Reply reply) {
        return add(parentMessageId, false, reply);
    }

    @Override
    public synchronized void react(String messageId, String emoji) {
        reactions.add(messageId + " " + emoji);
    }

    private String add(String parent, boolean vote, Reply reply) {
        String id = "p" + (posts.size() + 1);
        posts.add(new Post(id, parent, vote, reply));
        return id;
    }

    List<Post> topLevel() {
        return posts.stream().filter(p -> p.parent() == null).toList();
    }
}
