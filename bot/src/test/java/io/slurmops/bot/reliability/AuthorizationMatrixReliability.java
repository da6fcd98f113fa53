package io.slurmops.bot.reliability;

import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Role;
import io.slurmops.commands.catalog.SlurmCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18 item 3: every role × command × channel (its global role, or a channel that demotes everyone to
 * viewer) × platform × `!`/slash form through the real pipeline, store and approval desk; then the voting
 * rules (self-approval, double votes, expiry, a removed approver, one person on two platforms, un-vote).
 */
class AuthorizationMatrixReliability {

    /** One identity per role and platform; "none" is listed nowhere (deny by default). */
    private static final String ACCESS = """
            people:
              alice: ["slack:UALICE", "discord:1001"]
            access:
              users: {"slack:UVIEWER": viewer, "discord:2001": viewer, "console:viewer": viewer,
                      "slack:UOPERATOR": operator, "discord:2002": operator, "console:operator": operator,
                      "slack:UAPPROVER": approver, "discord:2003": approver, "console:approver": approver,
                      "slack:UADMIN": admin, "discord:2004": admin, "console:admin": admin,
                      alice: approver, "slack:UBOB": approver, "slack:UCAROL": approver}
              channels:
                public: {users: {"slack:UOPERATOR": viewer, "discord:2002": viewer, "console:operator": viewer,
                                 "slack:UAPPROVER": viewer, "discord:2003": viewer, "console:approver": viewer,
                                 "slack:UADMIN": viewer, "discord:2004": viewer, "console:admin": viewer}}
            """;
    /** The same, with UCAROL no longer an approver (removed after a request was made). */
    private static final String ACCESS_WITHOUT_CAROL = ACCESS.replace(", \"slack:UCAROL\": approver", "");

    private static final Map<String, String[]> IDS = Map.of(
            "slack", new String[]{"UNONE", "UVIEWER", "UOPERATOR", "UAPPROVER", "UADMIN"},
            "discord", new String[]{"9999", "2001", "2002", "2003", "2004"},
            "console", new String[]{"nobody", "viewer", "operator", "approver", "admin"});
    private static final List<String> ROLES = List.of("none", "viewer", "operator", "approver", "admin");

    @TempDir
    Path dir;

