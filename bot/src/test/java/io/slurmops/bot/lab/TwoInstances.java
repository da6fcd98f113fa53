package io.slurmops.bot.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.gson.JsonObject;
import io.slurmops.adapters.chat.discord.FakeDiscordGateway;
import io.slurmops.adapters.chat.discord.FakeDiscordRest;
import io.slurmops.testing.LabCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Two real {@code slurmops bot} processes on the lab's MariaDB (database {@code slurmops}, emptied first)
 * and one Discord shard served by the local wire-level fakes: both sessions get every event, as Discord
 * does. Instance {@code a} starts first and takes the alert lease; {@code b} stands by. The harness
 * counts what reached the fake REST API, whichever instance sent it.
 */
final class TwoInstances implements AutoCloseable {

    static final String URL = "jdbc:mariadb://127.0.0.1:3306/slurmops";
    static final String USER = "slurmops";
    static final String PASSWORD = "slurmops-two-instances-test";
    static final String CHANNEL = FakeDiscordGateway.CHANNEL;
    static final String ALICE = "100000000000000030";
    static final String BOB = "100000000000000031";
    static final Duration TTL = Duration.ofSeconds(4);
    static final Duration RENEW = Duration.ofSeconds(1);

    final FakeDiscordGateway gateway = new FakeDiscordGateway();
    final FakeDiscordRest rest;
    final Path dir;
    BotInstance a;
    BotInstance b;
    /** runbooks.siteDir for both instances, when a test brings its own runbooks. */
    Path runbooks;

    TwoInstances(Path dir) throws Exception {
        this.dir = dir;
        gateway.startAndWait();
        rest = new FakeDiscordRest();
        freshDatabase();
    }

    /** Starts a, waits until it leads the alert lease, then b; both connected to the gateway. */
    TwoInstances start() throws Exception {
        Path config = writeConfig();
        Map<String, String> env = Map.of("SLURMOPS_DB_PASSWORD", PASSWORD, "DISCORD_TOKEN", FakeDiscordRest.TOKEN);
        a = BotInstance.start("a", config, dir.resolve("a"), env);
        awaitTrue("a leads the alert lease", Duration.ofSeconds(90), () -> leaseHolderPid().orElse(-1L) == a.pid());
        b = BotInstance.start("b", config, dir.resolve("b"), env);
        awaitTrue("both sessions identified on the gateway", Duration.ofSeconds(90),
                () -> gateway.identifiedSessions() == 2);
        return this;
    }

    /** The instance whose holder name ("pid@host/nonce") is {@code holder}. */
    BotInstance byHolder(String holder) {
        long pid = Long.parseLong(holder.substring(0, holder.indexOf('@')));
        return pid == a.pid() ? a : b;
    }

    BotInstance leader() {
        long pid = leaseHolderPid().orElseThrow();
        return pid == a.pid() ? a : b;
    }

    BotInstance other(BotInstance one) {
        return one == a ? b : a;
    }

    /** The pid of the alert lease's holder (holders are "pid@host/nonce"), if its lease has not lapsed. */
    Optional<Long> leaseHolderPid() {
        return query("SELECT holder FROM leases WHERE name = 'alerts' AND expires_ms > "
                + "UNIX_TIMESTAMP(NOW(3)) * 1000").map(h -> Long.parseLong(h.substring(0, h.indexOf('@'))));
    }

