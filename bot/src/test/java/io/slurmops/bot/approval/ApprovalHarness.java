package io.slurmops.bot.approval;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;
import io.slurmops.testing.FakeCluster;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A whole bot (real H2 store in a temp dir, real pipeline and approvals) over a {@link FakeCluster}
 * at the transport edge and a hand-moved clock. {@link #restart()} builds a new Application on the
 * same store, as a process restart would.
 */
final class ApprovalHarness implements AutoCloseable {

    static final String CHANNEL = "incident";
    /** The harness's people type on the console platform: access keys are console:NAME. */
    static final String PLATFORM = "console";

    final FakeCluster cluster;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    final Path dir;
    private final String extraYaml;
    private final String accessYaml;
    Application app;
    Transcript channel = new Transcript();

    ApprovalHarness(Path dir, FakeCluster cluster) throws Exception {
        this(dir, cluster, "");
    }

    ApprovalHarness(Path dir, FakeCluster cluster, String extraYaml) throws Exception {
        this(dir, cluster, extraYaml, CONSOLE_ACCESS);
    }

    private ApprovalHarness(Path dir, FakeCluster cluster, String extraYaml, String accessYaml) throws Exception {
        this.dir = dir;
        this.cluster = cluster;
        this.extraYaml = extraYaml;
        this.accessYaml = accessYaml;
        this.app = start("15m");
    }

    /** A harness whose access (and people) section is {@code accessYaml} instead of the console people. */
    static ApprovalHarness withAccess(Path dir, FakeCluster cluster, String accessYaml) throws Exception {
        return new ApprovalHarness(dir, cluster, "", accessYaml);
    }

    /** The console people of most tests; {@link #withAccess} replaces them. */
    static final String CONSOLE_ACCESS = """
            access:
              users: {"console:alice": operator, "console:bob": approver, "console:dave": approver,
                      "console:carol": viewer, "console:erin": admin, "console:frank": admin}
              channels:
                ops: {users: {"console:carol": approver}}
            """;

    static String yaml(Path dir, String expiry, String extra) {
        return yaml(dir, expiry, extra, CONSOLE_ACCESS);
    }

    static String yaml(Path dir, String expiry, String extra, String access) {
        return """
                prefix: "!slurm"
                site:
                  cluster: test
                  controller: ctl
                  serviceManager: [systemctl]
                  nodeServiceManager: [systemctl]
                store:
                  url: jdbc:h2:file:%s/store
                %s
                approvals:
                  expiry: %s
                %s
                alerts:
                  enabled: false
                """.formatted(dir, access.strip(), expiry, extra);
    }

    Application start(String expiry) throws Exception {
        SlurmopsConfig config = new ConfigLoader(Map.of()).parse(yaml(dir, expiry, extraYaml, accessYaml), "test");
        return Application.startLongRunning(config, cluster, clock);
    }

    /** Closes the bot and starts a new one on the same store; the old channel object is gone. */
    void restart() throws Exception {
        restart("15m");
    }

    void restart(String expiry) throws Exception {
        app.close();
        app = start(expiry);
        channel = new Transcript();
    }

    BotResponse say(String user, String line) {
        return say(user, line, CHANNEL, channel);
    }

    BotResponse say(String user, String line, String channelId, Transcript ch) {
        String id = UUID.randomUUID().toString();
        return app.bot().handle(new ChatMessage(PLATFORM, id, channelId, user, user, line, id, clock.instant()), ch);
    }

    /** A line typed on another platform, by that platform's user id. */
    BotResponse sayOn(String platform, String userId, String userName, String line) {
        String id = UUID.randomUUID().toString();
        return app.bot().handle(new ChatMessage(platform, id, CHANNEL, userId, userName, line, id, clock.instant()),
                channel);
    }

    BotResponse deliver(ChatMessage m) {
        return app.bot().handle(m, channel);
    }

    void react(String user, String messageId, String emoji) {
        react(user, messageId, emoji, UUID.randomUUID().toString());
    }

    void react(String user, String messageId, String emoji, String eventId) {
        app.bot().onReaction(new ReactionEvent(PLATFORM, eventId, CHANNEL, messageId, user, user, emoji, clock.instant()),
                channel);
    }

    /** {@code user} takes the reaction off the message again (an un-vote). */
    void unreact(String user, String messageId, String emoji) {
        app.bot().onReaction(new ReactionEvent(PLATFORM, UUID.randomUUID().toString(), CHANNEL, messageId, user, user,
                emoji, clock.instant(), true), channel);
    }

    /** A reaction on message {@code messageId} of channel {@code channelId}. */
    void reactIn(String channelId, Transcript ch, String user, String messageId, String emoji) {
        app.bot().onReaction(new ReactionEvent(PLATFORM, UUID.randomUUID().toString(), channelId, messageId, user, user,
                emoji, clock.instant()), ch);
    }

    RequestRecord request(long id) {
        return app.approvals().store().transaction(tx -> tx.request(id)).orElseThrow();
    }

    List<AuditKind> trail(long id) {
        List<AuditEntry> rows = app.approvals().store().transaction(tx -> tx.auditOf(id));
        return rows.stream().map(AuditEntry::kind).toList();
    }

    List<AuditEntry> audit(long id) {
        return app.approvals().store().transaction(tx -> tx.auditOf(id));
    }

    /** How many times a Slurm state change for these words ran: "State=DRAIN" etc. */
    long updates(String stateWord) {
        return cluster.ran("scontrol", "update").stream().filter(c -> c.argv().contains(stateWord)).count();
    }

    @Override
    public void close() {
        app.close();
    }
}
