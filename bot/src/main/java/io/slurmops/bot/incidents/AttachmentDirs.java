package io.slurmops.bot.incidents;

import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.bot.config.SlurmopsConfig;

import java.nio.file.Path;

/**
 * Where the console and {@code incident export} write files: {@code incidents.attachmentDir}, else
 * "attachments" beside the embedded store's file (the bot's state directory), else the working directory.
 */
public final class AttachmentDirs {

    private AttachmentDirs() {
    }

    public static Path of(SlurmopsConfig config) {
        String configured = config.incidents().attachmentDir();
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        return SlurmopsStore.fileOf(config.store().url()).map(Path::toAbsolutePath).map(Path::getParent)
                .map(p -> p.resolve("attachments")).orElse(Path.of("slurmops-attachments").toAbsolutePath());
    }
}
