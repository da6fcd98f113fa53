package io.slurmops.adapters.chat.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The shared payload fixtures: read from {@code ../shared/fixtures} beside the repository (where CI and
 * the team keep them), else from the copies in {@code src/test/resources/fixtures}, so a lone clone
 * still tests.
 */
public final class Fixtures {

    private static final Path SHARED = findShared();

    private Fixtures() {
    }

    /** e.g. {@code read("slack/events_api_message.json")}. */
    public static String read(String name) {
        try {
            if (SHARED != null && Files.isRegularFile(SHARED.resolve(name))) {
                return Files.readString(SHARED.resolve(name));
            }
            try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no fixture " + name + " in " + SHARED + " nor on the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonObject json(String name) {
        return JsonParser.parseString(read(name)).getAsJsonObject();
    }

    /** A fixture with some fields changed, as a frame ready to send. */
    public static String edit(String name, Consumer<JsonObject> change) {
        JsonObject o = json(name);
        change.accept(o);
        return o.toString();
    }

    /** The repository root is the first directory upwards holding {@code lab/} or {@code .git}. */
    private static Path findShared() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("lab")) || Files.exists(dir.resolve(".git"))) {
                Path shared = dir.resolveSibling("shared").resolve("fixtures");
                return Files.isDirectory(shared) ? shared : null;
            }
        }
        return null;
    }

    /** The shared fixtures directory, or null when this clone has no {@code ../shared} beside it. */
    public static Path sharedDir() {
        return SHARED;
    }

    /** The copy in src/test/resources, used when the shared directory is absent. */
    public static String readCopy(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no copy of fixture " + name + " in src/test/resources/fixtures");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
