package io.slurmops.bot.alerts;

import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.time.Duration;
import java.util.List;

/**
 * Writes incidents to the alert channel: one message per incident, updates and the recovery in its
 * thread. An incident message with a suggested fix is posted for votes: one ✅ from an operator
 * turns the fix into a normal approval request.
 */
public final class AlertPoster {

    private final ChatChannel channel;
    private final String platform;
    private final String channelId;
    private final KnowledgeBase knowledgeBase;
    private final String prefix;
    private final String cluster;

    /** @param platform and {@code channelId}: which channel {@code channel} posts to, recorded with each incident */
    public AlertPoster(ChatChannel channel, String platform, String channelId, KnowledgeBase knowledgeBase,
                       String prefix, String cluster) {
        this.channel = channel;
        this.platform = platform;
        this.channelId = channelId;
        this.knowledgeBase = knowledgeBase;
        this.prefix = prefix;
        this.cluster = cluster;
    }

    /** Posts the incident's first message and returns where it is. */
    public AlertMessage opened(Incident i) {
        Reply.Builder r = Reply.builder("[" + cluster + "] " + label(i.severity()) + " " + i.summary())
                .status(i.severity());
        r.fields(List.of(java.util.Map.entry("Incident", "#" + i.id() + " (" + i.key() + ")"),
                java.util.Map.entry("Detected", i.openedAt().toString())));
        knowledgeBase.byId(i.diagnosisId()).ifPresent(d ->
                r.addAll(KnowledgeBase.render(List.of(new Finding(d, "").withContext(
                        java.util.Map.of("node", i.subject(), "hosts", i.subject()))), prefix)));
        if (!i.repair().isBlank()) {
            r.paragraph("Suggested fix: `" + prefix + " " + i.repair() + "` — react ✅ (operator or above) to request it;"
                    + " it still needs approval by someone else before it runs.");
            return new AlertMessage(platform, channelId, channel.postOnce(openedKey(i), null, r.build(), true));
        }
        return new AlertMessage(platform, channelId, channel.postOnce(openedKey(i), null, r.build(), false));
    }

    public void changed(Incident i) {
        Reply.Builder r = Reply.builder("Incident #" + i.id() + " is now " + label(i.severity()) + ": " + i.summary())
                .status(i.severity());
        if (!i.repair().isBlank()) {
            // the ✅ on the incident's first message requests the incident's current fix (SuggestedFixes)
            r.paragraph("Suggested fix now: `" + prefix + " " + i.repair() + "` — react ✅ on the alert to request it.");
        }
        thread(i, r.build());
    }

    /**
     * The first checks' findings in the incident's thread: what each saw on the node, then the cause and
     * why the fix fits it — or why there is none and what a person should look at.
     */
    public void triage(Incident i, List<String> lines) {
        Reply.Builder r = Reply.builder("Triage of " + i.subject() + " (incident #" + i.id() + ")").status(i.severity());
        r.add(new io.slurmops.commands.reply.Block.Code(String.join("\n", lines)));
        String cause = knowledgeBase.byId(i.diagnosisId()).map(d -> d.title()).orElse("not found by the first checks");
        r.paragraph("Cause: " + cause + ". " + (i.repair().isBlank()
                ? "No suggested fix: " + knowledgeBase.byId(i.diagnosisId()).map(d -> d.cause())
                        .orElse("nothing the bot can run would help; a person must look.")
                : "Suggested fix: `" + prefix + " " + i.repair() + "` (react ✅ on the alert to request it)."));
        thread(i, r.build());
    }

    /** A check that could not read the incident's node: noted in this incident instead of opening its own. */
    public void symptom(Incident i, String line) {
        thread(i, Reply.builder(line).status(Status.INFO).build());
    }

    public void recurred(Incident i) {
        thread(i, Reply.builder("Incident #" + i.id() + " came back (flapping, " + i.flaps() + " time"
                + (i.flaps() == 1 ? "" : "s") + "): " + i.summary()).status(i.severity()).build());
    }

    public void resolved(Incident i) {
        String took = i.duration().map(AlertPoster::human).orElse("?");
        channel.postOnce(resolvedKey(i), i.messageId(), Reply.builder("[" + cluster + "] RECOVERED after " + took + ": "
                + i.subject() + " (incident #" + i.id() + ")").status(Status.OK).build(), false);
        if (i.messageId() != null) {
            channel.react(i.messageId(), "white_check_mark");
        }
    }

    /** The keys its posts are claimed under ({@code claims}) and made idempotent with on the platform. */
    public static String openedKey(Incident i) {
        return "alert:" + i.id() + ":opened";
    }

    public static String resolvedKey(Incident i) {
        return "alert:" + i.id() + ":resolved";
    }

    private void thread(Incident i, Reply reply) {
        if (i.messageId() == null) {
            channel.post(reply);
        } else {
            channel.postInThread(i.messageId(), reply);
        }
    }

    private static String label(Status s) {
        return s == Status.CRITICAL ? "CRITICAL" : s == Status.WARNING ? "WARNING" : s.name();
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        return (s / 3600) + "h " + ((s % 3600) / 60) + "m";
    }
}