    @Test
    void everyRoleCommandChannelPlatformAndFormIsAllowedExactlyWhenTheRoleSuffices() throws Exception {
        int cells = 0;
        int allowed = 0;
        List<String> holes = new ArrayList<>();
        try (ReliabilityBot bot = new ReliabilityBot(dir, ACCESS, "15m")) {
            HostileLines lines = new HostileLines(18L, bot.app.bot().catalog());
            for (SlurmCommand command : bot.app.bot().catalog().commands()) {
                CommandSpec spec = command.spec();
                String line = lines.valid(spec);
                Role needed = spec.requiredRole(spec.risk());
                for (String channel : List.of("incident", "public")) {
                    for (String platform : List.of("slack", "discord", "console")) {
                        for (boolean slash : platform.equals("console") ? List.of(false) : List.of(false, true)) {
                            for (int r = 0; r < ROLES.size(); r++) {
                                Optional<Role> role = r == 0 ? Optional.empty()
                                        : Optional.of(channel.equals("public") ? Role.VIEWER : Role.values()[r - 1]);
                                boolean may = role.isPresent() && role.get().atLeast(needed);
                                String user = IDS.get(platform)[r];
                                ReliabilityBot.Posts ch = new ReliabilityBot.Posts();
                                BotResponse resp = slash ? bot.slash(platform, channel, user, line, ch)
                                        : bot.say(platform, channel, user, "!slurm " + line, ch);
                                cells++;
                                boolean refused = authorizationRefused(resp);
                                if (may) {
                                    allowed++;
                                }
                                // A line the grammar refuses (USAGE) says nothing about roles; a forbidden cell must
                                // never run or plan, an allowed one is never refused for its role.
                                boolean acted = resp.outcome() == Outcome.DONE || resp.outcome() == Outcome.PENDING
                                        || resp.outcome() == Outcome.FAILED;
                                boolean hole = may ? refused && !riskRaisedByArguments(resp) : acted;
                                if (hole) {
                                    holes.add(platform + (slash ? " /slash" : " !") + " " + channel + " "
                                            + ROLES.get(r) + " `" + line + "` needs " + needed.label() + ": "
                                            + resp.outcome() + " " + (resp.reply() == null ? "" : resp.reply().title()));
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("authorization matrix: %d cells (%d allowed, %d forbidden), holes %d%n", cells, allowed,
                cells - allowed, holes.size());
        assertTrue(holes.isEmpty(), holes.size() + " holes, first: " + holes.subList(0, Math.min(15, holes.size())));
    }

    /** REFUSED is also a plan the cluster's state refuses ("#3 not possible: nothing to resume"): not a role check. */
    private static boolean authorizationRefused(BotResponse resp) {
        String title = resp.reply() == null ? "" : resp.reply().title();
        return resp.outcome() == Outcome.REFUSED && !title.contains("not possible") && !title.contains("is already");
    }

    /** A command whose arguments make it riskier than its declared risk (a mass action) may refuse a role that suffices for the declared one. */
    private static boolean riskRaisedByArguments(BotResponse resp) {
        // The vote desk checks the approver role itself: approve/deny are open to viewers in the grammar.
        return resp.reply() != null && (resp.reply().title().contains("needs the admin role")
                || resp.reply().title().startsWith("vote not counted"));
    }

    @Test
    void votingRulesHoldAcrossPlatformsExpiryAndChangedApprovers() throws Exception {
        int cells = 0;
        ReliabilityBot.Posts ch = new ReliabilityBot.Posts();
        long id;
        try (ReliabilityBot bot = new ReliabilityBot(dir, ACCESS, "15m")) {
            // Self-approval, through the other platform too: alice requests on Slack, approves on Discord.
            id = bot.say("slack", "incident", "UALICE", "!slurm drain node001 disk failing", ch).requestId();
            assertTrue(id > 0, ch.text());
            assertVote(bot, ch, "slack", "UALICE", id, false, "self-approval by typing");
            assertVote(bot, ch, "discord", "1001", id, false, "self-approval from her other platform");
            bot.react("discord", "incident", "1001", ch.lastVoteMessage(), "white_check_mark", false, ch);
            cells += 3;
            assertEquals(RequestState.PENDING, state(bot, id), "self-approval by reaction on the other platform");
            // A double vote counts once; the request needs one approval, so check on a two-approval command instead:
            // un-vote and re-vote by reaction on the pending request.
            bot.react("slack", "incident", "UBOB", ch.lastVoteMessage(), "white_check_mark", false, ch);
            bot.react("slack", "incident", "UBOB", ch.lastVoteMessage(), "white_check_mark", false, ch);
            cells += 2;
            assertEquals(1, bot.cluster.ran("scontrol", "update").size(), "approved once, ran once: " + ch.text());

            // Votes after expiry count nothing and run nothing.
            long late = bot.say("slack", "incident", "UALICE", "!slurm drain node002 fan", ch).requestId();
            bot.clock.advance(Duration.ofMinutes(16));
            assertVote(bot, ch, "slack", "UBOB", late, false, "vote after expiry");
            cells++;
            assertEquals(1, bot.cluster.ran("scontrol", "update").size(), ch.text());

            long again = bot.say("slack", "incident", "UALICE", "!slurm drain node003 psu", ch).requestId();
            id = again;
            cells++;
        }
        // A vote from someone removed from the approvers after the request was made (config changed, bot restarted).
        try (ReliabilityBot bot = new ReliabilityBot(dir, ACCESS_WITHOUT_CAROL, "15m")) {
            assertVote(bot, ch, "slack", "UCAROL", id, false, "vote from a removed approver");
            cells++;
            assertEquals(RequestState.PENDING, state(bot, id));
            assertVote(bot, ch, "slack", "UBOB", id, true, "vote from a current approver");
            assertVote(bot, ch, "slack", "UBOB", id, false, "double vote after the decision");
            cells += 2;
        }
        System.out.printf("authorization matrix: %d voting cells%n", cells);
    }

    /** Every vote form × voter and moment (see {@link VotingMatrix}), each on its own request. */
    @Test
    void votingMatrixGeneratedFromTheConfigurationHasNoHoles() throws Exception {
        try (ReliabilityBot bot = new ReliabilityBot(dir, ACCESS, VotingMatrix.RISK)) {
            VotingMatrix m = new VotingMatrix(bot);
            m.runAll();
            System.out.printf("authorization matrix: %d generated voting cells (%d forms × %d voters and moments, "
                    + "where they apply), holes %d%n", m.cells, VotingMatrix.FORMS.size(),
                    VotingMatrix.Voter.values().length, m.holes.size());
            assertTrue(m.holes.isEmpty(), m.holes.size() + " holes: " + String.join("\n", m.holes));
        }
    }

    private static RequestState state(ReliabilityBot bot, long id) {
        RequestRecord r = bot.app.approvals().store().transaction(tx -> tx.request(id)).orElseThrow();
        return r.state();
    }

    private static void assertVote(ReliabilityBot bot, ReliabilityBot.Posts ch, String platform, String user, long id,
                                   boolean counts, String what) {
        RequestState before = state(bot, id);
        BotResponse r = bot.say(platform, "incident", user, "!slurm approve " + id, ch);
        RequestState after = state(bot, id);
        boolean moved = before == RequestState.PENDING && java.util.Set.of(RequestState.APPROVED, RequestState.RUNNING,
                RequestState.SUCCEEDED, RequestState.FAILED).contains(after);
        assertEquals(counts, moved, what + ": " + r.outcome() + " " + (r.reply() == null ? "" : r.reply().title())
                + " state " + before + "→" + after);
    }
}
