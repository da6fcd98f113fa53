package io.slurmops.bot.config;

import io.slurmops.commands.site.SiteProfile;

/** The whole configuration, immutable once loaded and validated. */
public record SlurmopsConfig(String source, String prefix, SiteProfile site, SshConfig ssh, StoreConfig store,
                             AccessConfig access, ApprovalConfig approvals, ConsoleConfig console,
                             AlertConfig alerts, AccountingDbConfig accountingDb) {
}
