package io.slurmops.bot.cli;

import io.slurmops.adapters.os.ProcessUser;
import io.slurmops.bot.config.ConfigFileTrust;
import io.slurmops.bot.config.SlurmopsConfig;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Who types in {@code slurmops console} and {@code slurmops run}: the account of the process's real
 * uid; another user ({@code --as}, {@code /as}, {@code console.user}) only where the configuration
 * allows switching and the file allowing it is one that only root or the service account can change.
 *
 * @param user        the console user name (the identity is {@code console:USER})
 * @param whyNoSwitch null when {@code /as} may switch; otherwise the sentence saying why not
 */
record ConsoleIdentity(String user, String whyNoSwitch) {

    boolean maySwitch() {
        return whyNoSwitch == null;
    }

    /** Resolves the identity, or empty after printing why {@code --as} is refused. Nothing is started yet. */
    static Optional<ConsoleIdentity> resolve(SlurmopsConfig config, Path file, Optional<String> whyUntrusted,
                                             String requested) {
        String os = ProcessUser.realUserName();
        String whyNot;
        if (!config.console().switchUser()) {
            whyNot = "switching user is off in " + file + " (console.switchUser: false)";
        } else {
            whyNot = whyUntrusted
                    .map(why -> "console.switchUser is honoured only in a configuration that only root or "
                            + ConfigFileTrust.SERVICE_ACCOUNT + " can change: " + why)
                    .orElse(null);
        }
        if (whyNot == null) {
            return Optional.of(new ConsoleIdentity(requested != null ? requested : config.console().defaultUser(), null));
        }
        if (requested != null) {
            System.err.println("slurmops: " + (config.console().switchUser() ? "--as refused: " + whyNot
                    : "--as is off in " + file + " (console.switchUser: false)") + "; you act as the OS user " + os);
            return Optional.empty();
        }
        if (config.console().switchUser()) {
            System.err.println("slurmops: " + whyNot + "; acting as the OS user " + os);
        }
        return Optional.of(new ConsoleIdentity(os, whyNot + "; you are " + os));
    }

    /**
     * The line the console prints once at start when it runs as root: {@code sudo slurmops console} (or
     * {@code run}) makes whoever typed it {@code console:root}, one identity for every sudoer. Empty for
     * any other account.
     */
    static Optional<String> rootNotice(String osUser, String actingAs) {
        if (!"root".equals(osUser)) {
            return Optional.empty();
        }
        return Optional.of("slurmops: running as root — you act as console:" + actingAs + ", and so does everyone who "
                + "runs slurmops through sudo; votes cannot tell those people apart. Run it as your own account.");
    }
}
