package io.slurmops.bot.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.slurmops.commands.backup.VerifyLimits;
import io.slurmops.commands.site.LogSource;
import io.slurmops.commands.site.SiteProfile;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/**
 * Reads the YAML configuration into immutable records: {@code ${ENV}} interpolation for secrets,
 * defaults for a standard systemd site, and validation that reports every problem at once.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("prefix", "site", "ssh", "store", "access", "approvals", "console",
            "alerts", "slack", "discord", "people", "groups", "runbooks", "backups", "alertmanager",
            "escalation", "metrics", "privilege", "incidents");
    private static final Set<String> SITE = Set.of("cluster", "controller", "backupController", "dbdHost",
            "serviceManager", "nodeServiceManager", "units", "logs", "slurmEnvironment", "slurmConf", "mungeKey",
            "slurmTimeout", "nodeTimeout", "fanout", "accountingDb");
    private static final Set<String> SSH = Set.of("user", "port", "privateKey", "knownHosts", "connectTimeout",
            "keepAlive", "idleExpiry", "maxSessionsPerHost", "maxPooledConnections");
    private static final Set<String> KNOWN_SERVICES = Set.of("slurmctld", "slurmdbd", "slurmd", "munge", "mariadb");

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static ConfigLoader fromSystem() {
        return new ConfigLoader(System.getenv());
    }

    public SlurmopsConfig load(Path file) throws ConfigException {
        return loadWithTrust(file).config();
    }

    /**
     * A configuration and whether only root or the service account could have written it
     * ({@link ConfigFileTrust}): judged on the very bytes parsed, so a file swapped after the check
     * cannot grant {@code console.switchUser}.
     */
    public record Loaded(SlurmopsConfig config, Optional<String> whyUntrusted) {
    }

    public Loaded loadWithTrust(Path file) throws ConfigException {
        ConfigFileTrust.Read read;
        try {
            read = ConfigFileTrust.read(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), List.of("file not found"));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
        return new Loaded(parse(read.text(), file.toString()), read.whyUntrusted());
    }

    public SlurmopsConfig parse(String yaml, String source) throws ConfigException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new ConfigException(source, List.of(YamlErrors.describe(e)));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = YAML.createObjectNode();
        }
        List<String> problems = new ArrayList<>();
        if (!root.isObject()) {
            throw new ConfigException(source, List.of("the top level must be a mapping of sections"));
        }
        Node top = new Node(root, "", problems, Interpolation.fromEnvironment(env));
        top.allowOnly(TOP);
        String prefix = top.string("prefix", "!slurm");
        if (prefix.isBlank() || prefix.contains(" ")) {
            top.problem("prefix", "`" + prefix + "` must be one word, e.g. !slurm");
        }
        SiteProfile site = site(top.child("site"));
        AccountingDbConfig accountingDb = siteAccountingDb(top.child("site").child("accountingDb"));
        SshConfig ssh = ssh(top.child("ssh"));
        StoreConfig store = store(top.child("store"));
        AccessConfig access = AccessLoader.load(top);
        ApprovalConfig approvals = approvals(top.child("approvals"));
        Node console = top.child("console");
        console.allowOnly(Set.of("user", "channel", "switchUser"));
        ConsoleConfig consoleConfig = new ConsoleConfig(console.string("user", "console"),
                console.string("channel", "console"), console.bool("switchUser", false));
        AlertConfig alerts = alerts(top.child("alerts"));
        RunbookConfig runbooks = runbooks(top.child("runbooks"));
        BackupConfig backups = backups(top.child("backups"));
        AlertmanagerConfig alertmanager = AlertmanagerLoader.load(top.child("alertmanager"));
        EscalationConfig escalation = EscalationLoader.load(top.child("escalation"), access.people());
        MetricsConfig metrics = MetricsLoader.load(top.child("metrics"), alertmanager);
        PrivilegeConfig privilege = PrivilegeLoader.load(top.child("privilege"));
        IncidentCommandConfig incidents = IncidentCommandLoader.load(top.child("incidents"));
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new SlurmopsConfig(source, prefix, site, ssh, store, access, approvals, consoleConfig, alerts,
                accountingDb, runbooks, backups, alertmanager, escalation, metrics, privilege, incidents);
    }

    private static RunbookConfig runbooks(Node n) {
        n.allowOnly(Set.of("siteDir"));
        String dir = n.string("siteDir", "");
        if (!dir.isEmpty() && !dir.startsWith("/")) {
            n.problem("siteDir", "`" + dir + "` must be an absolute path");
        }
        return new RunbookConfig(dir);
    }

    private static BackupConfig backups(Node n) {
        n.allowOnly(Set.of("dir", "retention", "dailyAt", "scratch", "database", "clientDefaults", "verify"));
        BackupConfig d = BackupConfig.defaults();
        String dir = n.string("dir", d.dir());
        if (!dir.matches("/[A-Za-z0-9._+@%,:/-]+")) {
            // Backup paths go into argv on the controller and into runbook values shown to people.
            n.problem("dir", "`" + dir + "` must be an absolute path of letters, digits and . _ + @ % , : - /");
        }
        String at = n.string("dailyAt", "");
        java.util.Optional<java.time.LocalTime> dailyAt = java.util.Optional.empty();
        if (!at.isBlank()) {
            try {
                dailyAt = java.util.Optional.of(java.time.LocalTime.parse(at));
            } catch (java.time.format.DateTimeParseException e) {
                n.problem("dailyAt", "`" + at + "` is not a time of day like 03:00");
            }
        }
        String database = n.string("database", d.database());
        if (!database.matches("[A-Za-z0-9_]+")) {
            n.problem("database", "`" + database + "` must be a database name of letters, digits and _");
        }
        String clientDefaults = n.string("clientDefaults", "");
        if (!clientDefaults.isEmpty() && !clientDefaults.startsWith("/")) {
            n.problem("clientDefaults", "`" + clientDefaults + "` must be an absolute path");
        }
        AccountingDbConfig scratch = accountingDb(n.child("scratch"));
        if (scratch.configured() && !scratch.url().matches("jdbc:mariadb://[^/]+/[A-Za-z0-9_]+")) {
            n.problem("scratch.url", "`" + scratch.url() + "` must name the scratch schema: jdbc:mariadb://HOST:PORT/SCHEMA");
        }
        return new BackupConfig(dir, n.duration("retention", d.retention()), dailyAt, scratch, database, clientDefaults,
                verifyLimits(n.child("verify")));
    }

    /** {@code backups.verify}: a dump up to maxRows rows is restored whole, within timeout; beyond, structure + counts. */
    private static VerifyLimits verifyLimits(Node n) {
        n.allowOnly(Set.of("maxRows", "timeout"));
        VerifyLimits d = VerifyLimits.DEFAULT;
        return new VerifyLimits(n.integer("maxRows", (int) d.maxRows(), 0, Integer.MAX_VALUE),
                n.duration("timeout", d.timeout()));
    }

    private SiteProfile site(Node n) {
        n.allowOnly(SITE);
        SiteProfile d = SiteProfile.systemdDefaults("cluster");
        Map<String, LogSource> logs = new LinkedHashMap<>(d.logs());
        n.child("logs").children().forEach((daemon, src) -> {
            src.allowOnly(Set.of("file", "journal"));
            String file = src.string("file", null);
            String unit = src.string("journal", null);
            if ((file == null) == (unit == null)) {
                n.problem("logs." + daemon, "give exactly one of `file: PATH` or `journal: UNIT`");
            } else {
                logs.put(daemon, file != null ? LogSource.file(file) : LogSource.journal(unit));
            }
        });
        Map<String, String> units = n.child("units").stringMap();
        units.keySet().stream().filter(k -> !KNOWN_SERVICES.contains(k)).forEach(k ->
                n.problem("units." + k, "unknown service; expected one of " + String.join(", ", KNOWN_SERVICES)));
        Duration slurmTimeout = n.duration("slurmTimeout", d.slurmTimeout());
        if (slurmTimeout.compareTo(Duration.ofSeconds(10)) < 0) {
            n.problem("slurmTimeout", "`" + n.string("slurmTimeout", "") + "` is shorter than 10s; Slurm clients retry "
                    + "a dead controller for MessageTimeout - 1 s (9 s by default), so the bot would time out "
                    + "instead of reporting the controller down");
        }
        List<String> manager = n.strings("serviceManager", d.serviceManager());
        List<String> nodeManager = n.strings("nodeServiceManager", d.nodeServiceManager());
        if (manager.isEmpty()) {
            n.problem("serviceManager", "must name a program, e.g. [systemctl]");
        }
        if (nodeManager.isEmpty()) {
            n.problem("nodeServiceManager", "must name a program, e.g. [systemctl]");
        }
        return new SiteProfile(
                n.string("cluster", "cluster"),
                n.string("controller", d.controller()),
                n.string("backupController", ""),
                n.string("dbdHost", ""),
                manager.isEmpty() ? d.serviceManager() : manager,
                nodeManager.isEmpty() ? d.nodeServiceManager() : nodeManager,
                units,
                logs,
                n.child("slurmEnvironment").stringMap(),
                n.string("slurmConf", d.slurmConf()),
                n.string("mungeKey", d.mungeKey()),
                slurmTimeout,
                n.duration("nodeTimeout", d.nodeTimeout()),
                n.integer("fanout", d.fanout(), 1, 1024));
    }

    /** site.accountingDb: the read account plus adminDefaults, which works without a url too. */
    private static AccountingDbConfig siteAccountingDb(Node n) {
        n.allowOnly(Set.of("url", "user", "password", "passwordFile", "connectTimeout", "adminDefaults"));
        String adminDefaults = n.string("adminDefaults", "");
        if (!adminDefaults.isEmpty() && !adminDefaults.startsWith("/")) {
            n.problem("adminDefaults", "`" + adminDefaults + "` must be an absolute path (a MariaDB client option "
                    + "file on the dbd host)");
        }
        AccountingDbConfig c = accountingDb(n, false);
        return new AccountingDbConfig(c.url(), c.user(), c.password(), c.passwordFile(), c.connectTimeout(),
                adminDefaults);
    }

    private static AccountingDbConfig accountingDb(Node n) {
        return accountingDb(n, true);
    }

    private static AccountingDbConfig accountingDb(Node n, boolean checkKeys) {
        if (checkKeys) {
            n.allowOnly(Set.of("url", "user", "password", "passwordFile", "connectTimeout"));
        }
        String url = n.string("url", "");
        String password = n.string("password", "");
        String passwordFile = n.string("passwordFile", "");
        if (url.isBlank()) {
            return AccountingDbConfig.none();
        }
        if (!url.startsWith("jdbc:mariadb:")) {
            n.problem("url", "`" + url + "` is not supported; expected jdbc:mariadb://HOST:PORT/slurm_acct_db");
        }
        String user = n.string("user", "");
        if (user.isBlank()) {
            n.problem("user", "is required with url (slurmdbd.conf's StorageUser, usually slurm)");
        }
        if (!password.isEmpty() && !passwordFile.isEmpty()) {
            n.problem("password", "give either password or passwordFile, not both");
        }
        return new AccountingDbConfig(url, user, password, passwordFile,
                n.duration("connectTimeout", Duration.ofSeconds(5)));
    }

    private static SshConfig ssh(Node n) {
        n.allowOnly(SSH);
        return new SshConfig(
                n.string("user", "root"),
                n.integer("port", 22, 1, 65535),
                n.string("privateKey", System.getProperty("user.home") + "/.ssh/id_ed25519"),
                n.string("knownHosts", System.getProperty("user.home") + "/.ssh/known_hosts"),
                n.duration("connectTimeout", Duration.ofSeconds(10)),
                n.duration("keepAlive", Duration.ofSeconds(30)),
                n.duration("idleExpiry", Duration.ofMinutes(10)),
                n.integer("maxSessionsPerHost", 8, 1, 64),
                n.integer("maxPooledConnections", 2048, 1, 100_000));
    }

    private static StoreConfig store(Node n) {
        n.allowOnly(Set.of("url", "user", "password", "leaseTtl", "leaseRenewEvery"));
        String url = n.string("url", "jdbc:h2:file:" + System.getProperty("user.home") + "/.slurmops/store");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:mariadb:")) {
            n.problem("url", "`" + url + "` is not supported; expected jdbc:h2:file:PATH or jdbc:mariadb://HOST/DB");
        }
        // Several instances on one store: the leader renews its leases every leaseRenewEvery; a standby
        // takes over within leaseTtl + leaseRenewEvery of the leader's death.
        Duration ttl = n.duration("leaseTtl", Duration.ofSeconds(15));
        Duration renew = n.duration("leaseRenewEvery", Duration.ofSeconds(3));
        if (renew.multipliedBy(2).compareTo(ttl) > 0) {
            n.problem("leaseRenewEvery", renew + " is more than half of leaseTtl " + ttl
                    + ": one slow renewal would lose the lease; make it at most half");
        }
        return new StoreConfig(url, n.string("user", ""), n.string("password", ""), ttl, renew);
    }

    private static AlertConfig alerts(Node n) {
        n.allowOnly(Set.of("enabled", "interval", "nodesInterval", "recoveryPolls", "flapWindow", "triggers",
                "triggerSpool", "slurmUser", "channel", "confirmEvery"));
        String channel = n.string("channel", "");
        if (!channel.isBlank() && !channel.matches("(slack|discord):[A-Za-z0-9_-]+")) {
            n.problem("channel", "`" + channel + "` is not slack:CHANNEL_ID or discord:CHANNEL_ID");
        }
        String spool = n.string("triggerSpool", "/var/spool/slurmops/triggers");
        if (!spool.matches("/[A-Za-z0-9._+@%,:/-]+")) {
            // It is written into the scripts slurmctld runs: nothing in it may mean anything to a shell.
            n.problem("triggerSpool", "`" + spool + "` must be an absolute path of letters, digits and . _ + @ % , : - /");
        }
        Duration confirmEvery = n.duration("confirmEvery", AlertConfig.DEFAULT_CONFIRM_EVERY);
        if (confirmEvery.compareTo(Duration.ofMillis(100)) < 0) {
            // Two checks milliseconds apart would confirm nothing: flap suppression needs time between them.
            n.problem("confirmEvery", "`" + confirmEvery.toMillis() + "ms` is too short; use at least 100ms (e.g. 2s)");
            confirmEvery = AlertConfig.DEFAULT_CONFIRM_EVERY;
        }
        return new AlertConfig(
                n.bool("enabled", true),
                n.duration("interval", Duration.ofSeconds(60)),
                n.duration("nodesInterval", Duration.ofSeconds(10)),
                n.integer("recoveryPolls", 2, 1, 100),
                n.duration("flapWindow", Duration.ofMinutes(10)),
                n.bool("triggers", false),
                spool,
                n.string("slurmUser", "slurm"),
                channel,
                confirmEvery);
    }

    private static ApprovalConfig approvals(Node n) {
        n.allowOnly(Set.of("expiry", "risk", "orphanExpiry", "massShare", "massMinNodes"));
        Map<String, String> risk = n.child("risk").stringMap();
        risk.forEach((command, level) -> {
            if (!Set.of("read", "change", "destructive").contains(level)) {
                n.problem("risk." + command, "`" + level + "` is not a risk level; expected read, change or destructive");
            }
        });
        return new ApprovalConfig(n.duration("expiry", Duration.ofMinutes(15)), risk,
                n.duration("orphanExpiry", ApprovalConfig.DEFAULT_ORPHAN_EXPIRY), massShare(n),
                n.integer("massMinNodes", ApprovalConfig.DEFAULT_MASS_MIN_NODES, 1, 1_000_000));
    }

    /** {@code massShare: 25%} (or {@code 25}): the share of the cluster's nodes above which a change is a mass action. */
    private static int massShare(Node n) {
        String raw = n.string("massShare", null);
        if (raw == null) {
            return ApprovalConfig.DEFAULT_MASS_SHARE_PERCENT;
        }
        String digits = raw.strip().endsWith("%") ? raw.strip().substring(0, raw.strip().length() - 1).strip() : raw.strip();
        try {
            int v = Integer.parseInt(digits);
            if (v >= 1 && v <= 100) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        n.problem("massShare", "`" + raw + "` is not a share of nodes; write a whole percentage from 1% to 100%, e.g. 25%");
        return ApprovalConfig.DEFAULT_MASS_SHARE_PERCENT;
    }
}
