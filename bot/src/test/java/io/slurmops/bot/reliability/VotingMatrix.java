package io.slurmops.bot.reliability;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.bot.pipeline.BotResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The voting half of the authorization matrix, generated from the configuration's identities: every way
 * to cast a vote (typed `!` or slash on Slack and Discord, typed on the console, a ✅ reaction on Slack
 * and Discord) × every kind of voter and moment (the requester, the requester through her other platform,
 * a role that may not approve, an unknown id, an approver, a vote after expiry, the same vote twice, the
 * same person through two platforms, un-vote and re-vote before the run, un-vote and re-vote after it).
 * Each cell opens its own request and checks the request's state, the counted votes and how often it ran.
 */
final class VotingMatrix {

    /** How a vote is cast. */
    record Form(String platform, String how) {
        boolean reaction() {
            return how.equals("reaction");
        }

        @Override
        public String toString() {
            return platform + " " + how;
        }
    }

    enum Voter { SELF, SELF_OTHER_PLATFORM, NOT_AN_APPROVER, UNKNOWN, APPROVER, AFTER_EXPIRY, TWICE,
        SAME_PERSON_TWO_PLATFORMS, UNVOTE_REVOTE_BEFORE_RUN, UNVOTE_REVOTE_AFTER_RUN }

    static final List<Form> FORMS = List.of(new Form("slack", "!"), new Form("slack", "slash"),
            new Form("slack", "reaction"), new Form("discord", "!"), new Form("discord", "slash"),
            new Form("discord", "reaction"), new Form("console", "!"));

    /** One-approval change (reconfig) and two-approval one (restart slurmd, made destructive by the configuration). */
    static final String ONE = "reconfig";
    static final String TWO = "restart slurmd node002";
    static final String RISK = "15m\n  risk: {\"restart slurmd\": destructive}";

    /** Identities by platform, from the configuration in {@link AuthorizationMatrixReliability}. */
    private static final Map<String, Map<String, String>> WHO = Map.of(
            "slack", Map.of("alice", "UALICE", "approver", "UAPPROVER", "approver2", "UBOB", "operator", "UOPERATOR",
                    "unknown", "UNONE", "admin", "UADMIN"),
            "discord", Map.of("alice", "1001", "approver", "2003", "operator", "2002", "unknown", "9999",
                    "admin", "2004"),
            "console", Map.of("alice", "admin", "approver", "approver", "operator", "operator", "unknown", "nobody",
                    "admin", "admin"));       // the console has no alice: its requester is its admin

    private final ReliabilityBot bot;
    final List<String> holes = new ArrayList<>();
    int cells;
    /** The request the cell opened. */
    private long current;

    VotingMatrix(ReliabilityBot bot) {
        this.bot = bot;
    }

    void runAll() {
        for (Form f : FORMS) {
            for (Voter v : Voter.values()) {
                boolean applies = switch (v) {
                    case SELF_OTHER_PLATFORM, SAME_PERSON_TWO_PLATFORMS -> !f.platform().equals("console");
                    case UNVOTE_REVOTE_BEFORE_RUN, UNVOTE_REVOTE_AFTER_RUN -> f.reaction();
                    default -> true;
                };
                if (applies) {
                    cells++;
                    String wrong = cell(f, v);
                    if (wrong != null) {
                        holes.add(f + " × " + v + ": " + wrong);
                    }
                }
            }
        }
    }

