package io.slurmops.bot.reliability;

import io.slurmops.adapters.chat.discord.DiscordFrames;
import io.slurmops.adapters.chat.discord.FakeDiscordGateway;
import io.slurmops.adapters.chat.discord.FakeDiscordRest;
import io.slurmops.adapters.chat.slack.FakeSlackWebApi;
import io.slurmops.adapters.chat.slack.FakeSocketMode;
import io.slurmops.adapters.chat.slack.SlackFrames;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.bot.cli.Main;
import io.slurmops.bot.config.ChatConfig;
import io.slurmops.bot.config.ChatConfigLoader;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.wiring.Application;
import io.slurmops.bot.wiring.ChatAdapters;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18 item 4: the bot as {@code slurmops bot} wires it (Application, the real Slack and Discord
 * clients against their wire-level fakes, the H2 store with a password, the Alertmanager webhook,
 * /metrics), the CLI's {@code config check}, {@code run} and {@code audit}, all with distinctive
 * secrets — plus the bad-input paths (wrong tokens and passwords, broken configuration around a
 * secret). Everything captured is scanned for every secret: 0 hits. The cluster is {@link FakeCluster}
 * (no lab needed): what is scanned is what the bot itself says.
 */
@Timeout(120)
class SecretsReliability {

    private static final String SLACK_BOT = "xoxb-S3KR1T-slackbot-4a8f19";
    private static final String SLACK_APP = "xapp-S3KR1T-slackapp-91c2d7";
    private static final String DISCORD = "S3KR1T-discordbot-b7e05a";
    private static final String STORE_PW = "S3KR1T-storepw-5d21ce";
    private static final String ACCT_PW = "S3KR1T-acctdbpw-3e9a70";
    private static final String AM_TOKEN = "S3KR1T-alertmanager-c4f8b2";
    private static final String WRONG_SLACK = "xoxb-S3KR1T-wrongslack-0b1d3e";
    private static final String WRONG_DISCORD = "S3KR1T-wrongdiscord-77e1a0";
    private static final String WRONG_AM = "S3KR1T-wrongalertmanager-66aa41";
    private static final String WRONG_STORE_PW = "S3KR1T-wrongstorepw-19fe02";
    /** Secrets only in broken configuration files (config check must not print them). */
    private static final String TYPO_PW = "S3KR1T-typo-password-8c3b55";
    private static final String UNQUOTED_PW = "S3KR1T-yaml-error-password-2ad0e4";

    static final Map<String, String> SECRETS = new LinkedHashMap<>();

    static {
        SECRETS.put("slack bot token", SLACK_BOT);
        SECRETS.put("slack app token", SLACK_APP);
        SECRETS.put("discord token", DISCORD);
        SECRETS.put("store password", STORE_PW);
        SECRETS.put("accounting DB password", ACCT_PW);
        SECRETS.put("alertmanager token", AM_TOKEN);
        SECRETS.put("wrong slack token", WRONG_SLACK);
        SECRETS.put("wrong discord token", WRONG_DISCORD);
        SECRETS.put("wrong alertmanager token", WRONG_AM);
        SECRETS.put("wrong store password", WRONG_STORE_PW);
        SECRETS.put("typo'd password key", TYPO_PW);
        SECRETS.put("password in broken YAML", UNQUOTED_PW);
        // Any fragment of any of them (all share the marker).
        SECRETS.put("any S3KR1T marker", "S3KR1T");
    }

    private static final String SLACK_CHANNEL = "C111";
    private static final String ALICE = "U_ALICE";
    private static final String BOB = "U_BOB";

