package io.slurmops.commands.backup;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account a dump is restored with to verify it: rights on its own scratch schema only, so a
 * verification can never touch the live accounting database. The password is read when needed
 * (e.g. from the lab's generated file) and never printed.
 */
public record ScratchDb(String host, int port, String schema, String user, Supplier<String> password) {

    private static final Pattern URL = Pattern.compile("jdbc:mariadb://([^:/]+)(?::(\\d+))?/([A-Za-z0-9_]+).*");

    public ScratchDb {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!schema.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("scratch schema `" + schema + "` must be letters, digits and _");
        }
    }

    /** From {@code jdbc:mariadb://HOST[:PORT]/SCHEMA}. */
    public static ScratchDb fromUrl(String url, String user, Supplier<String> password) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("scratch url `" + url + "` is not jdbc:mariadb://HOST[:PORT]/SCHEMA");
        }
        return new ScratchDb(m.group(1), m.group(2) == null ? 3306 : Integer.parseInt(m.group(2)), m.group(3), user, password);
    }

    /** The [client] option file the mariadb client reads: written 0600 on the host, deleted after. */
    String clientFile() {
        return "[client]\nhost=" + host + "\nport=" + port + "\nuser=" + user + "\npassword=" + password.get() + "\n";
    }

    @Override
    public String toString() {
        return "ScratchDb[" + user + "@" + host + ":" + port + "/" + schema + "]";
    }
}
