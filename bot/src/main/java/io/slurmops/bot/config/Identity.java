package io.slurmops.bot.config;

import java.util.List;
import java.util.Optional;

/**
 * A user as one chat platform knows them, written {@code slack:U0123ABC}, {@code discord:123456789012345678}
 * or {@code console:alice}. Bare ids are ambiguous across platforms (and a person has one per
 * platform), so access keys and the approval rules use only qualified identities.
 *
 * @param platform slack, discord or console ({@code slurmops run} and the terminal chat are both console)
 * @param id       the platform's user id; for the console the OS account name (or the {@code --as} name)
 */
public record Identity(String platform, String id) {

    public static final List<String> PLATFORMS = List.of("slack", "discord", "console");
    /** The platform name {@code slurmops run} gives its messages; it acts with the console's identity. */
    private static final String CLI = "cli";

    public Identity {
        if (platform == null || platform.isBlank() || id == null || id.isBlank()) {
            throw new IllegalArgumentException("an identity needs a platform and an id");
        }
    }

    /** The identity behind a chat event of {@code eventPlatform} by {@code userId}. */
    public static Identity of(String eventPlatform, String userId) {
        return new Identity(CLI.equals(eventPlatform) ? "console" : eventPlatform, userId);
    }

    /** {@code platform:id} with a known platform; empty for a bare or unknown-platform key. */
    public static Optional<Identity> parse(String key) {
        int colon = key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1) {
            return Optional.empty();
        }
        String platform = key.substring(0, colon);
        String id = key.substring(colon + 1);
        if (!PLATFORMS.contains(platform) || id.isBlank() || !id.strip().equals(id)) {
            return Optional.empty();
        }
        return Optional.of(new Identity(platform, id));
    }

    /** How to write a key, for configuration errors. */
    static String howToWrite(String bare) {
        String name = bare.contains(":") ? bare.substring(bare.indexOf(':') + 1) : bare;
        return "write it qualified by its platform: slack:U0123ABC (Slack member id), discord:123456789012345678 "
                + "(Discord user id, quoted) or console:" + (name.isBlank() ? "NAME" : name)
                + " (the OS user of slurmops console/run)";
    }

    public String qualified() {
        return platform + ":" + id;
    }

    @Override
    public String toString() {
        return qualified();
    }
}