    @TempDir
    Path state;
    @TempDir
    Path configs;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void nothingTheBotSaysWritesOrStoresContainsASecret() throws Exception {
        FakeSocketMode socket = new FakeSocketMode();
        socket.startAndWait();
        FakeSlackWebApi web = new FakeSlackWebApi(socket::url).tokens(SLACK_BOT, SLACK_APP);
        web.displayName(ALICE, "alice");
        web.displayName(BOB, "bob");
        FakeDiscordGateway gateway = new FakeDiscordGateway();
        gateway.startAndWait();
        FakeDiscordRest rest = new FakeDiscordRest().token(DISCORD);
        Path file = writeConfig("slurmops.yaml", config(web.apiUrl(), rest.url(), gateway.url(), STORE_PW, ""));
        SlurmopsConfig config = new ConfigLoader(Map.of()).load(file);
        ChatConfig chat = new ChatConfigLoader(Map.of()).load(file);
        FakeCluster cluster = FakeCluster.withNodes(4);
        try (SecretScan scan = new SecretScan()) {
            scan.add("toString: config", config.toString() + "\n" + config.store() + "\n" + config.accountingDb()
                    + "\n" + config.alertmanager() + "\n" + chat + "\n" + chat.slack() + "\n" + chat.discord());
            try (Application app = Application.startLongRunning(config, cluster, Clock.systemDefaultZone());
                 ChatAdapters adapters = ChatAdapters.start(chat, config.prefix(), app.bot())) {
                app.startAlerts("slack", SLACK_CHANNEL, adapters.channel("slack:" + SLACK_CHANNEL));
                int metricsPort = app.serveHealth(adapters, "test").orElseThrow();
                int amPort = app.alertmanager().orElseThrow().port();
                socket.awaitConnections(1);

                converse(socket, web);
                discord(gateway, rest);
                alertmanager(scan, amPort);
                for (String path : List.of("/metrics", "/healthz", "/readyz")) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + metricsPort + path)).build(), HttpResponse.BodyHandlers.ofString());
                    scan.add("http " + path, r.statusCode() + " " + r.headers().map() + "\n" + r.body());
                }
                badTokens(scan, chat, config, web, rest, gateway);
            }
            web.close();
            socket.shutdown();
            rest.close();
            gateway.shutdown();
            for (FakeSlackWebApi.Call c : web.calls()) {
                scan.add("slack replies", c.method() + " " + c.form());
            }
            for (FakeDiscordRest.Call c : rest.calls(c -> true)) {
                scan.add("discord replies", c.method() + " " + c.path() + " " + c.payload());
            }

            // The store, as rows (every table: audit, requests, votes, incidents...) and as raw files.
            scan.add("store rows", dumpStore(config.store().url(), STORE_PW));
            try {
                SlurmopsStore.open(config.store().url(), config.store().user(), WRONG_STORE_PW).close();
                scan.add("wrong store password", "opened?!");
            } catch (RuntimeException e) {
                scan.add("wrong store password", e);
            }
            // The CLI entry points with the same file, and config check on broken files around secrets.
            cli(scan, "config", "check", file.toString());
            cli(scan, "run", "--config", file.toString(), "!slurm help");
            cli(scan, "audit", "--config", file.toString());
            cli(scan, "config", "check", writeConfig("typo.yaml", "store:\n  url: jdbc:h2:file:" + state
                    + "/typo\n  pasword: " + TYPO_PW + "\n").toString());
            cli(scan, "config", "check", writeConfig("badtype.yaml", "store:\n  url: jdbc:h2:file:" + state
                    + "/t\n  password: [" + TYPO_PW + "]\nalertmanager:\n  enabled: true\n  auth: {secret: "
                    + AM_TOKEN + ", secretFile: relative/" + "file}\n").toString());
            cli(scan, "config", "check", writeConfig("yamlerror.yaml", "store:\n  url: jdbc:h2:file:" + state
                    + "/y\n  password: \"" + UNQUOTED_PW + "\n  user: [sa\n").toString());
            cli(scan, "config", "check", writeConfig("swapped.yaml", "slack:\n  botToken: " + SLACK_APP
                    + "\n  appToken: " + SLACK_BOT + "\n").toString());
            cli(scan, "bot", "--config", writeConfig("swapped-bot.yaml", config(web.apiUrl(), rest.url(), gateway.url(),
                    STORE_PW, "").replace("botToken: " + SLACK_BOT, "botToken: " + SLACK_APP)).toString());
            scan.addFiles("state dir", state);

            // The scanner itself finds what is there: the configuration file holds each live secret once.
            scan.add("(control) configuration file", Files.readString(file));
            assertThat(scan.hits(SECRETS)).as("the scan finds secrets where they are")
                    .contains(new SecretScan.Hit("store password", "(control) configuration file", 1),
                            new SecretScan.Hit("slack bot token", "(control) configuration file", 1));
            scan.remove("(control) configuration file");
            List<SecretScan.Hit> hits = scan.hits(SECRETS);
            String figures = "secrets scan: " + SECRETS.size() + " secrets, " + scan.sources().size() + " sources, "
                    + scan.bytes() + " bytes, " + scan.lines() + " lines scanned, hits " + hits.size();
            System.out.println(figures);
            Files.createDirectories(Path.of("target/reliability"));
            Files.writeString(Path.of("target/reliability/secrets.txt"), figures + "\nsources: "
                    + scan.sources().keySet() + "\n");
            StringBuilder all = new StringBuilder();
            scan.sources().forEach((k, v) -> all.append("==== ").append(k).append('\n').append(v).append('\n'));
            Files.writeString(Path.of("target/reliability/secrets-captured.txt"), all);
            assertThat(scan.bytes()).as("the run said something to scan").isGreaterThan(10_000);
            assertThat(scan.sources().get("logs")).as("logs were captured").isNotBlank();
            assertThat(hits).as(figures).isEmpty();
        }
    }

    /** Through Slack: reads, a change that opens an approval, the vote that runs it, audit, bad input. */
    private static void converse(FakeSocketMode socket, FakeSlackWebApi web) throws Exception {
        String[][] lines = {
                {ALICE, "!slurm help"}, {ALICE, "!slurm status"}, {ALICE, "!slurm nodes"}, {ALICE, "!slurm check db"},
                {ALICE, "!slurm drain node001 secret-scan"}, {ALICE, "!slurm pending"}, {BOB, "!slurm approve 1"},
                {ALICE, "!slurm frobnicate " + "--token"}, {"U_EVE", "!slurm nodes"}, {BOB, "!slurm audit"},
                {ALICE, "!slurm alerts"}};
        for (int i = 0; i < lines.length; i++) {
            String ts = "1710000000.%06d".formatted(100 + i);
            socket.sendFrame(SlackFrames.message("Ev" + i, SLACK_CHANNEL, lines[i][0], lines[i][1], ts));
            web.await("chat.postMessage", c -> ts.equals(c.get("thread_ts")));
        }
    }

    private static void discord(FakeDiscordGateway gateway, FakeDiscordRest rest) {
        for (String line : List.of("!slurm help", "!slurm nodes", "!slurm check db")) {
            String id = DiscordFrames.newId();
            gateway.dispatch(DiscordFrames.message(id, FakeDiscordGateway.CHANNEL, DiscordFrames.USER, "alice", line));
            rest.await(line, c -> c.payload() != null && c.payload().toString().contains(id));
        }
    }

    private void alertmanager(SecretScan scan, int port) throws Exception {
        String body = """
                {"version":"4","groupKey":"g","status":"firing","receiver":"slurmops","alerts":[{"status":"firing",
                 "labels":{"alertname":"SlurmNodeDown","node":"node003"},"annotations":{},"fingerprint":"f1"}]}""";
        for (String auth : List.of("Bearer " + WRONG_AM, "Basic " + WRONG_AM, WRONG_AM, "Bearer " + AM_TOKEN)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/alertmanager")).header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            scan.add("alertmanager answers", r.statusCode() + " " + r.headers().map() + " " + r.body());
        }
    }

    /** Wrong tokens at the start of a second connection: the refusal names the setting, never the value. */
    private static void badTokens(SecretScan scan, ChatConfig chat, SlurmopsConfig config, FakeSlackWebApi web,
                                  FakeDiscordRest rest, FakeDiscordGateway gateway) {
        ChatConfig wrongSlack = new ChatConfig(chat.slack().map(s -> new io.slurmops.adapters.chat.slack.SlackSettings(
                WRONG_SLACK, s.appToken(), s.webApiUrl(), s.allowedChannels(), s.outsideChannels(), false)),
                java.util.Optional.empty());
        ChatConfig wrongDiscord = new ChatConfig(java.util.Optional.empty(), chat.discord().map(d ->
                new io.slurmops.adapters.chat.discord.DiscordSettings(WRONG_DISCORD, rest.url(), gateway.url(),
                        d.allowedChannels(), d.outsideChannels(), false, d.slashCommand())));
        for (ChatConfig wrong : List.of(wrongSlack, wrongDiscord)) {
            try (Application other = Application.start(config, FakeCluster.withNodes(1), Clock.systemDefaultZone())) {
                ChatAdapters.start(wrong, config.prefix(), other.bot()).close();
                scan.add("wrong token", "connected?!");
            } catch (Exception e) {
                scan.add("wrong token", e);
            }
        }
    }

    private static String dumpStore(String url, String password) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url, "sa", password);
             ResultSet rs = c.createStatement().executeQuery("SCRIPT")) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
        }
        return out.toString();
    }

    private static void cli(SecretScan scan, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
            System.setOut(p);
            System.setErr(p);
            int rc = Main.execute(args);
            scan.add("cli " + args[0] + " " + args[1], "rc=" + rc + "\n" + out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path writeConfig(String name, String text) throws Exception {
        Path f = configs.resolve(name);
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private String config(String slackUrl, String discordRest, String discordGateway, String storePw, String extra) {
        return """
                site: {cluster: test, controller: ctl, serviceManager: [systemctl], nodeServiceManager: [systemctl],
                       accountingDb: {url: "jdbc:mariadb://127.0.0.1:9/slurm_acct_db", user: slurm,
                                      password: %s, connectTimeout: 1s}}
                store:
                  url: jdbc:h2:file:%s/store
                  user: sa
                  password: %s
                access:
                  users: {"slack:U_ALICE": operator, "slack:U_BOB": approver, "discord:%s": operator}
                alerts:
                  channel: slack:C111
                  interval: 1h
                  nodesInterval: 1h
                alertmanager:
                  enabled: true
                  port: 0
                  auth: {secret: %s}
                  fixes:
                    - {alertname: SlurmNodeDown, command: "restart slurmd {node}"}
                metrics: {enabled: true, port: 0}
                slack:
                  botToken: %s
                  appToken: %s
                  webApiUrl: %s
                  allowedChannels: [C111]
                discord:
                  token: %s
                  restUrl: %s
                  gatewayUrl: %s
                  allowedChannels: ["%s"]
                  slashCommand: none
                %s""".formatted(ACCT_PW, state, storePw, DiscordFrames.USER, AM_TOKEN, SLACK_BOT, SLACK_APP, slackUrl,
                DISCORD, discordRest, discordGateway, FakeDiscordGateway.CHANNEL, extra);
    }
}
