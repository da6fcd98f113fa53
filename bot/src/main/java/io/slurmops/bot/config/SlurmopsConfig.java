package io.slurmops.bot.config;

import io.slurmops.commands.site.SiteProfile;

/** The whole configuration, immutable once loaded and validated. */
public record SlurmopsConfig(String source, String prefix, SiteProfile site, SshConfig ssh, StoreConfig store,
                             AccessConfig access, ApprovalConfig approvals, ConsoleConfig console,
                             AlertConfig alerts, AccountingDbConfig accountingDb,
                             RunbookConfig runbooks, BackupConfig backups, AlertmanagerConfig alertmanager,
                             EscalationConfig escalation, MetricsConfig metrics, PrivilegeConfig privilege,
                             IncidentCommandConfig incidents) {

    /** A configuration with the defaults of the sections added after the Alertmanager webhook. */
    public SlurmopsConfig(String source, String prefix, SiteProfile site, SshConfig ssh, StoreConfig store,
                          AccessConfig access, ApprovalConfig approvals, ConsoleConfig console,
                          AlertConfig alerts, AccountingDbConfig accountingDb,
                          RunbookConfig runbooks, BackupConfig backups, AlertmanagerConfig alertmanager) {
        this(source, prefix, site, ssh, store, access, approvals, console, alerts, accountingDb, runbooks, backups,
                alertmanager, EscalationConfig.defaults(), MetricsConfig.defaults(), PrivilegeConfig.defaults(),
                IncidentCommandConfig.defaults());
    }

    /** A configuration without the Alertmanager webhook. */
    public SlurmopsConfig(String source, String prefix, SiteProfile site, SshConfig ssh, StoreConfig store,
                          AccessConfig access, ApprovalConfig approvals, ConsoleConfig console,
                          AlertConfig alerts, AccountingDbConfig accountingDb,
                          RunbookConfig runbooks, BackupConfig backups) {
        this(source, prefix, site, ssh, store, access, approvals, console, alerts, accountingDb, runbooks, backups,
                AlertmanagerConfig.off());
    }

    /** A configuration without site.accountingDb (check db then asks slurmdbd only). */
    public SlurmopsConfig(String source, String prefix, SiteProfile site, SshConfig ssh, StoreConfig store,
                          AccessConfig access, ApprovalConfig approvals, ConsoleConfig console, AlertConfig alerts) {
        this(source, prefix, site, ssh, store, access, approvals, console, alerts, AccountingDbConfig.none());
    }

    /** A configuration with the default runbook and backup settings. */
    public SlurmopsConfig(String source, String prefix, SiteProfile site, SshConfig ssh, StoreConfig store,
                          AccessConfig access, ApprovalConfig approvals, ConsoleConfig console, AlertConfig alerts,
                          AccountingDbConfig accountingDb) {
        this(source, prefix, site, ssh, store, access, approvals, console, alerts, accountingDb,
                RunbookConfig.defaults(), BackupConfig.defaults());
    }
}