    Optional<String> query(String sql) {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        } catch (java.sql.SQLException e) {
            return Optional.empty();
        }
    }

    void say(String messageId, String author, String name, String text) {
        gateway.broadcast(io.slurmops.adapters.chat.discord.DiscordFrames.message(messageId, CHANNEL, author, name, text));
    }

    void react(String userId, String name, String messageId, String emoji) {
        gateway.broadcast(io.slurmops.adapters.chat.discord.DiscordFrames.reaction(userId, name, messageId, emoji));
    }

    /** New messages the instances created in the channel (top-level or replies) whose text matches. */
    List<FakeDiscordRest.Call> posts(Predicate<String> text) {
        return rest.calls(c -> c.method().equals("POST") && c.path().equals("/api/v10/channels/" + CHANNEL + "/messages")
                && text.test(content(c)));
    }

    FakeDiscordRest.Call awaitPost(String what, Duration within, Predicate<String> text) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < end) {
            List<FakeDiscordRest.Call> found = posts(text);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no post " + what + " within " + within.toSeconds() + " s; posts:\n"
                + String.join("\n---\n", posts(t -> true).stream().map(TwoInstances::content).toList())
                + "\n" + a.tail(30) + "\n" + b.tail(30));
    }

    static String content(FakeDiscordRest.Call c) {
        return c.payload().has("content") ? c.payload().get("content").getAsString() : "";
    }

    static String referenced(FakeDiscordRest.Call c) {
        JsonObject ref = c.payload().getAsJsonObject("message_reference");
        return ref == null ? null : ref.get("message_id").getAsString();
    }

    /** The id the fake gave a created message: the id in the path of the first reaction the bot put on it. */
    String messageIdOf(FakeDiscordRest.Call post) throws Exception {
        int index = rest.calls(c -> true).indexOf(post);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            List<FakeDiscordRest.Call> after = rest.calls(c -> true);
            for (FakeDiscordRest.Call c : after.subList(index + 1, after.size())) {
                if (c.method().equals("PUT") && c.path().contains("/reactions/%E2%9D%8C/")) {
                    return c.path().replaceAll(".*/messages/(\\d+)/reactions/.*", "$1");
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no ❌ put on the plan");
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static void awaitTrue(String what, Duration within, Check check) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + within.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }

    private void freshDatabase() throws Exception {
        String sql = "DROP DATABASE IF EXISTS slurmops;"
                + "CREATE DATABASE slurmops CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;"
                + "CREATE USER IF NOT EXISTS 'slurmops'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "';"
                + "GRANT ALL ON slurmops.* TO 'slurmops'@'127.0.0.1';";
        LabCluster.Result r = LabCluster.exec(List.of("mariadb", "-u", "root", "-e", sql), 60);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("cannot prepare the slurmops database on the lab's MariaDB: " + r.output());
        }
    }

    /** config/lab.yaml with the shared store, short leases, the Discord fakes, two people and a fast watch. */
    private Path writeConfig() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode root = (ObjectNode) yaml.readTree(LabCluster.repoRoot().resolve("config/lab.yaml").toFile());
        root.putObject("store").put("url", URL).put("user", USER).put("password", "${SLURMOPS_DB_PASSWORD}")
                .put("leaseTtl", TTL.toSeconds() + "s").put("leaseRenewEvery", RENEW.toSeconds() + "s");
        ObjectNode users = root.putObject("access").putObject("users");
        users.put("discord:" + ALICE, "operator");
        users.put("discord:" + BOB, "approver");
        root.remove("console");
        ObjectNode alerts = root.putObject("alerts");
        alerts.put("enabled", true).put("channel", "discord:" + CHANNEL).put("interval", "5s")
                .put("nodesInterval", "2s").put("recoveryPolls", 2).put("flapWindow", "10m")
                .put("triggers", false); // strigger state is cluster-wide and would outlive the test
        ObjectNode discord = root.putObject("discord");
        discord.put("enabled", true).put("token", "${DISCORD_TOKEN}").put("restUrl", rest.url())
                .put("gatewayUrl", gateway.url()).put("slashCommand", "none");
        discord.putArray("allowedChannels").add(CHANNEL);
        if (runbooks != null) {
            root.putObject("runbooks").put("siteDir", runbooks.toString());
        }
        Path file = dir.resolve("two-instances.yaml");
        Files.writeString(file, yaml.writeValueAsString(root));
        return file;
    }

    @Override
    public void close() throws Exception {
        for (BotInstance i : new BotInstance[] {a, b}) {
            if (i != null) {
                i.close();
            }
        }
        rest.close();
        gateway.shutdown();
    }
}
