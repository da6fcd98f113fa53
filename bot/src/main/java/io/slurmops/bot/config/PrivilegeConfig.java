package io.slurmops.bot.config;

/**
 * {@code privilege:} — the root-owned helper the bot, running as its own user, invokes through sudo for what needs root on the controller.
 * (Placeholder created so parallel work has its own section; the owner fills in the components.)
 */
public record PrivilegeConfig(boolean enabled) {

    public static PrivilegeConfig defaults() {
        return new PrivilegeConfig(false);
    }
}