    /** Null when the cell behaved as the rules say; else what went wrong. */
    private String cell(Form f, Voter v) {
        String p = f.platform();
        String other = p.equals("slack") ? "discord" : "slack";
        ReliabilityBot.Posts ch = new ReliabilityBot.Posts();
        return switch (v) {
            case SELF -> expect(open(p, "alice", ONE, ch), ch, 0, RequestState.PENDING, 0,
                    () -> vote(f, "alice", ch));
            case SELF_OTHER_PLATFORM -> expect(open(other, "alice", ONE, ch), ch, 0, RequestState.PENDING, 0,
                    () -> vote(f, "alice", ch));
            case NOT_AN_APPROVER -> expect(open(p, "alice", ONE, ch), ch, 0, RequestState.PENDING, 0,
                    () -> vote(f, "operator", ch));
            case UNKNOWN -> expect(open(p, "alice", ONE, ch), ch, 0, RequestState.PENDING, 0,
                    () -> vote(f, "unknown", ch));
            case APPROVER -> expect(open(p, "alice", ONE, ch), ch, 1, RequestState.SUCCEEDED, 1,
                    () -> vote(f, "approver", ch));
            case AFTER_EXPIRY -> expect(open(p, "alice", ONE, ch), ch, 0, RequestState.EXPIRED, 0, () -> {
                bot.clock.advance(Duration.ofMinutes(16));
                vote(f, "approver", ch);
            });
            case TWICE -> expect(open(p, "admin", TWO, ch), ch, 1, RequestState.PENDING, 0, () -> {
                vote(f, "approver", ch);
                vote(f, "approver", ch);
            });
            case SAME_PERSON_TWO_PLATFORMS -> expect(open(p, "admin", TWO, ch), ch, 1, RequestState.PENDING, 0, () -> {
                vote(f, "alice", ch);
                vote(new Form(other, f.reaction() ? "reaction" : "!"), "alice", ch);
            });
            case UNVOTE_REVOTE_BEFORE_RUN -> expect(open(p, "admin", TWO, ch), ch, 2, RequestState.SUCCEEDED, 1, () -> {
                vote(f, "approver", ch);
                unreact(f, "approver", ch);
                vote(f, "approver", ch);
                vote(f, "approver", ch);                 // the same ✅ delivered again
                vote(new Form("slack", "!"), "approver2", ch);
            });
            case UNVOTE_REVOTE_AFTER_RUN -> expect(open(p, "alice", ONE, ch), ch, 1, RequestState.SUCCEEDED, 1, () -> {
                vote(f, "approver", ch);
                unreact(f, "approver", ch);
                vote(f, "approver", ch);
            });
        };
    }

    private long open(String platform, String who, String command, ReliabilityBot.Posts ch) {
        BotResponse r = bot.say(platform, "incident", WHO.get(platform).get(who), "!slurm " + command, ch);
        current = r.requestId();
        return current;
    }

    private String expect(long id, ReliabilityBot.Posts ch, int votes, RequestState state, int runs, Runnable act) {
        if (id <= 0) {
            return "no request opened: " + ch.text();
        }
        act.run();
        List<AuditEntry> trail = bot.app.approvals().store().transaction(tx -> tx.auditOf(id));
        long counted = trail.stream().filter(e -> e.kind() == AuditKind.VOTE).count()
                - trail.stream().filter(e -> e.kind() == AuditKind.VOTE_WITHDRAWN).count();
        long started = trail.stream().filter(e -> e.kind() == AuditKind.STARTED).count();
        RequestState now = bot.app.approvals().store().transaction(tx -> tx.request(id)).orElseThrow().state();
        if (counted != votes || now != state || started != runs) {
            return "#" + id + " expected " + votes + " vote(s), " + state + ", " + runs + " run(s); got " + counted
                    + ", " + now + ", " + started + " — " + ch.text().replace('\n', ' ');
        }
        return null;
    }

    private void vote(Form f, String who, ReliabilityBot.Posts ch) {
        String user = WHO.get(f.platform()).get(who);
        switch (f.how()) {
            case "!" -> bot.say(f.platform(), "incident", user, "!slurm approve " + current, ch);
            case "slash" -> bot.slash(f.platform(), "incident", user, "approve " + current, ch);
            default -> bot.react(f.platform(), "incident", user, ch.lastVoteMessage(), "white_check_mark", false, ch);
        }
    }

    private void unreact(Form f, String who, ReliabilityBot.Posts ch) {
        bot.react(f.platform(), "incident", WHO.get(f.platform()).get(who), ch.lastVoteMessage(), "white_check_mark",
                true, ch);
    }

}
